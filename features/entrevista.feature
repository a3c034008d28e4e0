# language: es
Característica: La entrevista guiada
  Como consultor sentado con el cliente
  quiero que la entrevista pregunte solo lo que todavía importa, me avise de cada riesgo
  nuevo y guarde cada respuesta
  para no perder el tiempo del cliente ni ninguna respuesta.

  Escenario: Sin grandes superficies no se pregunta por sus tarifas
    Dado que empiezo una entrevista nueva
    Cuando respondo a la forma del plan:
      | pregunta               | respuesta |
      | plan_deep_distribution | no        |
      | plan_key_accounts      | no        |
    Entonces nunca se pregunta "key_account_fees_budgeted"

  Escenario: Un riesgo nuevo se anuncia en cuanto se establece
    Dado que empiezo una entrevista nueva
    Cuando respondo a la forma del plan:
      | pregunta               | respuesta |
      | plan_deep_distribution | sí        |
      | plan_key_accounts      | no        |
      | plan_new_products      | no        |
      | plan_promotions        | no        |
      | plan_branches          | no        |
      | plan_process_redesign  | no        |
    Y respondo "3" a "evaluation_basis"
    Entonces se me avisa del nuevo riesgo "El personal no se orienta a los objetivos del plan"
    Y la sesión guardada contiene "evaluation_basis" con "sales_only"

  Escenario: Volver atrás deshace la última respuesta y la vuelve a preguntar
    Dado que empiezo una entrevista nueva
    Cuando respondo "sí" a "plan_deep_distribution"
    Y escribo "atrás"
    Entonces la siguiente pregunta es "plan_deep_distribution"

  Escenario: Saltar una pregunta la deja como desconocida en la sesión
    Dado que empiezo una entrevista nueva
    Cuando respondo "saltar" a "plan_deep_distribution"
    Entonces la sesión guardada contiene "plan_deep_distribution" con "unknown"
    Y la siguiente pregunta es "plan_key_accounts"
