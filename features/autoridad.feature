# language: es
Característica: Garantía de autoridad
  Como consultor
  quiero saber si cada departamento, la sede y las sucursales tienen la autoridad
  que el plan les pide, y si cada actividad tiene quien la lidere.

  Esquema del escenario: <sección>: el riesgo "<riesgo>" queda <estado>
    Dado un plan con las respuestas "<respuestas>"
    Cuando evalúo el plan
    Entonces el riesgo "<riesgo>" está "<estado>"

    Ejemplos:
      | sección        | respuestas                                                   | riesgo                     | estado      |
      | AUTH.DEPT      | department_authority=no                                      | departments_cannot_act     | establecido |
      | AUTH.DEPT      | department_authority=sí; decisions_escalated=no              | departments_cannot_act     | ausente     |
      | AUTH.DEPT      | department_authority=sí                                      | departments_cannot_act     | abierto     |
      | AUTH.HQ_BRANCH | plan_branches=sí; hq_professional_authority=no               | plan_fragmented_by_branches | establecido |
      | AUTH.HQ_BRANCH | plan_branches=sí; hq_professional_authority=sí               | plan_fragmented_by_branches | ausente     |
      | AUTH.HQ_BRANCH | plan_branches=no                                             | plan_fragmented_by_branches | ausente     |
      | AUTH.HQ_BRANCH | plan_branches=sí                                             | plan_fragmented_by_branches | abierto     |
      | AUTH.HQ_BRANCH | plan_branches=sí; branch_execution_authority=no              | branches_cannot_execute    | establecido |
      | AUTH.ACTIVITY  | sales_plan_owner=no                                          | activities_fall_through    | establecido |
      | AUTH.ACTIVITY  | activities_assigned=sí; sales_plan_owner=sí; plan_new_products=no | activities_fall_through | ausente |
      | AUTH.ACTIVITY  | activities_assigned=sí; sales_plan_owner=sí; plan_new_products=sí | activities_fall_through | abierto |

  Escenario: AUTH.HQ_BRANCH: la sede tiene la autoridad profesional y las sucursales la de ejecución
    Dado un plan con estas respuestas:
      | pregunta                   | respuesta |
      | plan_branches              | sí        |
      | hq_professional_authority  | sí        |
      | branch_execution_authority | sí        |
    Cuando evalúo el plan
    Entonces no se establece el riesgo "plan_fragmented_by_branches"
    Y no se establece el riesgo "branches_cannot_execute"

  Escenario: AUTH.ACTIVITY: cada actividad del plan tiene un departamento que la lidera
    Dado un plan con estas respuestas:
      | pregunta            | respuesta |
      | plan_new_products   | sí        |
      | npd_lead_department | nobody    |
    Cuando evalúo el plan
    Entonces se establece el hallazgo "npd_without_lead"
    Y se establece el riesgo "activities_fall_through" de gravedad "alta"
    Y se recomienda la medida "activity_responsibility_chart"
