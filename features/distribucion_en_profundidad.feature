# language: es
Característica: Recursos para la distribución en profundidad
  Como consultor
  quiero saber si el plan tiene las personas que su distribución en profundidad necesita
  para no dejar que el cliente prometa una cobertura que no puede dar.

  Escenario: Una persona por provincia hace inviable la distribución en profundidad
    Dado un plan con estas respuestas:
      | pregunta               | respuesta |
      | plan_deep_distribution | sí        |
      | staff_per_province     | 1         |
    Cuando evalúo el plan
    Entonces se establece el hallazgo "deep_distribution_unstaffed"
    Y se establece el hallazgo "distributor_dependent_model"
    Y se establece el riesgo "deep_distribution_infeasible" de gravedad "alta"
    Y el riesgo "deep_distribution_infeasible" cita la sección "RES.KEY_PROJECTS"
    Y la regla "key_deep_distribution_infeasible" explica el riesgo "deep_distribution_infeasible"
    Y se recomienda la medida "staff_deep_distribution"

  Escenario: Un equipo de campo suficiente no genera el riesgo
    Dado un plan con estas respuestas:
      | pregunta               | respuesta |
      | plan_deep_distribution | sí        |
      | staff_per_province     | 12        |
    Cuando evalúo el plan
    Entonces no se establece el riesgo "deep_distribution_infeasible"

  Escenario: Si no se sabe cuántas personas hay, el riesgo queda abierto
    Dado un plan con estas respuestas:
      | pregunta               | respuesta   |
      | plan_deep_distribution | sí          |
      | staff_per_province     | desconocido |
    Cuando evalúo el plan
    Entonces el riesgo "deep_distribution_infeasible" queda abierto
    Y para decidir el riesgo "deep_distribution_infeasible" se pregunta "staff_per_province"
