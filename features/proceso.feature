# language: es
Característica: Garantía del proceso
  Como consultor
  quiero saber si los procesos comerciales clave y la estructura que los sostiene
  pueden llevar el plan, sin contar como riesgo los retrasos que no cuestan nada
  para no dejar que un buen plan se ejecute mal, ni alarmar al cliente sin motivo.

  Esquema del escenario: <sección>: el riesgo "<riesgo>" queda <estado>
    Dado un plan con las respuestas "<respuestas>"
    Cuando evalúo el plan
    Entonces el riesgo "<riesgo>" está "<estado>"

    Ejemplos:
      | sección        | respuestas                                                  | riesgo                        | estado      |
      | PROC.OPTIMIZE  | process_delay_impact=recurrent                              | inefficient_process_execution | establecido |
      | PROC.OPTIMIZE  | process_delay_impact=material                               | inefficient_process_execution | establecido |
      | PROC.OPTIMIZE  | process_delay_impact=minor                                  | inefficient_process_execution | ausente     |
      | PROC.OPTIMIZE  | key_processes_reviewed=sí                                   | inefficient_process_execution | abierto     |
      | PROC.OPTIMIZE  | key_processes_reviewed=no; process_delay_impact=none        | process_problems_unseen       | establecido |
      | PROC.OPTIMIZE  | key_processes_reviewed=sí; process_delay_impact=none        | process_problems_unseen       | ausente     |
      | PROC.STRUCTURE | plan_process_redesign=sí; structure_adjusted=not_adjusted   | redesign_without_organisation | establecido |
      | PROC.STRUCTURE | plan_process_redesign=sí; structure_adjusted=not_needed     | redesign_without_organisation | ausente     |
      | PROC.STRUCTURE | plan_process_redesign=no                                    | redesign_without_organisation | ausente     |
      | PROC.STRUCTURE | plan_process_redesign=sí                                    | redesign_without_organisation | abierto     |

  Escenario: PROC.OPTIMIZE y PROC.STRUCTURE: los retrasos repetidos llevan a reorganizar el proceso y a ajustar la estructura
    Dado un plan con estas respuestas:
      | pregunta               | respuesta |
      | key_processes_reviewed | sí        |
      | process_delay_impact   | recurrent |
    Cuando evalúo el plan
    Entonces se establece el riesgo "inefficient_process_execution" de gravedad "alta"
    Y se establece el hallazgo "structure_questioned"
    Y se recomienda la medida "reorganise_processes_and_structure"
    Y no se recomienda la medida "optimise_delayed_process"

  Escenario: PROC.OPTIMIZE: un retraso aislado con coste es de gravedad media y pide corregir ese proceso
    Dado un plan con estas respuestas:
      | pregunta               | respuesta |
      | key_processes_reviewed | sí        |
      | process_delay_impact   | material  |
    Cuando evalúo el plan
    Entonces se establece el riesgo "inefficient_process_execution" de gravedad "media"
    Y se recomienda la medida "optimise_delayed_process"
    Y no se recomienda la medida "reorganise_processes_and_structure"

  Escenario: PROC.OPTIMIZE: las esperas por aprobación se cuentan una sola vez, en la garantía de autoridad
    Dado un plan con estas respuestas:
      | pregunta                      | respuesta   |
      | key_processes_reviewed        | sí          |
      | process_delay_impact          | minor       |
      | approval_delays               | material    |
      | departments_lacking_authority | [marketing] |
    Cuando evalúo el plan
    Entonces no se establece el riesgo "inefficient_process_execution"
    Y se establece el riesgo "departments_cannot_act" de gravedad "media"

  Escenario: PROC.STRUCTURE: un proceso reorganizado sobre la estructura antigua
    Dado un plan con estas respuestas:
      | pregunta              | respuesta    |
      | plan_process_redesign | sí           |
      | structure_adjusted    | not_adjusted |
    Cuando evalúo el plan
    Entonces se establece el riesgo "redesign_without_organisation" de gravedad "alta"
    Y se recomienda la medida "align_structure_to_process"

  Escenario: PROC.STRUCTURE: un ajuste de la estructura en marcha es de gravedad baja
    Dado un plan con estas respuestas:
      | pregunta              | respuesta   |
      | plan_process_redesign | sí          |
      | structure_adjusted    | in_progress |
    Cuando evalúo el plan
    Entonces se establece el riesgo "redesign_without_organisation" de gravedad "baja"
    Y se recomienda la medida "follow_structure_adjustment"
    Y no se recomienda la medida "align_structure_to_process"
