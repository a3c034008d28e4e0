"""Messages of the web front end (``expert serve``): pages, forms, errors, the command."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "web.name": ("Garantías institucionales", "Institutional guarantees"),
    "web.skip": ("Saltar al contenido", "Skip to content"),
    "web.nav": ("Navegación", "Navigation"),
    "web.switch": ("English", "Español"),
    "web.switch.label": ("Ver esta página en inglés", "Ver esta página en español"),
    "web.interviews": ("Entrevistas", "Interviews"),
    "web.logout": ("Salir", "Log out"),
    # Login
    "web.login.title": ("Entrar", "Log in"),
    "web.login.name": ("Usuario", "User name"),
    "web.login.password": ("Contraseña", "Password"),
    "web.login.submit": ("Entrar", "Log in"),
    "web.login.wrong": ("El usuario o la contraseña no son correctos.",
                        "The user name or the password is not right."),
    "web.login.throttled": ("Demasiados intentos fallidos con este usuario: espere {seconds} "
                            "{seconds|segundo|segundos} y vuelva a intentarlo (compruebe el "
                            "nombre, las mayúsculas y la contraseña).",
                            "Too many failed attempts for this user: wait {seconds} "
                            "{seconds|second|seconds} and try again (check the name, capital "
                            "letters and the password)."),
    "web.login.account_throttled": ("Este usuario ha recibido muchos intentos fallidos desde "
                                    "otros equipos: durante {minutes} {minutes|minuto|minutos} "
                                    "solo se puede entrar con él desde un navegador en el que "
                                    "ya se haya entrado antes.",
                                    "This user has had many failed attempts from other "
                                    "computers: for {minutes} {minutes|minute|minutes} it can "
                                    "only log in from a browser that has logged in before."),
    # Accounts (expert serve --create-user)
    "web.account.bad_name": ("el nombre de usuario debe tener de 1 a {limit} caracteres "
                             "visibles", "the user name must have 1 to {limit} visible "
                             "characters"),
    "web.account.short_password": ("la contraseña debe tener al menos {limit} caracteres",
                                   "the password must have at least {limit} characters"),
    "web.account.long_password": ("la contraseña no puede pasar de {limit} caracteres",
                                  "the password cannot be longer than {limit} characters"),
    "web.account.exists": ("ya existe un usuario «{name}»", "a user '{name}' exists already"),
    "web.account.created": ("Usuario «{name}» creado en {path}.",
                            "User '{name}' created in {path}."),
    "web.account.password": ("Contraseña para {name}: ", "Password for {name}: "),
    "web.account.again": ("Repítala: ", "Again: "),
    "web.account.mismatch": ("las dos contraseñas no coinciden", "the two passwords differ"),
    "web.serving": ("Sirviendo en http://{host}:{port}/ (datos en {path}); Ctrl-C para parar.",
                    "Serving on http://{host}:{port}/ (data in {path}); Ctrl-C to stop."),
    "web.no_accounts": ("Aún no hay ningún usuario: créelo con «expert serve --create-user "
                        "NOMBRE».", "There is no user yet: create one with 'expert serve "
                        "--create-user NAME'."),
    "web.db.newer": ("la base de datos es de una versión más nueva del programa (esquema {found}"
                     "; este programa conoce hasta el {known})",
                     "the database comes from a newer version of the program (schema {found}; "
                     "this program knows up to {known})"),
    "web.db.newer_hint": ("actualice expert, o use otra carpeta con --data",
                          "upgrade expert, or use another folder with --data"),
    # The list and a new interview
    "web.list.title": ("Entrevistas", "Interviews"),
    "web.list.empty": ("Todavía no hay ninguna entrevista.", "There is no interview yet."),
    "web.list.client": ("Cliente", "Client"),
    "web.list.plan": ("Plan", "Plan"),
    "web.list.status": ("Estado", "Status"),
    "web.list.answers": ("Respuestas", "Answers"),
    "web.list.risks": ("Riesgos", "Risks"),
    "web.list.open": ("Puntos abiertos", "Open points"),
    "web.list.updated": ("Último cambio", "Last change"),
    "web.list.link": ("Enlace", "Link"),
    "web.status.new": ("sin empezar", "not started"),
    "web.status.progress": ("en curso", "in progress"),
    "web.status.finished": ("terminada", "finished"),
    "web.link.active": ("activo", "active"),
    "web.link.none": ("revocado", "revoked"),
    "web.new.title": ("Nueva entrevista", "New interview"),
    "web.new.client": ("Cliente (nombre de la empresa)", "Client (company name)"),
    "web.new.plan": ("Plan que se revisa (opcional)", "Plan under review (optional)"),
    "web.new.lang": ("Idioma de la entrevista", "Language of the interview"),
    "web.new.show_risks": ("El cliente ve los riesgos al terminar",
                           "The client sees the risks at the end"),
    "web.new.submit": ("Crear y obtener el enlace", "Create and get the link"),
    "web.lang.es": ("español", "Spanish"),
    "web.lang.en": ("inglés", "English"),
    "web.import.title": ("Importar una sesión o un archivo de respuestas",
                         "Import a session or a fact file"),
    "web.import.file": ("Archivo (.yaml, .yml o .json)", "File (.yaml, .yml or .json)"),
    "web.import.submit": ("Importar", "Import"),
    "web.import.none": ("elija un archivo", "choose a file"),
    "web.hint.question_ids": ("esa pregunta no existe en la base «{kb}» que usa este "
                              "servidor: quítela del archivo, o compruebe que el archivo es de "
                              "esta base", "that question does not exist in the knowledge "
                              "base '{kb}' this server uses: remove it from the file, or check "
                              "that the file belongs to this knowledge base"),
    # One interview, for the consultant
    "web.detail.link_once": ("Enlace privado para el cliente (cópielo ahora: no se guarda y "
                             "no se volverá a mostrar; puede crear otro, que anula este):",
                             "Private link for the client (copy it now: it is not stored "
                             "and will not be shown again; you can make a new one, which "
                             "cancels this one):"),
    "web.detail.link_label": ("Enlace privado", "Private link"),
    "web.detail.run": ("Hacer la entrevista yo mismo", "Run the interview myself"),
    "web.detail.downloads": ("Descargas", "Downloads"),
    "web.detail.session": ("Sesión (archivo de respuestas para expert)",
                           "Session (fact file for expert)"),
    "web.detail.html": ("Informe HTML", "HTML report"),
    "web.detail.markdown": ("Informe Markdown", "Markdown report"),
    "web.detail.revoke": ("Revocar el enlace", "Revoke the link"),
    "web.detail.relink": ("Crear un enlace nuevo (anula el anterior)",
                          "Make a new link (cancels the old one)"),
    "web.detail.link_state": ("Enlace del cliente: {state}", "Client link: {state}"),
    "web.detail.show_risks": ("El cliente ve los riesgos", "The client sees the risks"),
    "web.detail.save": ("Guardar", "Save"),
    "web.detail.counts": ("{answers} {answers|respuesta|respuestas} · {risks} "
                          "{risks|riesgo|riesgos} · {open} {open|punto abierto|puntos "
                          "abiertos}",
                          "{answers} {answers|answer|answers} · {risks} {risks|risk|risks} "
                          "· {open} open {open|point|points}"),
    "web.link.revoked": ("El enlace está revocado: ya no abre la entrevista.",
                         "The link is revoked: it no longer opens the interview."),
    # The interview pages
    "web.meta.client": ("Cliente (nombre de la empresa)", "Client (company name)"),
    "web.meta.plan": ("Plan que se revisa (puede dejarlo en blanco)",
                      "Plan under review (may be left blank)"),
    "web.meta.consultant": ("Consultor (puede dejarlo en blanco)",
                            "Consultant (may be left blank)"),
    "web.answer": ("Responder", "Answer"),
    "web.continue": ("Continuar", "Continue"),
    "web.dont_know": ("No lo sé", "I don't know"),
    "web.back": ("Atrás", "Back"),
    "web.keep": ("Mantener la respuesta", "Keep the answer"),
    "web.current": ("Respuesta actual: {value}", "Current answer: {value}"),
    "web.yes": ("Sí", "Yes"),
    "web.no": ("No", "No"),
    "web.confirm.title": ("Confirme la respuesta", "Confirm the answer"),
    "web.confirm.yes": ("Sí, es correcta", "Yes, it is right"),
    "web.confirm.no": ("No, corregirla", "No, correct it"),
    "web.skipped.title": ("Preguntas sin respuesta", "Unanswered questions"),
    "web.skipped.offer": ("{count|Queda 1 pregunta sin respuesta que puede cambiar el "
                          "resultado.|Quedan {count} preguntas sin respuesta que pueden "
                          "cambiar el resultado.} ¿Quiere responder ahora?",
                          "{count|1 question is|{count} questions are} left unanswered that "
                          "could change the result. Answer now?"),
    "web.skipped.yes": ("Sí, responder ahora", "Yes, answer now"),
    "web.skipped.no": ("No, terminar", "No, finish"),
    "web.note.label": ("Nota para el consultor (opcional)", "Note for the consultant "
                       "(optional)"),
    "web.note.help": ("Se guarda con la respuesta, o sola con «Guardar la nota».",
                      "Saved with the answer, or alone with 'Save the note'."),
    "web.note.save": ("Guardar la nota", "Save the note"),
    "web.note.empty": ("escriba la nota en el recuadro", "type the note in the box"),
    "web.note.current": ("Nota ya guardada: {note}", "Note saved already: {note}"),
    "web.hint.skip_if_unknown": ("o pulse «No lo sé» si no lo sabe",
                                 "or press 'I don't know' if you do not know"),
    "web.choose_any": ("Marque todas las que correspondan.", "Tick all that apply."),
    "web.progress.title": ("Progreso", "Progress"),
    "web.progress.row": ("{answered} {answered|respondida|respondidas}, {left} "
                         "{left|pendiente|pendientes}", "{answered} answered, {left} to go"),
    "web.progress.total": ("{answered} {answered|respuesta|respuestas} hasta ahora",
                           "{answered} {answered|answer|answers} so far"),
    "web.progress.current": ("(ahora)", "(now)"),
    "web.review.link": ("Revisar las respuestas", "Review the answers"),
    "web.review.title": ("Sus respuestas", "Your answers"),
    "web.review.empty": ("Todavía no hay respuestas.", "There are no answers yet."),
    "web.review.change": ("Cambiar", "Change"),
    "web.review.change_label": ("Cambiar la respuesta {number}", "Change answer {number}"),
    "web.review.note": ("Nota: {note}", "Note: {note}"),
    "web.review.back": ("Volver a la entrevista", "Back to the interview"),
    "web.review.details": ("Datos de la entrevista", "Interview details"),
    "web.stale": ("Esta página estaba desactualizada: la entrevista ha cambiado en otra "
                  "ventana o pestaña. No se ha guardado nada; esta es la pregunta actual.",
                  "This page was out of date: the interview changed in another window or "
                  "tab. Nothing was saved; this is the current question."),
    "web.thanks.title": ("Gracias", "Thank you"),
    "web.thanks.text": ("Sus respuestas están guardadas. El consultor las verá antes de la "
                        "reunión. Puede volver a este enlace para revisarlas o cambiarlas.",
                        "Your answers are saved. The consultant will see them before the "
                        "meeting. You can come back to this link to review or change them."),
    "web.thanks.consultant": ("Entrevista terminada.", "Interview finished."),
    "web.summary.title": ("Resultado", "Result"),
    "web.summary.no_risks": ("No se ha establecido ningún riesgo.", "No risk is established."),
    "web.summary.open": ("Puntos abiertos", "Open points"),
    "web.summary.ask": ("Para decidirlo: {questions}", "To settle it: {questions}"),
    "web.notices": ("Avisos", "Notices"),
    # Errors
    "web.error.400.title": ("Petición no válida", "Bad request"),
    "web.error.400": ("La petición no se entiende.", "The request cannot be understood."),
    "web.error.400.form": ("El texto del formulario no se pudo leer: no está en UTF-8, la "
                           "codificación de las páginas web. Vuelva atrás, recargue la página "
                           "y envíelo otra vez desde el navegador.",
                           "The form's text could not be read: it is not UTF-8, the encoding "
                           "of web pages. Go back, reload the page and send it again from the "
                           "browser."),
    "web.error.403.title": ("Formulario caducado", "Form expired"),
    "web.error.403": ("El formulario no se pudo comprobar (caducó, o el navegador no guarda "
                      "cookies de este sitio). Vuelva atrás, recargue la página y envíelo otra "
                      "vez.", "The form could not be checked (it expired, or the browser "
                      "keeps no cookies for this site). Go back, reload the page and send it "
                      "again."),
    "web.error.404.title": ("Página no encontrada", "Page not found"),
    "web.error.404": ("Esta dirección no existe o el enlace ya no es válido. Si le enviaron "
                      "un enlace, pida uno nuevo a su consultor.",
                      "This address does not exist or the link is no longer valid. If you "
                      "were sent a link, ask your consultant for a new one."),
    "web.error.405.title": ("Petición no válida", "Bad request"),
    "web.error.405": ("Esta dirección no admite esa petición.",
                      "This address does not take that request."),
    "web.error.409.title": ("Página desactualizada", "Page out of date"),
    "web.error.409": ("La entrevista ha cambiado en otra ventana.",
                      "The interview changed in another window."),
    "web.error.413.title": ("Demasiado grande", "Too large"),
    "web.error.413": ("Lo enviado es demasiado grande (como mucho 2 MB en total, y 10.000 "
                      "caracteres por respuesta o nota).", "What was sent is too large (at "
                      "most 2 MB in all, and 10,000 characters per answer or note)."),
    "web.error.429.title": ("Demasiados intentos", "Too many attempts"),
    "web.error.429": ("Demasiados enlaces equivocados desde esta dirección. Compruebe que "
                      "ha copiado el enlace entero, o espere unos minutos y vuelva a "
                      "intentarlo.", "Too many wrong links from this address. Check that the "
                      "whole link was copied, or wait a few minutes and try again."),
    # Refused by the HTTP server itself (server_errors.py)
    "web.server.431.title": ("Dirección demasiado larga", "Address too long"),
    "web.server.431": ("La dirección (o las cabeceras) de la petición pasa de {header_kb} KB, "
                       "y el servidor no la lee. Compruebe el enlace: quizá se pegó dos veces "
                       "o con texto de más. Un enlace de una entrevista es mucho más corto.",
                       "The request's address (or its headers) is over {header_kb} KB, and "
                       "the server does not read it. Check the link: it may have been pasted "
                       "twice or with extra text. An interview's link is much shorter."),
    "web.server.413.title": ("Demasiado grande", "Too large"),
    "web.server.413": ("Lo enviado pasa de {body_mb} MB, y el servidor no lo lee. Un archivo "
                       "de respuestas o una sesión ocupan mucho menos: compruebe que eligió "
                       "el archivo correcto.", "What was sent is over {body_mb} MB, and the "
                       "server does not read it. An answers file or a session is much "
                       "smaller: check that the right file was chosen."),
    "web.server.other.title": ("Petición no válida", "Bad request"),
    "web.server.other": ("El servidor no pudo leer la petición (HTTP {code}). Vuelva a "
                         "intentarlo desde el navegador.", "The server could not read the "
                         "request (HTTP {code}). Try again from the browser."),
    "web.error.500.title": ("Error interno", "Internal error"),
    "web.error.500": ("Algo ha fallado en el servidor. Lo ya guardado no se ha perdido; "
                      "vuelva a intentarlo.", "Something failed on the server. What was "
                      "saved is not lost; try again."),
    # expert serve
    "cli.cmd.serve": ("Servidor web de la entrevista: el consultor crea entrevistas y envía "
                      "a cada cliente un enlace privado para responder desde el navegador. "
                      "Los datos se guardan en una base SQLite en la carpeta de datos.",
                      "Web server for the interview: the consultant creates interviews and "
                      "sends each client a private link to answer from a browser. The data "
                      "is kept in an SQLite database in the data folder."),
    "cli.cmd.serve.short": ("Entrevista en el navegador (servidor web).",
                            "The interview in a browser (web server)."),
    "cli.opt.serve.host": ("Dirección en la que escuchar (127.0.0.1: solo este equipo).",
                           "Address to listen on (127.0.0.1: this computer only)."),
    "cli.opt.serve.port": ("Puerto.", "Port."),
    "cli.opt.serve.data_dir": ("Carpeta de datos (la base de datos).",
                               "Data folder (the database)."),
    "cli.opt.serve.create_user": ("Crea el usuario de un consultor (pide la contraseña, o la "
                                  "lee de la entrada estándar) y termina.",
                                  "Create a consultant's user (asks for the password, or "
                                  "reads it from standard input) and exit."),
    "cli.opt.serve.threads": ("Hilos que atienden peticiones.",
                              "Threads that handle requests."),
    "cli.opt.serve.trusted_proxy": ("Dirección de un proxy inverso con TLS en el que confiar "
                                    "(X-Forwarded-For y X-Forwarded-Proto).",
                                    "Address of a TLS reverse proxy to trust "
                                    "(X-Forwarded-For and X-Forwarded-Proto)."),
    "cli.metavar.data_dir": ("CARPETA", "DIR"),
    "cli.metavar.host": ("DIRECCIÓN", "ADDRESS"),
    "cli.metavar.port": ("PUERTO", "PORT"),
    "cli.metavar.threads": ("N", "N"),
    "cli.metavar.trusted_proxy": ("DIRECCIÓN", "ADDRESS"),
    "cli.metavar.create_user": ("NOMBRE", "NAME"),
}
