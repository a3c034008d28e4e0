# language: es
Característica: Garantía del sistema de gestión
  Como consultor
  quiero comprobar que los elementos clave del plan están fijados por sistemas de gestión
  (evaluación del desempeño, colaboración entre departamentos, sistemas funcionales)
  para saber qué riesgos corre la ejecución y qué medidas proponer.

  Esquema del escenario: <sección>: el riesgo "<riesgo>" queda <estado>
    Dado un plan con las respuestas "<respuestas>"
    Cuando evalúo el plan
    Entonces el riesgo "<riesgo>" está "<estado>"

    Ejemplos:
      | sección          | respuestas                                                           | riesgo                      | estado      |
      | SYS.BASIC.PERF   | evaluation_basis=sales_only                                          | staff_not_steered           | establecido |
      | SYS.BASIC.PERF   | evaluation_basis=plan_objectives                                     | staff_not_steered           | ausente     |
      | SYS.BASIC.PERF   | evaluation_basis=unknown                                             | staff_not_steered           | abierto     |
      | SYS.BASIC.PERF   | plan_deep_distribution=sí; distribution_rate_kpi=no                  | distribution_rate_neglected | establecido |
      | SYS.BASIC.PERF   | plan_deep_distribution=sí; distribution_rate_kpi=sí                  | distribution_rate_neglected | ausente     |
      | SYS.BASIC.PERF   | plan_deep_distribution=no                                            | distribution_rate_neglected | ausente     |
      | SYS.BASIC.PERF   | plan_deep_distribution=sí                                            | distribution_rate_neglected | abierto     |
      | SYS.BASIC.COLLAB | collaboration_agreements=no; project_teams=no                        | departments_pull_apart      | establecido |
      | SYS.BASIC.COLLAB | collaboration_agreements=no; project_teams=sí                        | departments_pull_apart      | ausente     |
      | SYS.BASIC.COLLAB | collaboration_agreements=no                                          | departments_pull_apart      | abierto     |
      | SYS.BASIC.COLLAB | plan_new_products=sí; npd_lead_department=technology                 | new_products_slow           | establecido |
      | SYS.BASIC.COLLAB | plan_new_products=sí; npd_lead_department=marketing; npd_responsibility_letters=[production, technology, supply] | new_products_slow | ausente |
      | SYS.BASIC.COLLAB | plan_new_products=sí; npd_lead_department=marketing                  | new_products_slow           | abierto     |
      | SYS.FUNC         | functional_systems=[]                                                | sales_work_without_norms    | establecido |
      | SYS.FUNC         | functional_systems=[sales]; systems_set_standards=sí                 | sales_work_without_norms    | ausente     |
      | SYS.FUNC         | functional_systems=unknown                                           | sales_work_without_norms    | abierto     |
      | SYS.FUNC         | plan_promotions=sí; functional_systems=[sales]                       | promotions_uncontrolled     | establecido |
      | SYS.FUNC         | plan_promotions=sí; functional_systems=[promotion]                   | promotions_uncontrolled     | ausente     |
      | SYS.FUNC         | plan_branches=sí                                                     | channel_execution_uneven    | abierto     |

  Escenario: SYS.BASIC.PERF: un plan de distribución en profundidad necesita un indicador de tasa de distribución
    Dado un plan con estas respuestas:
      | pregunta               | respuesta |
      | plan_deep_distribution | sí        |
      | distribution_rate_kpi  | no        |
    Cuando evalúo el plan
    Entonces se establece el hallazgo "distribution_kpi_missing"
    Y se establece el riesgo "distribution_rate_neglected" de gravedad "alta"
    Y el riesgo "distribution_rate_neglected" cita la sección "SYS.BASIC.PERF"
    Y se recomienda la medida "add_distribution_rate_kpi"

  Escenario: SYS.BASIC.COLLAB: nuevos productos sin liderazgo de marketing ni cartas de responsabilidad
    Dado un plan con estas respuestas:
      | pregunta                   | respuesta    |
      | plan_new_products          | sí           |
      | npd_lead_department        | production   |
      | npd_responsibility_letters | [technology] |
    Cuando evalúo el plan
    Entonces se establece el riesgo "new_products_slow" de gravedad "alta"
    Y la regla "collab_npd_slow_leadership" explica el riesgo "new_products_slow"
    Y la regla "collab_npd_slow_letters" explica el riesgo "new_products_slow"
    Y se recomienda la medida "npd_leadership_and_letters"
