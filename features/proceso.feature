# language: es
Característica: Garantía del proceso
  Como consultor
  quiero saber si los procesos comerciales clave y la estructura que los sostiene
  pueden llevar el plan
  para no dejar que un buen plan se ejecute mal.

  Esquema del escenario: <sección>: el riesgo "<riesgo>" queda <estado>
    Dado un plan con las respuestas "<respuestas>"
    Cuando evalúo el plan
    Entonces el riesgo "<riesgo>" está "<estado>"

    Ejemplos:
      | sección        | respuestas                                               | riesgo                        | estado      |
      | PROC.OPTIMIZE  | process_bottlenecks=sí                                   | inefficient_process_execution | establecido |
      | PROC.OPTIMIZE  | process_bottlenecks=no                                   | inefficient_process_execution | ausente     |
      | PROC.OPTIMIZE  | key_processes_reviewed=sí                                | inefficient_process_execution | abierto     |
      | PROC.OPTIMIZE  | key_processes_reviewed=no; process_bottlenecks=no        | process_problems_unseen       | establecido |
      | PROC.OPTIMIZE  | key_processes_reviewed=sí; process_bottlenecks=no        | process_problems_unseen       | ausente     |
      | PROC.STRUCTURE | plan_process_redesign=sí; structure_adjusted=no          | redesign_without_organisation | establecido |
      | PROC.STRUCTURE | plan_process_redesign=sí; structure_adjusted=sí          | redesign_without_organisation | ausente     |
      | PROC.STRUCTURE | plan_process_redesign=no                                 | redesign_without_organisation | ausente     |
      | PROC.STRUCTURE | plan_process_redesign=sí                                 | redesign_without_organisation | abierto     |
      | PROC.STRUCTURE | process_owners=no                                        | process_ownership_gap         | establecido |
      | PROC.STRUCTURE | process_owners=unknown                                   | process_ownership_gap         | abierto     |

  Escenario: PROC.STRUCTURE: un proceso rediseñado sobre la estructura antigua
    Dado un plan con estas respuestas:
      | pregunta              | respuesta |
      | plan_process_redesign | sí        |
      | structure_adjusted    | no        |
    Cuando evalúo el plan
    Entonces se establece el hallazgo "structure_lags_process"
    Y se establece el riesgo "redesign_without_organisation" de gravedad "alta"
    Y se recomienda la medida "align_structure_to_process"
