"""Messages of the authoring tools: check, coverage, test, explain, whatif."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "check.summary": ("{kb}: {errors} {errors|error|errores}, {warnings} {warnings|aviso|avisos}",
                      "{kb}: {errors} {errors|error|errors}, {warnings} "
                      "{warnings|warning|warnings}"),
    # Coverage
    "coverage.section": ("sección", "section"),
    "coverage.questions": ("preguntas", "questions"),
    "coverage.rules": ("reglas", "rules"),
    "coverage.risks": ("riesgos", "risks"),
    "coverage.measures": ("medidas", "measures"),
    "coverage.scenarios": ("escenarios", "scenarios"),
    "coverage.missing": ("faltan: {names}", "missing: {names}"),
    "coverage.points_header": ("Puntos del documento y reglas que los recogen:",
                               "Points of the document and the rules that encode them:"),
    "coverage.no_rule": ("NINGUNA REGLA", "NO RULE"),
    "coverage.no_features": ("no se ha encontrado la carpeta de escenarios: no se comprueban "
                             "(use --features CARPETA)",
                             "no features folder found: scenarios are not checked (use "
                             "--features DIR)"),
    "coverage.sections_uncovered": ("{count} de {total} secciones no están cubiertas del todo",
                                    "{count} of {total} sections are not fully covered"),
    "coverage.points_uncovered": ("{count} de {total} puntos del documento no los recoge "
                                  "ninguna regla",
                                  "{count} of {total} points of the document are encoded by "
                                  "no rule"),
    "coverage.all": ("cubiertas las {sections} secciones y los {points} puntos del documento",
                     "all {sections} sections and {points} points of the document covered"),
    "point.guarantee": ("garantía", "guarantee"),
    "point.mechanism": ("mecanismo", "mechanism"),
    "point.example": ("ejemplo", "example"),
    "point.warning": ("advertencia", "warning"),
    # expert test
    "kbtest.pass": ("BIEN {name}", "PASS {name}"),
    "kbtest.fail": ("MAL  {name}", "FAIL {name}"),
    "kbtest.summary": ("{passed} {passed|correcto|correctos}, {failed} "
                       "{failed|fallido|fallidos}",
                       "{passed} passed, {failed} failed"),
    "kbtest.no_cases": ("no hay casos de prueba en {path}", "no test cases in {path}"),
    "kbtest.recorded": ("caso grabado en {path}", "recorded {path}"),
    "kbtest.record_needs_kb": ("para grabar un caso, indique en qué base con --kb",
                               "to record a case, say which knowledge base with --kb"),
    "hint.record_kb": ("por ejemplo: expert test --kb knowledge_base/ --record sesion.yaml",
                       "for example: expert test --kb knowledge_base/ --record session.yaml"),
    "kbtest.missing": ("se esperaba {ref} y no se establece", "expected {ref}; it is not "
                       "established"),
    "kbtest.unexpected": ("se establece {ref} y el caso no lo espera (reglas: {rules})",
                          "{ref} is established and the case does not expect it (rules: "
                          "{rules})"),
    "kbtest.should_not": ("{ref} no debería establecerse y se establece (reglas: {rules})",
                          "{ref} should not be established and is (rules: {rules})"),
    "kbtest.not_open": ("se esperaba {ref} abierto y no lo está", "expected {ref} open; it is "
                        "not"),
    "kbtest.unexpected_open": ("{ref} queda abierto y el caso no lo espera",
                               "{ref} is open and the case does not expect it"),
    "kbtest.severity": ("{ref} tiene gravedad {actual}; se esperaba {expected}",
                        "{ref} has {actual} severity; expected {expected}"),
    "kbtest.unfired": ("reglas que ningún caso dispara ({count}/{total}): {ids}",
                       "rules no case fires ({count}/{total}): {ids}"),
    "kbtest.unanswered": ("preguntas que ningún caso responde ({count}/{total}): {ids}",
                          "questions no case answers ({count}/{total}): {ids}"),
    # explain
    "explain.because": ("porque", "because"),
    "explain.absent": ("no se da: {title}", "does not hold: {title}"),
    "explain.passage": ("lo dice el documento, {section} {title}: «{quote}…»",
                        "the document says so, {section} {title}: «{quote}…»"),
    # whatif
    "whatif.not_assignment": ("«{text}» no tiene la forma PREGUNTA=VALOR",
                              "'{text}' is not QUESTION=VALUE"),
    "hint.whatif_example": ("por ejemplo --set field_staff=6", "for example --set "
                            "field_staff=6"),
    "whatif.nothing": ("no hay nada que hacer", "nothing to do"),
    "hint.whatif_what": ("indique --set PREGUNTA=VALOR o --clear RIESGO",
                         "give --set QUESTION=VALUE or --clear RISK"),
    "whatif.unknown_risk": ("riesgo desconocido «{id}»", "unknown risk '{id}'"),
    "whatif.alternatives": ("{count} {count|alternativa lo elimina|alternativas lo eliminan; "
                            "basta una cualquiera}:",
                            "{count} {count|alternative clears|alternatives clear} it; any one "
                            "is enough:"),
    "whatif.option": ("{number}.", "{number}."),
    "whatif.change": ("«{question}» → «{answer}»", "'{question}' → '{answer}'"),
    "whatif.regraded": ("~ cambia de gravedad {old} a {new}: {title}",
                        "~ severity changes from {old} to {new}: {title}"),
    "whatif.more": ("… y {count} más", "… and {count} more"),
    # Which knowledge base
    "project.using.option": ("base de conocimiento: {path}", "knowledge base: {path}"),
    "project.using.environment": ("base de conocimiento: {path} (de EXPERT_KB)",
                                  "knowledge base: {path} (from EXPERT_KB)"),
    "project.using.config": ("base de conocimiento: {path} (de {config})",
                             "knowledge base: {path} (from {config})"),
    "project.using.bundled": ("base de conocimiento: la incluida ({path}); para otra, use --kb "
                              "o un expert.toml",
                              "knowledge base: the bundled one ({path}); for another, use --kb "
                              "or an expert.toml"),
    "kbtest.expected": ("esperado", "expected"),
    "kbtest.actual": ("obtenido", "actual"),
    "project.bad_kb": ("«kb» debe ser la ruta de una carpeta, entre comillas",
                       "'kb' must be the path of a folder, in quotes"),
    "project.bad_lang": ("«lang = {value}» no es un idioma disponible ({langs})",
                         "'lang = {value}' is not an available language ({langs})"),
    "project.unknown_key": ("«{key}» no es un ajuste de expert.toml (solo kb y lang)",
                            "'{key}' is not an expert.toml setting (only kb and lang)"),
    "project.toml.value": ("un valor no válido (los textos van entre comillas)",
                           "an invalid value (text goes in quotes)"),
    "project.toml.equals": ("falta «=» tras el nombre del ajuste",
                            "the setting's name lacks its '='"),
    "project.toml.twice": ("un ajuste repetido", "a setting given twice"),
    "project.toml.unclosed": ("una lista o una tabla sin cerrar", "an unclosed list or table"),
    "project.toml.other": ("la sintaxis no es válida en este punto",
                           "the syntax is not valid at this point"),
    "project.bad_toml": ("expert.toml no es TOML válido: {problem}",
                         "expert.toml is not valid TOML: {problem}"),
    "hint.project_toml": ("escriba, por ejemplo: kb = \"knowledge_base\" y lang = \"es\"",
                          "write, for example: kb = \"knowledge_base\" and lang = \"es\""),
    # watch and new
    "watch.running": ("── {time}: comprobación, casos de prueba y explicaciones",
                      "── {time}: check, test cases and explanations"),
    "watch.waiting": ("Esperando cambios (Ctrl-C para terminar)…",
                      "Waiting for changes (Ctrl-C to stop)…"),
    "new.written": ("{kind} «{id}» en {path}: complete los textos marcados con «…»",
                    "{kind} '{id}' in {path}: fill in the texts marked '…'"),
    "new.kind.question": ("Nueva pregunta", "New question"),
    "new.kind.finding": ("Nuevo hallazgo", "New finding"),
    "new.kind.risk": ("Nuevo riesgo", "New risk"),
    "new.kind.measure": ("Nueva medida", "New measure"),
    "new.kind.rule": ("Nueva regla", "New rule"),
    "new.taken": ("ya hay un elemento con el id «{id}»", "there is an element with id '{id}' "
                  "already"),
    "new.no_family_file": ("no hay ningún archivo de la familia {family}",
                           "there is no file of family {family}"),
    "hint.new_family_file": ("cree uno con la línea «family: {family}»",
                             "create one with the line 'family: {family}'"),
}
