"""Messages of reports, batch output and ``expert compare``."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # Evaluation: wording added in 2.0
    "eval.severity_level": ("gravedad {level}", "{level} severity"),
    "eval.priority_level": ("prioridad {level}", "{level} priority"),
    "eval.basis": ("Gravedad: {text}", "Severity: {text}"),
    "eval.warnings": ("Respuestas que conviene revisar", "Answers to check"),
    "eval.implausible": ("«{question}»: {problem} Compruebe que la cifra está bien escrita.",
                         "'{question}': {problem} Check that the figure is written right."),
    "eval.meeting_note": ("Nota de la reunión", "Meeting note"),
    "eval.document_says": ("Lo dice el documento ({sections}): {quotes}",
                           "The document says so ({sections}): {quotes}"),
    "eval.practice": ("Práctica de consultoría, no lo dice el documento ({sections})",
                      "Consulting practice, not stated by the document ({sections})"),
    "report.document_says": ("Lo dice el documento:", "The document says so:"),
    "report.practice": ("Práctica de consultoría (no lo dice el documento)",
                        "Consulting practice (not stated by the document)"),
    "provenance.document": ("lo dice el documento", "stated by the document"),
    "provenance.practice": ("práctica de consultoría", "consulting practice"),
    "wording.answered": ("{question} → «{answer}»", "{question} → '{answer}'"),
    "eval.nothing": ("no se ha encontrado ningún archivo de respuestas",
                     "no fact files were found"),
    "hint.fact_files": ("indique archivos .yaml, .yml o .json, carpetas que los contengan, o "
                        "«-» para leer JSON Lines de la entrada estándar",
                        "give .yaml, .yml or .json files, folders holding them, or '-' to read "
                        "JSON Lines from standard input"),
    "eval.needs_out": ("--format {fmt} con varios planes necesita --out CARPETA",
                       "--format {fmt} with several plans needs --out DIR"),
    "hint.give_out": ("indique una carpeta para los informes: --out informes/",
                      "give a folder for the reports: --out reports/"),
    "facts.unreadable": ("no se puede leer este archivo ({kind})",
                         "this file cannot be read ({kind})"),
    "hint.check_file": ("revise el archivo; si parece correcto, comuníquelo",
                        "check the file; if it looks right, report it"),
    # Output files
    "out.not_folder": ("{path} no es una carpeta", "{path} is not a folder"),
    "out.disk_full": ("no se puede escribir {path}: el disco está lleno",
                      "cannot write {path}: the disk is full"),
    "hint.disk_full": ("libere espacio en el disco de {folder} (borre o mueva archivos que "
                       "no necesite) o elija una carpeta en otro disco",
                       "free space on the disk of {folder} (delete or move files you do "
                       "not need) or choose a folder on another disk"),
    "out.read_only": ("no se puede escribir {path}: el disco es de solo lectura",
                      "cannot write {path}: the disk is read-only"),
    "hint.read_only": ("elija una carpeta en un disco en el que se pueda escribir; si es una "
                       "memoria USB o una tarjeta, quítele la protección contra escritura",
                       "choose a folder on a disk that can be written to; if it is a USB "
                       "stick or a card, remove its write protection"),
    "out.permission": ("no se puede escribir {path}: no tiene permiso para escribir en la "
                       "carpeta {folder}",
                       "cannot write {path}: you have no permission to write in the folder "
                       "{folder}"),
    "hint.permission": ("elija una carpeta suya, por ejemplo dentro de su carpeta personal, "
                        "o pida a quien administra el equipo permiso de escritura en "
                        "{folder}",
                        "choose a folder of your own, inside your home folder for "
                        "example, or ask whoever manages the computer for permission to "
                        "write in {folder}"),
    "out.missing_folder": ("no se puede escribir {path}: la carpeta {folder} no existe",
                           "cannot write {path}: the folder {folder} does not exist"),
    "hint.missing_folder": ("créela antes, con «mkdir -p {folder}», o indique una carpeta "
                            "que exista",
                            "create it first, with 'mkdir -p {folder}', or give a folder "
                            "that exists"),
    "out.through_file": ("no se puede escribir {path}: {part} es un archivo, no una carpeta",
                         "cannot write {path}: {part} is a file, not a folder"),
    "hint.through_file": ("indique una ruta que pase solo por carpetas, o cambie de nombre "
                          "o mueva el archivo {part} si ahí debía haber una carpeta",
                          "give a path that goes through folders only, or rename or move "
                          "the file {part} if a folder was meant to be there"),
    "out.is_folder": ("no se puede escribir {path}: es una carpeta",
                      "cannot write {path}: it is a folder"),
    "hint.is_folder": ("indique un nombre de archivo, no el de una carpeta",
                       "give a file name, not a folder's"),
    "out.name_too_long": ("no se puede escribir {path}: el nombre es demasiado largo",
                          "cannot write {path}: the name is too long"),
    "hint.name_too_long": ("use un nombre de archivo o una ruta más cortos",
                           "use a shorter file name or path"),
    "out.cannot_write": ("no se puede escribir {path}: error {number} del sistema",
                         "cannot write {path}: system error {number}"),
    "hint.cannot_write": ("compruebe que se puede escribir en la carpeta {folder}, o elija "
                          "otra",
                          "check that the folder {folder} can be written to, or choose "
                          "another"),
    "out.dangling_link": ("{path} es un enlace simbólico a una carpeta que no existe",
                          "{path} is a symbolic link to a folder that does not exist"),
    "hint.dangling_link": ("cree la carpeta a la que apunta, o borre el enlace y dé otra "
                           "carpeta",
                           "create the folder it points to, or remove the link and give "
                           "another folder"),
    "hint.output_place": ("indique una carpeta, o el nombre de una nueva, que se creará; "
                          "no un archivo",
                          "give a folder, or the name of a new one, which is created; not a "
                          "file"),
    "eval.nothing_in": ("no se ha encontrado ningún archivo de respuestas en {places}",
                        "no fact files were found in {places}"),
    "coverage.features_not_folder": ("{path} no es una carpeta de escenarios",
                                     "{path} is not a folder of scenarios"),
    "hint.features_folder": ("indique la carpeta que contiene los archivos .feature",
                             "give the folder that holds the .feature files"),
    "cli.terminated": ("terminado por una señal (SIGTERM); no queda ningún archivo a medias",
                       "stopped by a signal (SIGTERM); no file is left half-written"),
    # Summary of a portfolio
    "summary.source": ("origen", "source"),
    "summary.client": ("cliente", "client"),
    "summary.plan": ("plan", "plan"),
    "summary.date": ("fecha", "date"),
    "summary.risks_high": ("riesgos altos", "high risks"),
    "summary.risks_medium": ("riesgos medios", "medium risks"),
    "summary.risks_low": ("riesgos bajos", "low risks"),
    "summary.measures": ("medidas", "measures"),
    "summary.open": ("puntos abiertos", "open points"),
    "summary.top_risks": ("riesgos principales", "top risks"),
    "summary.sections": ("secciones", "sections"),
    "summary.risk": ("riesgo", "risk"),
    "summary.section": ("sección", "section"),
    "summary.plans": ("planes", "plans"),
    # Compare
    "compare.two_kbs": ("compare necesita dos bases de conocimiento",
                        "compare needs two knowledge bases"),
    "hint.compare_kbs": ("indique --kb CARPETA_ANTIGUA --kb CARPETA_NUEVA",
                         "give --kb OLD_DIR --kb NEW_DIR"),
    "compare.appeared": ("+ aparece", "+ appears"),
    "compare.disappeared": ("- desaparece", "- disappears"),
    "compare.opened": ("? queda abierto", "? becomes open"),
    "compare.closed": ("? deja de estar abierto", "? no longer open"),
    "compare.same": ("= sin cambios", "= no change"),
    "compare.unknown_to_old": ("la versión antigua no tiene estas preguntas (cuentan como sin "
                               "respuesta): {ids}",
                               "the old version lacks these questions (counted as "
                               "unanswered): {ids}"),
    "compare.unknown_to_new": ("la versión nueva no tiene estas preguntas (cuentan como sin "
                               "respuesta): {ids}",
                               "the new version lacks these questions (counted as "
                               "unanswered): {ids}"),
    "compare.summary": ("{changed} de {count} {count|plan cambia|planes cambian} ({old} → {new})",
                        "{changed} of {count} {count|plan changes|plans change} ({old} → {new})"),
}
