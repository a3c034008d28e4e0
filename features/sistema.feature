# language: es
Característica: Garantía del sistema de gestión
  Como consultor
  quiero comprobar que los elementos clave del plan están fijados por sistemas de gestión
  (evaluación del desempeño, colaboración entre departamentos, sistemas funcionales)
  para saber qué riesgos corre la ejecución, con qué gravedad, y qué medidas proponer.

  Esquema del escenario: <sección>: el riesgo "<riesgo>" queda <estado>
    Dado un plan con las respuestas "<respuestas>"
    Cuando evalúo el plan
    Entonces el riesgo "<riesgo>" está "<estado>"

    Ejemplos:
      | sección          | respuestas                                                                                                   | riesgo                   | estado      |
      | SYS.BASIC.PERF   | plan_deep_distribution=sí; evaluation_basis=sales_only                                                       | staff_not_steered        | establecido |
      | SYS.BASIC.PERF   | plan_deep_distribution=no; plan_key_accounts=no; plan_new_products=no; evaluation_basis=sales_only           | staff_not_steered        | ausente     |
      | SYS.BASIC.PERF   | plan_deep_distribution=sí; evaluation_basis=unknown                                                          | staff_not_steered        | abierto     |
      | SYS.BASIC.PERF   | evaluation_basis=mixed; objectives_left_out=[new_products]                                                   | objectives_unmeasured    | establecido |
      | SYS.BASIC.PERF   | evaluation_basis=mixed; objectives_left_out=[none]                                                           | objectives_unmeasured    | ausente     |
      | SYS.BASIC.PERF   | plan_deep_distribution=sí; evaluation_basis=sales_only                                                       | objectives_unmeasured    | ausente     |
      | SYS.BASIC.COLLAB | collaboration_agreements=informal; project_teams=sí                                                          | departments_pull_apart   | establecido |
      | SYS.BASIC.COLLAB | collaboration_agreements=duties_only                                                                         | departments_pull_apart   | establecido |
      | SYS.BASIC.COLLAB | collaboration_agreements=duties_and_rights                                                                   | departments_pull_apart   | ausente     |
      | SYS.BASIC.COLLAB | collaboration_agreements=some_points                                                                         | departments_pull_apart   | establecido |
      | SYS.BASIC.COLLAB | collaboration_agreements=informal                                                                            | departments_pull_apart   | abierto     |
      | SYS.BASIC.COLLAB | plan_new_products=sí; npd_lead_department=technology                                                         | new_products_slow        | establecido |
      | SYS.BASIC.COLLAB | plan_new_products=sí; npd_lead_department=marketing; npd_departments_involved=[contract_manufacturer]; npd_departments_committed=[contract_manufacturer] | new_products_slow | ausente |
      | SYS.BASIC.COLLAB | plan_new_products=sí; npd_lead_department=marketing                                                          | new_products_slow        | abierto     |
      | SYS.FUNC         | plan_promotions=sí; functional_systems=[sales]                                                               | promotions_uncontrolled  | establecido |
      | SYS.FUNC         | plan_promotions=sí; functional_systems=[promotion]                                                           | promotions_uncontrolled  | ausente     |
      | SYS.FUNC         | plan_branches=sí                                                                                             | channel_execution_uneven | abierto     |
      | SYS.FUNC         | functional_systems=[sales]; systems_content=[none]                                                           | sales_work_without_norms | establecido |
      | SYS.FUNC         | functional_systems=[sales]; systems_content=[norms, standards]                                               | sales_work_without_norms | ausente     |

  Escenario: SYS.BASIC.PERF: una evaluación solo por ventas no orienta al personal hacia la distribución capilar
    Dado un plan con estas respuestas:
      | pregunta               | respuesta  |
      | plan_deep_distribution | sí         |
      | evaluation_basis       | sales_only |
    Cuando evalúo el plan
    Entonces se establece el riesgo "staff_not_steered" de gravedad "alta"
    Y el riesgo "staff_not_steered" cita la sección "SYS.BASIC.PERF"
    Y se recomienda la medida "tie_evaluation_to_plan"
    Y se recomienda la medida "add_distribution_rate_kpi"

  Escenario: SYS.BASIC.PERF: un plan sin más objetivo que el volumen puede evaluarse solo por ventas
    Dado un plan con estas respuestas:
      | pregunta               | respuesta  |
      | plan_deep_distribution | no         |
      | plan_key_accounts      | no         |
      | plan_new_products      | no         |
      | plan_promotions        | sí         |
      | evaluation_basis       | sales_only |
    Cuando evalúo el plan
    Entonces no se establece el riesgo "staff_not_steered"

  Escenario: SYS.BASIC.PERF: la gravedad crece con el número de objetivos que quedan fuera de la evaluación
    Dado un plan con estas respuestas:
      | pregunta            | respuesta                    |
      | plan_key_accounts   | sí                           |
      | plan_new_products   | sí                           |
      | evaluation_basis    | plan_objectives              |
      | objectives_left_out | [key_accounts, new_products] |
    Cuando evalúo el plan
    Entonces se establece el riesgo "objectives_unmeasured" de gravedad "alta"
    Y la regla "perf_several_objectives_left_out" explica el riesgo "objectives_unmeasured"
    Y se recomienda la medida "add_missing_kpis" con el título "Dar un indicador en la evaluación a lo que hoy queda fuera: Altas y ventas en las cadenas, Lanzamientos de productos nuevos"

  Escenario: SYS.BASIC.PERF: las promociones que ya mide su sistema no cuentan entre los objetivos sin medir
    Dado un plan con estas respuestas:
      | pregunta            | respuesta              |
      | plan_promotions     | sí                     |
      | plan_branches       | sí                     |
      | evaluation_basis    | mixed                  |
      | objectives_left_out | [promotions, branches] |
      | functional_systems  | [promotion, regional]  |
      | systems_content     | [norms, standards]     |
    Cuando evalúo el plan
    Entonces se establece el riesgo "objectives_unmeasured" de gravedad "media"
    Y la regla "perf_promotions_measured_by_system" explica el riesgo "objectives_unmeasured"

  Escenario: SYS.BASIC.PERF: si el sistema de promociones no mide su eficacia, dos objetivos fuera siguen siendo gravedad alta
    Dado un plan con estas respuestas:
      | pregunta            | respuesta              |
      | plan_promotions     | sí                     |
      | plan_branches       | sí                     |
      | evaluation_basis    | mixed                  |
      | objectives_left_out | [promotions, branches] |
      | functional_systems  | [promotion, regional]  |
      | systems_content     | [norms]                |
    Cuando evalúo el plan
    Entonces se establece el riesgo "objectives_unmeasured" de gravedad "alta"
    Y la regla "perf_several_objectives_left_out" explica el riesgo "objectives_unmeasured"

  Escenario: SYS.BASIC.PERF: si solo falta la tasa de distribución se propone la medida del documento, no otra genérica
    Dado un plan con estas respuestas:
      | pregunta               | respuesta      |
      | plan_deep_distribution | sí             |
      | evaluation_basis       | mixed          |
      | objectives_left_out    | [distribution] |
    Cuando evalúo el plan
    Entonces se establece el riesgo "objectives_unmeasured" de gravedad "media"
    Y se recomienda la medida "add_distribution_rate_kpi"
    Y no se recomienda la medida "add_missing_kpis"

  Escenario: SYS.BASIC.PERF: las consecuencias en la retribución son práctica de consultoría y nunca pasan de gravedad baja
    Dado un plan con estas respuestas:
      | pregunta                | respuesta       |
      | evaluation_basis        | plan_objectives |
      | objectives_left_out     | [none]          |
      | evaluation_consequences | no              |
    Cuando evalúo el plan
    Entonces se establece el riesgo "evaluation_toothless" de gravedad "baja"
    Y no se establece el riesgo "staff_not_steered"
    Y no se establece el riesgo "objectives_unmeasured"

  Escenario: SYS.BASIC.PERF: evaluar solo por ventas y decir que ningún objetivo queda fuera es incoherente
    Dado un plan con estas respuestas:
      | pregunta            | respuesta  |
      | evaluation_basis    | sales_only |
      | objectives_left_out | [none]     |
    Cuando evalúo el plan
    Entonces se avisa de la incoherencia "sales_only_but_nothing_left_out"

  Escenario: SYS.BASIC.COLLAB: un equipo de proyecto no sustituye a los acuerdos con responsabilidades y derechos
    Dado un plan con estas respuestas:
      | pregunta                 | respuesta |
      | collaboration_agreements | informal  |
      | project_teams            | sí        |
    Cuando evalúo el plan
    Entonces se establece el riesgo "departments_pull_apart" de gravedad "baja"
    Y la regla "collab_team_without_agreements" explica el riesgo "departments_pull_apart"
    Y se recomienda la medida "formalise_collaboration"

  Escenario: SYS.BASIC.COLLAB: una producción subcontratada con el fabricante comprometido no es un riesgo
    Dado un plan con estas respuestas:
      | pregunta                  | respuesta                                     |
      | plan_new_products         | sí                                            |
      | npd_lead_department       | marketing                                     |
      | npd_departments_involved  | [contract_manufacturer, quality, supply]      |
      | npd_departments_committed | [contract_manufacturer, quality, supply]      |
    Cuando evalúo el plan
    Entonces no se establece el riesgo "new_products_slow"

  Escenario: SYS.BASIC.COLLAB: falta el compromiso escrito del fabricante externo
    Dado un plan con estas respuestas:
      | pregunta                  | respuesta                                |
      | plan_new_products         | sí                                       |
      | npd_lead_department       | marketing                                |
      | npd_departments_involved  | [contract_manufacturer, quality, supply] |
      | npd_departments_committed | [quality, supply]                        |
    Cuando evalúo el plan
    Entonces se establece el riesgo "new_products_slow" de gravedad "media"
    Y se recomienda la medida "sign_npd_commitments" con el título "Obtener el compromiso escrito de las áreas que faltan: Fabricante externo o maquilador"
    Y no se recomienda la medida "give_marketing_npd_lead"

  Escenario: SYS.BASIC.COLLAB: la carta de responsabilidad es una opción del documento: sin ella ni el liderazgo de marketing, gravedad media
    Dado un plan con estas respuestas:
      | pregunta                  | respuesta                       |
      | plan_new_products         | sí                              |
      | npd_lead_department       | production                      |
      | npd_departments_involved  | [production, technology, supply] |
      | npd_departments_committed | [production]                    |
    Cuando evalúo el plan
    Entonces se establece el riesgo "new_products_slow" de gravedad "media"
    Y la regla "collab_npd_slow_other_lead" explica el riesgo "new_products_slow"
    Y la regla "collab_npd_slow_uncommitted" explica el riesgo "new_products_slow"
    Y se recomienda la medida "give_marketing_npd_lead"
    Y se recomienda la medida "sign_npd_commitments"

  Escenario: SYS.BASIC.COLLAB: un comité de nuevos productos lidera, aunque no sea marketing: gravedad baja
    Dado un plan con estas respuestas:
      | pregunta                  | respuesta    |
      | plan_new_products         | sí           |
      | npd_lead_department       | committee    |
      | npd_departments_involved  | [technology] |
      | npd_departments_committed | [technology] |
    Cuando evalúo el plan
    Entonces se establece el riesgo "new_products_slow" de gravedad "baja"

  Escenario: SYS.FUNC: las medidas nombran solo los sistemas que faltan
    Dado un plan con estas respuestas:
      | pregunta               | respuesta          |
      | plan_deep_distribution | sí                 |
      | plan_promotions        | sí                 |
      | plan_branches          | no                 |
      | functional_systems     | [promotion, sales] |
    Cuando evalúo el plan
    Entonces se establece el riesgo "channel_execution_uneven" de gravedad "media"
    Y se recomienda la medida "write_channel_system"
    Y no se recomienda la medida "write_regional_system"
    Y no se recomienda la medida "write_promotion_system"
