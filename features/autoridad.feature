# language: es
Característica: Garantía de autoridad
  Como consultor
  quiero saber si cada departamento, la sede y las sucursales tienen la autoridad
  que el plan les pide, y si cada actividad tiene quien la lidere,
  con una gravedad que crece con el tamaño del hueco.

  Esquema del escenario: <sección>: el riesgo "<riesgo>" queda <estado>
    Dado un plan con las respuestas "<respuestas>"
    Cuando evalúo el plan
    Entonces el riesgo "<riesgo>" está "<estado>"

    Ejemplos:
      | sección        | respuestas                                                                          | riesgo                     | estado      |
      | AUTH.DEPT      | departments_lacking_authority=[marketing]                                           | departments_cannot_act     | establecido |
      | AUTH.DEPT      | departments_lacking_authority=[none]; approval_delays=occasional                    | departments_cannot_act     | ausente     |
      | AUTH.DEPT      | departments_lacking_authority=[none]                                                | departments_cannot_act     | abierto     |
      | AUTH.HQ_BRANCH | plan_branches=sí; hq_professional_authority=branches_decide                         | hq_branch_cooperation_weak | establecido |
      | AUTH.HQ_BRANCH | plan_branches=sí; hq_professional_authority=enforced; branch_execution_authority=decides | hq_branch_cooperation_weak | ausente |
      | AUTH.HQ_BRANCH | plan_branches=no                                                                    | hq_branch_cooperation_weak | ausente     |
      | AUTH.HQ_BRANCH | plan_branches=sí                                                                    | hq_branch_cooperation_weak | abierto     |
      | AUTH.ACTIVITY  | sales_plan_owner=nobody                                                             | activities_fall_through    | establecido |
      | AUTH.ACTIVITY  | sales_plan_owner=one_department; activities_without_lead=[none]                     | activities_fall_through    | ausente     |
      | AUTH.ACTIVITY  | sales_plan_owner=shared_with_owner                                                  | activities_fall_through    | abierto     |

  Escenario: AUTH.DEPT: varios departamentos sin autoridad dan gravedad alta y la medida los nombra
    Dado un plan con estas respuestas:
      | pregunta                      | respuesta          |
      | departments_lacking_authority | [marketing, sales] |
      | approval_delays               | none               |
    Cuando evalúo el plan
    Entonces se establece el riesgo "departments_cannot_act" de gravedad "alta"
    Y se recomienda la medida "delegate_authority" con el título "Delegar en cada departamento las decisiones que exige su función: Marketing, Ventas"
    Y no se recomienda la medida "set_approval_deadlines"

  Escenario: AUTH.DEPT: un departamento sin autoridad y una sola espera con coste es gravedad media
    Dado un plan con estas respuestas:
      | pregunta                      | respuesta   |
      | departments_lacking_authority | [logistics] |
      | approval_delays               | material    |
    Cuando evalúo el plan
    Entonces se establece el riesgo "departments_cannot_act" de gravedad "media"

  Escenario: AUTH.DEPT: un departamento sin autoridad y esperas con coste repetidas es gravedad alta
    Dado un plan con estas respuestas:
      | pregunta                      | respuesta   |
      | departments_lacking_authority | [logistics] |
      | approval_delays               | recurrent   |
    Cuando evalúo el plan
    Entonces se establece el riesgo "departments_cannot_act" de gravedad "alta"
    Y la regla "dept_gap_and_waits" explica el riesgo "departments_cannot_act"

  Escenario: AUTH.DEPT: una espera por aprobación sin ningún departamento sin autoridad es incoherente
    Dado un plan con estas respuestas:
      | pregunta                      | respuesta |
      | departments_lacking_authority | [none]    |
      | approval_delays               | material  |
    Cuando evalúo el plan
    Entonces se avisa de la incoherencia "approval_wait_without_authority_gap"
    Y se establece el riesgo "departments_cannot_act" de gravedad "media"

  Escenario: AUTH.HQ_BRANCH: la sede fija los criterios pero no comprueba que se cumplan: gravedad baja
    Dado un plan con estas respuestas:
      | pregunta                   | respuesta |
      | plan_branches              | sí        |
      | hq_professional_authority  | partly    |
      | branch_execution_authority | decides   |
    Cuando evalúo el plan
    Entonces se establece el riesgo "hq_branch_cooperation_weak" de gravedad "baja"
    Y se recomienda la medida "set_hq_criteria"
    Y no se recomienda la medida "delegate_execution_to_branches"

  Escenario: AUTH.HQ_BRANCH: si fallan la sede y las sucursales a la vez, falta la cooperación que pide el documento
    Dado un plan con estas respuestas:
      | pregunta                   | respuesta       |
      | plan_branches              | sí              |
      | hq_professional_authority  | branches_decide |
      | branch_execution_authority | asks_permission |
    Cuando evalúo el plan
    Entonces se establece el riesgo "hq_branch_cooperation_weak" de gravedad "alta"
    Y la regla "hq_neither_side" explica el riesgo "hq_branch_cooperation_weak"

  Escenario: AUTH.ACTIVITY: que nadie lidere los lanzamientos se cuenta una sola vez
    Dado un plan con estas respuestas:
      | pregunta                  | respuesta      |
      | plan_new_products         | sí             |
      | npd_lead_department       | nobody         |
      | npd_departments_involved  | [technology]   |
      | npd_departments_committed | [technology]   |
      | sales_plan_owner          | one_department |
      | activities_without_lead   | [none]         |
    Cuando evalúo el plan
    Entonces se establece el riesgo "new_products_slow" de gravedad "alta"
    Y la regla "collab_npd_slow_no_lead" explica el riesgo "new_products_slow"
    Y el riesgo "new_products_slow" cita la sección "SYS.BASIC.COLLAB"
    Y no se establece el riesgo "activities_fall_through"

  Escenario: AUTH.ACTIVITY: una actividad sin líder es gravedad media; la medida nombra la actividad
    Dado un plan con estas respuestas:
      | pregunta                | respuesta      |
      | plan_promotions         | sí             |
      | sales_plan_owner        | one_department |
      | activities_without_lead | [promotions]   |
    Cuando evalúo el plan
    Entonces se establece el riesgo "activities_fall_through" de gravedad "media"
    Y se recomienda la medida "assign_activity_leads" con el título "Asignar un departamento que lidere cada actividad sin responsable: Calendario de promociones"
