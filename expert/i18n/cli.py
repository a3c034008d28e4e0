"""Messages of the command line: help texts, headings, metavars and usage errors.

Help of command X is ``cli.cmd.X`` (and ``cli.cmd.X.short`` for the list of commands);
help of option P is ``cli.opt.X.P``, or ``cli.opt.P`` when it means the same everywhere.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.usage": ("Uso:", "Usage:"),
    "cli.options": ("Opciones", "Options"),
    "cli.commands": ("Órdenes", "Commands"),
    "cli.options_metavar": ("[OPCIONES]", "[OPTIONS]"),
    "cli.command_metavar": ("ORDEN [ARGUMENTOS]...", "COMMAND [ARGS]..."),
    "cli.default": ("[por defecto: {value}]", "[default: {value}]"),
    "cli.see_help": ("vea «expert {command} --help»", "see 'expert {command} --help'"),
    "cli.see_top_help": ("vea «expert --help»", "see 'expert --help'"),
    "cli.interrupted": ("interrumpido", "interrupted"),
    "cli.internal_error": ("error interno: {kind}: {detail} (repítalo con --debug para ver "
                           "los detalles, y comuníquelo)",
                           "internal error: {kind}: {detail} (run again with --debug for "
                           "details, and report it)"),
    "cli.no_such_command": ("no existe la orden «{name}»", "no such command '{name}'"),
    "cli.no_such_option": ("no existe la opción «{name}»", "no such option '{name}'"),
    "cli.option_needs_value": ("la opción «{name}» necesita un valor",
                               "option '{name}' needs a value"),
    "cli.option_no_value": ("la opción «{name}» no lleva valor",
                            "option '{name}' does not take a value"),
    "cli.missing": ("falta {name}", "missing {name}"),
    "cli.not_a_choice": ("{name} debe ser uno de estos: {choices}",
                         "{name} must be one of: {choices}"),
    "cli.not_in_range": ("{name} debe ser un número entero de {low} a {high}",
                         "{name} must be a whole number from {low} to {high}"),
    "cli.bad_value": ("valor no válido para {name}", "invalid value for {name}"),
    "cli.extra_arguments": ("sobra: {args}", "unexpected: {args}"),
    "cli.usage_error": ("la orden no está bien escrita", "the command is not written right"),
    "cli.no_command": ("falta la orden (evaluate, interview, explain…)",
                       "the command is missing (evaluate, interview, explain…)"),
    # Metavars
    "cli.metavar.files": ("ARCHIVOS...", "FILES..."),
    "cli.metavar.facts": ("RESPUESTAS", "FACTS"),
    "cli.metavar.kb_dir": ("CARPETA", "DIR"),
    "cli.metavar.kb_dirs": ("CARPETA", "DIR"),
    "cli.metavar.out_dir": ("CARPETA", "DIR"),
    "cli.metavar.features_dir": ("CARPETA", "DIR"),
    "cli.metavar.jobs": ("N", "N"),
    "cli.metavar.sets": ("PREGUNTA=VALOR", "QUESTION=VALUE"),
    "cli.metavar.clear_risk": ("RIESGO", "RISK"),
    "cli.metavar.conclusion": ("CONCLUSIÓN", "CONCLUSION"),
    "cli.metavar.record_path": ("ARCHIVO", "FILE"),
    "cli.metavar.resume": ("ARCHIVO", "FILE"),
    "cli.metavar.save": ("ARCHIVO", "FILE"),
    # Shared options
    "cli.opt.help": ("Muestra esta ayuda y termina.", "Show this help and exit."),
    "cli.opt.version": ("Muestra la versión y termina.", "Show the version and exit."),
    "cli.opt.debug": ("Muestra los detalles internos y la traza del motor.",
                      "Show internal details and engine tracing."),
    "cli.required": ("[obligatoria]", "[required]"),
    "cli.opt.lang": ("Idioma: es (español) o en (inglés). Por defecto, EXPERT_LANG, el "
                     "«lang» de expert.toml o español.",
                     "Language: es (Spanish) or en (English). Default: EXPERT_LANG, the "
                     "«lang» of expert.toml, or Spanish."),
    "cli.opt.kb_dir": ("Carpeta de la base de conocimiento (por defecto, la incluida).",
                       "Knowledge-base folder (default: the bundled one)."),
    "cli.opt.fmt": ("Formato de salida.", "Output format."),
    # Commands
    "cli.cmd.expert": ("Qué garantías institucionales le faltan a un plan de marketing, qué "
                       "riesgos se derivan y qué hacer.",
                       "Which institutional guarantees a marketing plan lacks, the risks that "
                       "follow, and what to do about them."),
    "cli.cmd.expert.short": ("Garantías institucionales del plan de marketing.",
                             "Institutional guarantees of the marketing plan."),
    "cli.cmd.evaluate": ("Evalúa archivos de respuestas (archivos, carpetas, patrones; «-» lee "
                         "JSON Lines de la entrada estándar). Los archivos con errores se "
                         "señalan (archivo:línea) y se saltan; el código de salida es 2 si "
                         "alguno falla.",
                         "Evaluate fact files (files, folders, globs; '-' reads JSON Lines from "
                         "stdin). Broken files are reported (file:line) and skipped; the exit "
                         "code is 2 if any failed."),
    "cli.cmd.evaluate.short": ("Evalúa planes: riesgos, medidas y puntos abiertos.",
                               "Evaluate plans: risks, measures and open points."),
    "cli.opt.evaluate.fmt": ("Formato de salida; markdown y html con --out escriben un informe "
                             "por plan.",
                             "Output format; markdown and html with --out write one report per "
                             "plan."),
    "cli.opt.evaluate.out_dir": ("Carpeta para los informes de cada plan y el resumen.",
                                 "Folder for per-plan reports and the summary."),
    "cli.opt.evaluate.jobs": ("Procesos de trabajo (por defecto, uno por núcleo; se usan desde "
                              "64 planes).",
                              "Worker processes (default: one per core; used from 64 plans)."),
    "cli.opt.evaluate.summary": ("Escribe también un resumen de la cartera (en --out o en la "
                                 "salida estándar).",
                                 "Also write a portfolio summary (to --out, or standard "
                                 "output)."),
    "cli.cmd.check": ("Valida una base de conocimiento y lista todos los problemas a la vez, "
                      "cada uno como archivo:línea:columna: gravedad: mensaje (pista). Sale con "
                      "1 si hay algún error; los avisos nunca hacen fallar la comprobación.",
                      "Validate a knowledge base and list every problem at once, each as "
                      "file:line:col: severity: message (hint). Exits 1 if there is any error; "
                      "warnings never fail the check."),
    "cli.cmd.check.short": ("Valida la base de conocimiento.", "Validate the knowledge base."),
    "cli.cmd.schema": ("Imprime el JSON Schema de un archivo de la base, para los editores.",
                       "Print the JSON Schema of a knowledge-base file, for editors."),
    "cli.cmd.schema.short": ("JSON Schema de los archivos de la base.",
                             "JSON Schema of the knowledge-base files."),
    "cli.opt.schema.kind": ("De qué archivo: una familia, sources.yaml o kb.yaml.",
                            "Which file: a family file, sources.yaml or kb.yaml."),
    "cli.cmd.coverage": ("Para cada sección y cada punto del documento: las preguntas, reglas, "
                         "riesgos, medidas y escenarios que lo recogen. Sale con 1 si algún "
                         "punto no lo recoge ninguna regla o a una sección le falta algo.",
                         "For each section and point of the document: the questions, rules, "
                         "risks, measures and scenarios that encode it. Exits 1 if a point has "
                         "no rule or a section lacks something."),
    "cli.cmd.coverage.short": ("Qué partes del documento están recogidas.",
                               "Which parts of the document are encoded."),
    "cli.opt.coverage.features_dir": ("Carpeta de archivos .feature (por defecto, features/ "
                                      "junto a la base o en la carpeta actual).",
                                      "Folder of .feature files (default: features/ beside "
                                      "the knowledge base, or in the current folder)."),
    "cli.cmd.explain": ("Explica por qué se sostiene cada riesgo y medida de un plan: las "
                        "reglas, las respuestas que las cumplieron y el pasaje del documento. "
                        "Para un punto abierto, las respuestas que lo decidirían.",
                        "Show why each risk and measure of a plan holds: the rules, the answers "
                        "that satisfied them, and the document's passage. For an open point, "
                        "the answers that would decide it."),
    "cli.cmd.explain.short": ("Por qué se llega a cada conclusión.",
                              "Why each conclusion holds."),
    "cli.opt.explain.conclusion": ("Explica solo esta conclusión (id o tipo.id).",
                                   "Explain only this conclusion (id or kind.id)."),
    "cli.opt.explain.detail": ("Muestra también las reglas y sus condiciones, para quien "
                               "edita la base.",
                               "Also show the rules and their conditions, for whoever edits "
                               "the knowledge base."),
    "cli.cmd.whatif": ("Muestra qué conclusiones aparecen (+) y desaparecen (-) al cambiar "
                       "respuestas, o los cambios mínimos que harían desaparecer un riesgo.",
                       "Show the conclusions that appear (+) and disappear (-) when answers "
                       "change, or the smallest sets of changes that would clear a risk."),
    "cli.cmd.whatif.short": ("Qué pasaría si cambiaran las respuestas.",
                             "What would change if answers changed."),
    "cli.opt.whatif.sets": ("Cambia una respuesta (se puede repetir); VALOR como en un archivo "
                            "de respuestas, o «no lo sé».",
                            "Change an answer (repeatable); VALUE as in a fact file, or "
                            "'unknown'."),
    "cli.opt.whatif.clear_risk": ("Busca los cambios mínimos de respuestas que eliminan este "
                                  "riesgo.",
                                  "Find the fewest answer changes that remove this risk."),
    "cli.cmd.test": ("Ejecuta los casos de prueba de la base (<base>/tests/*.yaml): una línea "
                     "por caso y, si falla, la diferencia entre lo esperado y lo obtenido. Sale "
                     "con 1 si falla alguno.",
                     "Run the knowledge base's own test cases (<kb>/tests/*.yaml): a line per "
                     "case and, on failure, expected against actual. Exits 1 on any failure."),
    "cli.cmd.test.short": ("Casos de prueba de la base.", "The knowledge base's test cases."),
    "cli.opt.test.record_path": ("Convierte este archivo de respuestas o de sesión en un caso "
                                 "nuevo.",
                                 "Turn this fact or session file into a new test case."),
    "cli.opt.test.show_coverage": ("Lista también las reglas que ningún caso dispara y las "
                                   "preguntas que ningún caso responde.",
                                   "Also list the rules no case fires and the questions no "
                                   "case answers."),
    "cli.cmd.interview": ("Entrevista guiada: pregunta solo lo que aún importa, explica por qué, "
                          "permite volver atrás y corregir, y guarda cada respuesta al momento "
                          "(Ctrl-C o Ctrl-D guardan y salen; --resume continúa). Sin terminal "
                          "lee las respuestas línea a línea.",
                          "Guided interview: asks only what still matters, explains why, can go "
                          "back and correct, and saves every answer at once (Ctrl-C or Ctrl-D "
                          "saves and leaves; --resume continues). Without a terminal it reads "
                          "answers line by line."),
    "cli.cmd.interview.short": ("Entrevista guiada con el cliente.",
                                "Guided interview with the client."),
    "cli.opt.interview.resume": ("Continúa (o corrige) la entrevista guardada en este archivo.",
                                 "Continue (or correct) the interview saved in this file."),
    "cli.opt.interview.save": ("Archivo de sesión nuevo (por defecto, "
                               "entrevista-<fecha-hora>.yaml aquí).",
                               "New session file (default: entrevista-<date-time>.yaml here)."),
    "cli.cmd.compare": ("Evalúa los mismos planes con dos versiones de la base y lista, por "
                        "plan, las conclusiones que aparecen (+) y desaparecen (-): lo que un "
                        "cambio en las reglas hace a cada cliente.",
                        "Evaluate the same plans with two versions of the knowledge base and "
                        "list, per plan, the conclusions that appear (+) and disappear (-): "
                        "what an edit does to every client."),
    "cli.cmd.compare.short": ("Efecto de un cambio en la base.", "Effect of an edit to the "
                              "knowledge base."),
    "cli.opt.compare.kb_dirs": ("Dos veces: --kb CARPETA_ANTIGUA --kb CARPETA_NUEVA.",
                                "Twice: --kb OLD_DIR --kb NEW_DIR."),
    "cli.metavar.plans": ("RESPUESTAS", "FACTS"),
    "cli.metavar.kind": ("TIPO", "KIND"),
    "cli.metavar.element_id": ("ID", "ID"),
    "cli.metavar.section": ("SECCIÓN", "SECTION"),
    "cli.cmd.lsp": ("Servidor de lenguaje (LSP) para los archivos de la base, por la entrada y "
                    "salida estándar: errores al escribir, completado de ids, ayuda al pasar el "
                    "ratón, ir a la definición y arreglos rápidos. Vea docs/authoring.md para "
                    "VS Code y Neovim.",
                    "Language server (LSP) for knowledge-base files, over stdio: errors as you "
                    "type, completion of ids, hover, go to definition and quick fixes. See "
                    "docs/authoring.md for VS Code and Neovim."),
    "cli.cmd.lsp.short": ("Servidor de lenguaje para editores.", "Language server for "
                          "editors."),
    "cli.cmd.watch": ("Vigila la base: en cada guardado la comprueba, ejecuta sus casos de "
                      "prueba y vuelve a explicar los planes indicados. Ctrl-C termina.",
                      "Watch the knowledge base: on every save, check it, run its test cases "
                      "and explain the given plans again. Ctrl-C stops."),
    "cli.cmd.watch.short": ("Comprobar y probar en cada guardado.", "Check and test on every "
                            "save."),
    "cli.opt.watch.plans": ("Explica también este plan en cada vuelta (se puede repetir).",
                            "Also explain this plan on every run (repeatable)."),
    "cli.cmd.new": ("Escribe el esqueleto bilingüe de un elemento nuevo al final de la lista "
                    "que le toca, en el archivo de la familia de la sección, con su id y su "
                    "sección ya puestos. TIPO: pregunta, hallazgo, riesgo, medida o regla (o "
                    "en inglés: question, finding, risk, measure, rule).",
                    "Write the bilingual skeleton of a new element at the end of its list, in "
                    "the family file of the section, with its id and section filled in. KIND: "
                    "question, finding, risk, measure or rule (or in Spanish: pregunta, "
                    "hallazgo, riesgo, medida, regla)."),
    "cli.cmd.new.short": ("Esqueleto de un elemento nuevo.", "Skeleton of a new element."),
    "cli.opt.new.section": ("La sección del documento que recoge (p. ej. SYS.BASIC.PERF).",
                            "The section of the document it encodes (e.g. SYS.BASIC.PERF)."),
}
