# language: es
Característica: Recursos para la distribución capilar («distribución en profundidad»)
  Como consultor
  quiero comparar el personal de campo que la distribución capilar necesita, calculado con la
  carga de visitas, con el que el plan prevé
  para no dejar que el cliente prometa una cobertura que no puede dar, ni alarmarle cuando
  su equipo basta.

  Escenario: RES.KEY_PROJECTS: cinco personas por estado parecen bastantes, pero no para 25.000 tiendas
    Dado un plan con estas respuestas:
      | pregunta                | respuesta |
      | plan_deep_distribution  | sí        |
      | target_outlets          | 25000     |
      | visits_per_outlet_month | 2         |
      | visits_per_person_month | 240       |
      | field_staff_planned     | 60        |
    Cuando evalúo el plan
    Entonces el valor calculado "field_staff_needed" es 209
    Y el valor calculado "field_staff_coverage" es 28.8
    Y se establece el hallazgo "distributor_dependent_model"
    Y se establece el riesgo "deep_distribution_understaffed" de gravedad "alta"
    Y el riesgo "deep_distribution_understaffed" cita la sección "RES.KEY_PROJECTS"
    Y la regla "key_staff_far_below_workload" explica el riesgo "deep_distribution_understaffed"
    Y se recomienda la medida "staff_deep_distribution"

  Esquema del escenario: RES.KEY_PROJECTS: la gravedad sigue a la cobertura de la carga de visitas (<personas> de 200 necesarias)
    Dado un plan con las respuestas "plan_deep_distribution=sí; target_outlets=25000; visits_per_outlet_month=2; visits_per_person_month=250; field_staff_planned=<personas>"
    Cuando evalúo el plan
    Entonces se establece el riesgo "deep_distribution_understaffed" de gravedad "<gravedad>"

    Ejemplos:
      | personas | gravedad |
      | 60       | alta     |
      | 120      | media    |
      | 180      | baja     |

  Escenario: RES.KEY_PROJECTS: un equipo que cubre toda la carga de visitas no genera el riesgo
    Dado un plan con estas respuestas:
      | pregunta                | respuesta |
      | plan_deep_distribution  | sí        |
      | target_outlets          | 25000     |
      | visits_per_outlet_month | 2         |
      | visits_per_person_month | 250       |
      | field_staff_planned     | 200       |
    Cuando evalúo el plan
    Entonces no se establece el riesgo "deep_distribution_understaffed"
    Y no se recomienda la medida "staff_deep_distribution"

  Escenario: RES.KEY_PROJECTS: si no se sabe cuántas visitas hace una persona, el riesgo queda abierto
    Dado un plan con estas respuestas:
      | pregunta                | respuesta   |
      | plan_deep_distribution  | sí          |
      | target_outlets          | 25000       |
      | visits_per_outlet_month | 2           |
      | visits_per_person_month | desconocido |
      | field_staff_planned     | 60          |
    Cuando evalúo el plan
    Entonces el riesgo "deep_distribution_understaffed" queda abierto
    Y para decidir el riesgo "deep_distribution_understaffed" se pregunta "visits_per_person_month"

  Escenario: SYS.BASIC.PERF: sin la tasa de distribución en la evaluación, el documento propone añadirla
    Dado un plan con estas respuestas:
      | pregunta               | respuesta      |
      | plan_deep_distribution | sí             |
      | evaluation_basis       | mixed          |
      | objectives_left_out    | [distribution] |
    Cuando evalúo el plan
    Entonces se establece el riesgo "objectives_unmeasured" de gravedad "media"
    Y se recomienda la medida "add_distribution_rate_kpi"
