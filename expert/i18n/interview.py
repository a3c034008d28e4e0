"""Messages of the interview (terminal and web): what it asks, answers and announces."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "iv.title": ("Entrevista: garantías institucionales del plan de marketing",
                 "Interview: institutional guarantees of the marketing plan"),
    "iv.commands": ("Órdenes: ayuda (F1) · porqué (F2) · atrás (F3) · saltar (F4) · estado · "
                    "revisar · cambiar <n.º> · nota <texto> · nota reunión <texto> · guardar · "
                    "salir. «no lo sé» deja la respuesta como desconocida.",
                    "Commands: help (F1) · why (F2) · back (F3) · skip (F4) · status · review · "
                    "change <no.> · note <text> · meeting note <text> · save · quit. «don't "
                    "know» leaves the answer unknown."),
    # Client details
    "iv.meta.client": ("Cliente", "Client"),
    "iv.meta.plan": ("Plan", "Plan"),
    "iv.meta.consultant": ("Consultor", "Consultant"),
    "iv.meta.ask.client": ("Cliente (nombre de la empresa):", "Client (company name):"),
    "iv.meta.ask.plan": ("Plan que se revisa (Intro para dejarlo en blanco):",
                         "Plan under review (Enter to leave it blank):"),
    "iv.meta.ask.consultant": ("Consultor (Intro para dejarlo en blanco):",
                               "Consultant (Enter to leave it blank):"),
    "iv.meta.required": ("escriba el nombre del cliente", "type the client's name"),
    "iv.meta.too_long": ("demasiado largo: como mucho {limit} caracteres",
                         "too long: at most {limit} characters"),
    "iv.meta.not_a_command": ("aquí se escribe el dato; «atrás» vuelve al anterior, «salir» "
                              "sale", "type the detail here; 'back' goes to the previous one, "
                              "'quit' leaves"),
    # Answers
    "iv.hint.boolean": ("sí / no", "yes / no"),
    "iv.hint.choice": ("número o principio de la opción", "number or start of the option"),
    "iv.hint.multichoice": ("números o principios de las opciones, separados por comas; "
                            "«ninguno» si no hay ninguna",
                            "numbers or starts of the options, separated by commas; 'none' "
                            "if there is none"),
    "iv.hint.number": ("un número", "a number"),
    "iv.hint.range": ("de {low} a {high}", "from {low} to {high}"),
    "iv.hint.text": ("texto libre", "free text"),
    "iv.current": ("Respuesta actual: {value} (Intro para mantenerla)",
                   "Current answer: {value} (Enter keeps it)"),
    "iv.kept": ("Se mantiene la respuesta.", "The answer stays."),
    "iv.skipped": ("Queda como desconocida.", "Left as unknown."),
    "iv.yes_or_no": ("responda sí o no", "answer yes or no"),
    "iv.confirm.hint": ("¿Es correcto? (sí / no)", "Is that right? (yes / no)"),
    "iv.new_risk": ("⚠ Nuevo riesgo (gravedad {level}): {title}",
                    "⚠ New risk ({level} severity): {title}"),
    "iv.withdrawn_risk": ("✓ Riesgo retirado: {title}", "✓ Risk withdrawn: {title}"),
    "iv.back": ("Se deshace la respuesta a: {text}", "Undone: the answer to {text}"),
    "iv.nothing_to_undo": ("No hay ninguna respuesta que deshacer.",
                           "There is no answer to undo."),
    "iv.skipped.offer": ("{count|Queda 1 pregunta sin respuesta que puede cambiar el "
                         "resultado: ¿responderla ahora?|Quedan {count} preguntas sin "
                         "respuesta que pueden cambiar el resultado: ¿responderlas ahora?} "
                         "(sí / no)",
                         "{count|1 question is|{count} questions are} left unanswered that "
                         "could change the result: answer them now? (yes / no)"),
    # Why
    "iv.why.none": ("Ninguna conclusión pendiente depende ya de esta pregunta.",
                    "No pending conclusion depends on this question any more."),
    "iv.why.sentence": ("Preguntamos esto porque la respuesta decide si hay "
                        "{count|este riesgo|estos riesgos}: {titles}.",
                        "We ask this because the answer decides whether there "
                        "{count|is this risk|are these risks}: {titles}."),
    "iv.why.more_hint": ("(«porqué más» muestra las conclusiones y de qué se deduce cada una)",
                         "('why more' shows the conclusions and what each follows from)"),
    "iv.why.detail": ("{kind}: {title}", "{kind}: {title}"),
    "iv.why.rule": ("se deduce de {reads} (documento, apartado {sections})",
                    "follows from {reads} (document, section {sections})"),
    "iv.why.rule_severity": ("; gravedad {level}: {basis}", "; {level} severity: {basis}"),
    "iv.why.read": ("«{text}»", "'{text}'"),
    "iv.why.read_absent": ("que no se dé «{text}»", "'{text}' not holding"),
    # Notes
    "iv.note.saved": ("Nota guardada.", "Note saved."),
    "iv.note.empty": ("escriba la nota después de «nota»", "type the note after 'note'"),
    "iv.note.too_long": ("la nota no cabe: quedan {left} caracteres de {limit}",
                         "the note does not fit: {left} characters left of {limit}"),
    # Status, review
    "iv.status.answered": ("{count} {count|respondida|respondidas} · {pending} "
                           "{pending|pregunta pendiente|preguntas pendientes} · {open} "
                           "{open|punto abierto|puntos abiertos}",
                           "{count} answered · {pending} {pending|question|questions} to go · "
                           "{open} open {open|point|points}"),
    "iv.status.none": ("Todavía no se ha establecido ningún riesgo.",
                       "No risk is established yet."),
    "iv.status.risks": ("{count} {count|riesgo|riesgos} de gravedad {level}",
                        "{count} {level} severity {count|risk|risks}"),
    "iv.review.header": ("Respuestas hasta ahora:", "Answers so far:"),
    "iv.review.note": ("nota: {note}", "note: {note}"),
    "iv.review.meeting_note": ("Nota de la reunión: {note}", "Meeting note: {note}"),
    "iv.review.hint": ("«cambiar <n.º>» (o el principio de la pregunta) vuelve a una respuesta; "
                       "«cambiar cliente», «cambiar plan», «cambiar consultor» corrigen los "
                       "datos.",
                       "'change <no.>' (or the start of the question) goes back to an answer; "
                       "'change client', 'change plan', 'change consultant' correct the "
                       "details."),
    "iv.change.usage": ("indique qué respuesta cambiar: «cambiar 3» cambia la respuesta 3 "
                        "de «revisar»; también «cambiar cliente», «cambiar plan», «cambiar "
                        "consultor» o «cambiar» y el principio de la pregunta",
                        "say which answer to change: 'change 3' changes answer 3 of "
                        "'review'; also 'change client', 'change plan', 'change "
                        "consultant' or 'change' and the start of the question"),
    "iv.review.unknown": ("no hay ninguna respuesta «{target}»; vea «revisar»",
                          "there is no answer '{target}'; see 'review'"),
    "iv.saved.now": ("Guardado: {count} {count|respuesta|respuestas}.",
                     "Saved: {count} {count|answer|answers}."),
    "iv.toolbar": ("{family} · {answered} {answered|respondida|respondidas} · {pending} "
                   "{pending|pendiente|pendientes} · F1 ayuda F2 porqué F3 atrás F4 saltar",
                   "{family} · {answered} answered · {pending} to go · F1 help F2 why F3 back "
                   "F4 skip"),
    # End
    "iv.end": ("Entrevista terminada: {answered} {answered|respuesta|respuestas}.",
               "Interview finished: {answered} {answered|answer|answers}."),
    "iv.summary.risks": ("Riesgos ({count}):", "Risks ({count}):"),
    "iv.summary.level": ("gravedad {level} ({count})", "{level} severity ({count})"),
    "iv.summary.open": ("{count} {count|punto abierto|puntos abiertos} ({pending} "
                        "{pending|pregunta pendiente|preguntas pendientes}):",
                        "{count} open {count|point|points} ({pending} "
                        "{pending|question|questions} to go):"),
    "iv.report.offer": ("¿Escribir un informe en Markdown junto a la sesión? (sí / no)",
                        "Write a Markdown report beside the session? (yes / no)"),
    "iv.report.written": ("Informe escrito en {path}", "Report written to {path}"),
    "iv.help.meta": ("Escriba el dato y pulse Intro. «atrás» vuelve al dato anterior; "
                     "«salir» guarda y sale.",
                     "Type the detail and press Enter. 'back' goes to the previous one; "
                     "'quit' saves and leaves."),
    "iv.help.confirm": ("Responda «sí» para mantener la respuesta o «no» para corregirla.",
                        "Answer 'yes' to keep the answer or 'no' to correct it."),
    "iv.help.skipped": ("«sí» vuelve a las preguntas que quedaron sin respuesta; «no» "
                        "termina.",
                        "'yes' goes back to the questions left unanswered; 'no' finishes."),
    "iv.help.done": ("Responda «sí» para escribir el informe o «no» para terminar sin él. "
                     "«revisar» y «cambiar <n.º>» permiten corregir antes.",
                     "Answer 'yes' to write the report or 'no' to finish without it. "
                     "'review' and 'change <no.>' let you correct first."),
    # Sessions
    "iv.left": ("{count} {count|respuesta guardada|respuestas guardadas} en {path}.",
                "{count} {count|answer|answers} saved in {path}."),
    "iv.to_resume": ("Para continuar: expert interview --resume {path}",
                     "To continue: expert interview --resume {path}"),
    "iv.resumed": ("Se continúa la sesión {path} ({count} {count|respuesta|respuestas}).",
                   "Resuming session {path} ({count} {count|answer|answers})."),
    "iv.resumed.finished": ("Esta entrevista ya estaba terminada: aquí están sus respuestas "
                            "para corregirlas.",
                            "This interview was finished: here are its answers, to correct "
                            "them."),
    "iv.session.not_found": ("no se encuentra la sesión {path}", "session file not found: "
                             "{path}"),
    "hint.session_file": ("indique el archivo .yaml que guardó una entrevista",
                          "give the .yaml file an earlier interview saved"),
    "iv.session.exists": ("{path} ya existe: no se sobrescribe una sesión",
                          "{path} exists already: a session is never overwritten"),
    "hint.use_resume": ("para continuarla: expert interview --resume {path}; para una nueva, "
                        "elija otro nombre",
                        "to continue it: expert interview --resume {path}; for a new one, "
                        "choose another name"),
    "iv.lock.busy": ("otra entrevista está usando {name} en este momento",
                     "another interview is using {name} right now"),
    "hint.lock_busy": ("termine o cierre esa entrevista, o use otro archivo de sesión",
                       "finish or quit that interview first, or use another session file"),
    "iv.lock.link": ("{path} es un enlace simbólico: no se usa como cerrojo",
                     "{path} is a symbolic link: it is not used as a lock"),
    "hint.remove_link": ("bórrelo; la entrevista creará su propio cerrojo",
                         "remove it; the interview creates its own lock"),
}
