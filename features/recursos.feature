# language: es
Característica: Garantía de recursos
  Como consultor
  quiero saber si el plan y sus proyectos clave tienen dinero, personas y materiales durante
  la ejecución, si las cadenas recibirán lo que de verdad cobran, si la empresa mantiene el
  plan cuando las ventas caen, y si cada elemento clave tiene sus tres garantías.

  Esquema del escenario: <sección>: el riesgo "<riesgo>" queda <estado>
    Dado un plan con las respuestas "<respuestas>"
    Cuando evalúo el plan
    Entonces el riesgo "<riesgo>" está "<estado>"

    Ejemplos:
      | sección          | respuestas                                                                                                   | riesgo                     | estado      |
      | RES.OBJECTIVES   | underresourced_elements=[promotions]                                                                         | plan_underresourced        | establecido |
      | RES.OBJECTIVES   | underresourced_elements=[none]                                                                               | plan_underresourced        | ausente     |
      | RES.OBJECTIVES   | underresourced_elements=unknown                                                                              | plan_underresourced        | abierto     |
      | RES.OBJECTIVES   | last_sales_drop_response=rebates; plan_resources_guard=no_rule                                               | plan_abandoned_for_rebates | establecido |
      | RES.OBJECTIVES   | last_sales_drop_response=cut_budget; plan_resources_guard=no_rule                                            | plan_abandoned_for_rebates | ausente     |
      | RES.OBJECTIVES   | last_sales_drop_response=cut_budget; plan_resources_guard=no_rule                                            | plan_cut_midway            | establecido |
      | RES.OBJECTIVES   | last_sales_drop_response=rebates                                                                             | plan_abandoned_for_rebates | abierto     |
      | RES.KEY_PROJECTS | plan_key_accounts=sí; key_account_fees_required=[listing, display]; key_account_fees_budgeted=[listing]      | chain_development_blocked  | establecido |
      | RES.KEY_PROJECTS | plan_key_accounts=sí; key_account_fees_required=[listing, openings]; key_account_fees_budgeted=[listing, openings] | chain_development_blocked | ausente |
      | RES.KEY_PROJECTS | plan_key_accounts=sí; key_account_fees_required=[none]; key_account_fees_budgeted=[none]                     | chain_development_blocked  | ausente     |
      | RES.KEY_PROJECTS | plan_key_accounts=no                                                                                         | chain_development_blocked  | ausente     |
      | RES.KEY_PROJECTS | plan_key_accounts=sí; key_account_fees_budgeted=[listing]                                                    | chain_development_blocked  | abierto     |
      | RES.SYNTHESIS    | plan_promotions=sí; functional_systems=[sales]; evaluation_basis=sales_only; underresourced_elements=[promotions] | promotions_unsupported | establecido |
      | RES.SYNTHESIS    | plan_promotions=sí; functional_systems=[promotion]; evaluation_basis=sales_only; underresourced_elements=[promotions] | promotions_unsupported | ausente |
      | RES.SYNTHESIS    | plan_promotions=sí; functional_systems=[sales]; evaluation_basis=sales_only                                  | promotions_unsupported     | abierto     |

  Escenario: RES.KEY_PROJECTS: sin partida para el alta de productos, la entrada en las cadenas se bloquea
    Dado un plan con estas respuestas:
      | pregunta                  | respuesta                   |
      | plan_key_accounts         | sí                          |
      | key_account_fees_required | [listing, display, promotion] |
      | key_account_fees_budgeted | [display, promotion]        |
    Cuando evalúo el plan
    Entonces se establece el riesgo "chain_development_blocked" de gravedad "alta"
    Y el riesgo "chain_development_blocked" cita la sección "RES.KEY_PROJECTS"
    Y se recomienda la medida "budget_chain_fees" con el título "Presupuestar, antes de negociar con las cadenas, las aportaciones que faltan: Alta o referenciación de productos"

  Escenario: RES.KEY_PROJECTS: cuatro partidas presupuestadas no bastan si las cadenas cobran otras
    Dado un plan con estas respuestas:
      | pregunta                  | respuesta                                  |
      | plan_key_accounts         | sí                                         |
      | key_account_fees_required | [listing, display, openings]               |
      | key_account_fees_budgeted | [listing, display, promotion, logistics]   |
    Cuando evalúo el plan
    Entonces se establece el riesgo "chain_development_blocked" de gravedad "media"
    Y se recomienda la medida "budget_chain_fees" con el título "Presupuestar, antes de negociar con las cadenas, las aportaciones que faltan: Aperturas o aniversarios de tiendas"

  Escenario: RES.OBJECTIVES: recortar el presupuesto no es pasarse a los rappels y descuentos al canal
    Dado un plan con estas respuestas:
      | pregunta                 | respuesta   |
      | last_sales_drop_response | cut_budget  |
      | plan_resources_guard     | one_manager |
    Cuando evalúo el plan
    Entonces se establece el riesgo "plan_cut_midway" de gravedad "media"
    Y no se establece el riesgo "plan_abandoned_for_rebates"
    Y se recomienda la medida "protect_plan_resources"

  Escenario: RES.OBJECTIVES: pasarse a los rappels y descuentos al canal sin nada que lo impida es gravedad alta
    Dado un plan con estas respuestas:
      | pregunta                 | respuesta |
      | last_sales_drop_response | rebates   |
      | plan_resources_guard     | no_rule   |
    Cuando evalúo el plan
    Entonces se establece el riesgo "plan_abandoned_for_rebates" de gravedad "alta"
    Y se recomienda la medida "protect_plan_resources"

  Escenario: RES.OBJECTIVES: si la dirección ya valora cada recorte, no se le recomienda hacerlo
    Dado un plan con estas respuestas:
      | pregunta                 | respuesta     |
      | last_sales_drop_response | rebates       |
      | plan_resources_guard     | formal_review |
    Cuando evalúo el plan
    Entonces se establece el riesgo "plan_abandoned_for_rebates" de gravedad "media"
    Y no se recomienda la medida "protect_plan_resources"
    Y se recomienda la medida "check_cut_decisions"

  Escenario: RES.OBJECTIVES: las partes sin recursos se nombran en la medida
    Dado un plan con estas respuestas:
      | pregunta                | respuesta                    |
      | plan_new_products       | sí                           |
      | plan_branches           | sí                           |
      | underresourced_elements | [new_products, branches]     |
    Cuando evalúo el plan
    Entonces se establece el riesgo "plan_underresourced" de gravedad "alta"
    Y se recomienda la medida "close_resource_gaps" con el título "Ajustar recursos o alcance de las partes del plan que no llegan: Lanzamientos de productos nuevos, Plan de las sucursales o delegaciones"

  Escenario: RES.KEY_PROJECTS: cadenas que no cobran nada y presupuesto con partidas es incoherente
    Dado un plan con estas respuestas:
      | pregunta                  | respuesta |
      | plan_key_accounts         | sí        |
      | key_account_fees_required | [none]    |
      | key_account_fees_budgeted | [listing] |
    Cuando evalúo el plan
    Entonces se avisa de la incoherencia "fees_budgeted_but_none_required"
    Y no se establece el riesgo "chain_development_blocked"

  Escenario: RES.SYNTHESIS: un plan bien preparado no produce ningún riesgo
    Dado el caso de ejemplo "plan-bien-preparado"
    Cuando evalúo el plan
    Entonces no se establece ningún riesgo
    Y no se avisa de ninguna incoherencia

  Escenario: RES.SYNTHESIS: la síntesis se evalúa por elemento clave, no sumando huecos de todo el plan
    Dado el caso de ejemplo "maquinaria-sin-garantias"
    Cuando evalúo el plan
    Entonces se establece el riesgo "promotions_unsupported" de gravedad "alta"
    Y no se establece el riesgo "branches_unsupported"
    Y se recomienda la medida "guarantee_key_elements"

  Escenario: RES.SYNTHESIS: la entrada en cadenas sin sistema, sin indicador y sin partida
    Dado el caso de ejemplo "alimentacion-grandes-superficies"
    Cuando evalúo el plan
    Entonces se establece el riesgo "key_accounts_unsupported" de gravedad "alta"
    Y la regla "syn_key_accounts" explica el riesgo "key_accounts_unsupported"
