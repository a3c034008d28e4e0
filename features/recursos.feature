# language: es
Característica: Garantía de recursos
  Como consultor
  quiero saber si el plan y sus proyectos clave tienen fondos y personas,
  y si la empresa mantiene el plan cuando las ventas caen.

  Esquema del escenario: <sección>: el riesgo "<riesgo>" queda <estado>
    Dado un plan con las respuestas "<respuestas>"
    Cuando evalúo el plan
    Entonces el riesgo "<riesgo>" está "<estado>"

    Ejemplos:
      | sección          | respuestas                                                       | riesgo                          | estado      |
      | RES.OBJECTIVES   | budget_covers_projects=no                                        | plan_underfunded                | establecido |
      | RES.OBJECTIVES   | budget_covers_projects=sí                                        | plan_underfunded                | ausente     |
      | RES.OBJECTIVES   | budget_covers_projects=unknown                                   | plan_underfunded                | abierto     |
      | RES.OBJECTIVES   | sales_drop_response=rebate_promotions                            | plan_abandoned_for_rebates      | establecido |
      | RES.OBJECTIVES   | sales_drop_response=keep_plan                                    | plan_abandoned_for_rebates      | ausente     |
      | RES.OBJECTIVES   | sales_drop_response=no_rule                                      | resources_at_risk               | abierto     |
      | RES.KEY_PROJECTS | plan_key_accounts=sí; key_account_fees_budgeted=[entry, barcode] | terminal_development_blocked    | establecido |
      | RES.KEY_PROJECTS | plan_key_accounts=sí; key_account_fees_budgeted=[entry, barcode, display, stacking, promotion] | terminal_development_blocked | ausente |
      | RES.KEY_PROJECTS | plan_key_accounts=no                                             | terminal_development_blocked    | ausente     |
      | RES.KEY_PROJECTS | plan_key_accounts=sí                                             | terminal_development_blocked    | abierto     |
      | RES.KEY_PROJECTS | key_projects_funded=no                                           | key_projects_starved            | establecido |
      | RES.SYNTHESIS    | evaluation_basis=none; collaboration_agreements=no; project_teams=no; budget_covers_projects=no | plan_lacks_institutional_backing | establecido |
      | RES.SYNTHESIS    | evaluation_basis=none; collaboration_agreements=no; project_teams=no | plan_lacks_institutional_backing | abierto |
      | RES.SYNTHESIS    | evaluation_basis=none; collaboration_agreements=sí; functional_systems=[sales]; systems_set_standards=sí; budget_covers_projects=no | plan_lacks_institutional_backing | ausente |

  Escenario: RES.KEY_PROJECTS: grandes superficies sin presupuesto para sus tarifas
    Dado un plan con estas respuestas:
      | pregunta                  | respuesta |
      | plan_key_accounts         | sí        |
      | key_account_fees_budgeted | [entry]   |
    Cuando evalúo el plan
    Entonces se establece el riesgo "terminal_development_blocked" de gravedad "alta"
    Y el riesgo "terminal_development_blocked" cita la sección "RES.KEY_PROJECTS"
    Y se recomienda la medida "budget_key_account_fees"

  Escenario: RES.OBJECTIVES: abandonar el plan por promociones de reembolso al canal es cortoplacista
    Dado un plan con estas respuestas:
      | pregunta            | respuesta         |
      | sales_drop_response | rebate_promotions |
    Cuando evalúo el plan
    Entonces se establece el hallazgo "short_termism"
    Y se establece el riesgo "plan_abandoned_for_rebates" de gravedad "alta"
    Y se recomienda la medida "protect_plan_resources"

  Escenario: RES.SYNTHESIS: un plan bien preparado no produce ningún riesgo
    Dado el caso de ejemplo "plan-bien-preparado"
    Cuando evalúo el plan
    Entonces no se establece ningún riesgo

  Escenario: RES.SYNTHESIS: sin sistemas, sin vínculo con el desempeño y sin políticas a la vez
    Dado el caso de ejemplo "maquinaria-sin-garantias"
    Cuando evalúo el plan
    Entonces se establece el hallazgo "not_fixed_by_systems"
    Y se establece el hallazgo "not_tied_to_performance"
    Y se establece el hallazgo "not_backed_by_policy"
    Y se establece el riesgo "plan_lacks_institutional_backing" de gravedad "alta"
    Y se recomienda la medida "institutional_guarantee_programme"
