"""Messages about fact files and answers: a value of the wrong type, out of range, an
unknown option, a plan that cannot be read.

Each entry is (Spanish, English). ``{name}`` fields are filled by ``t``; see ``__init__``.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # Fact files
    "facts.empty": ("el archivo de respuestas está vacío", "the fact file is empty"),
    "facts.not_mapping": ("un archivo de respuestas debe ser una tabla con «answers:», no "
                          "{actual}",
                          "a fact file must be a mapping with 'answers:', not {actual}"),
    "facts.unknown_part": ("apartado desconocido «{key}»", "unknown part '{key}'"),
    "facts.no_answers": ("el archivo de respuestas no tiene «answers:»",
                         "the fact file has no 'answers:'"),
    "facts.answers_not_mapping": ("«answers» debe ser una tabla, no {actual}",
                                  "'answers' must be a mapping, not {actual}"),
    "facts.unknown_question": ("pregunta desconocida «{id}»", "unknown question '{id}'"),
    "facts.bad_answer": ("respuesta a «{id}»: {problem}", "answer to '{id}': {problem}"),
    "facts.meta_not_mapping": ("«meta» debe ser una tabla, no {actual}",
                               "'meta' must be a mapping, not {actual}"),
    "facts.meta_single": ("el dato «{key}» de «meta» debe ser un solo valor",
                          "meta '{key}' must be a single value"),
    "facts.meta_misspelt": ("«{key}» no es un dato de «meta»: el informe quedaría sin «{name}»",
                            "'{key}' is not a meta field: the report would lack '{name}'"),
    "facts.meta_too_long": ("el dato «{key}» de «meta» es demasiado largo ({length} caracteres; "
                            "como mucho {limit})",
                            "meta '{key}' is too long ({length} characters; at most {limit})"),
    "facts.notes_not_mapping": ("«notes» debe ser una tabla, no {actual}",
                                "'notes' must be a mapping, not {actual}"),
    "facts.note_unknown_question": ("nota para una pregunta desconocida «{id}»",
                                    "note for unknown question '{id}'"),
    "facts.note_too_long": ("la nota de «{id}» debe ser un texto de {limit} caracteres como "
                            "mucho",
                            "the note for '{id}' must be a text of at most {limit} characters"),
    "facts.interview_not_mapping": ("«interview» debe ser una tabla",
                                    "'interview' must be a mapping"),
    "facts.more": ("y {count} {count|error más|errores más} en este archivo",
                   "and {count} more {count|error|errors} in this file"),
    # Answers
    "answer.expected_yes_no": ("se esperaba sí o no, no {actual}",
                               "expected yes or no, not {actual}"),
    "answer.yes_or_no": ("responda sí o no", "answer yes or no"),
    "answer.not_a_choice": ("{actual} no es una de las opciones", "{actual} is not one of the "
                            "choices"),
    "answer.expected_list": ("se esperaba una lista de opciones, no {actual}",
                             "expected a list of choices, not {actual}"),
    "answer.expected_text": ("se esperaba un texto, no {actual}", "expected a text, not {actual}"),
    "answer.expected_number": ("se esperaba un número, no {actual}",
                               "expected a number, not {actual}"),
    "answer.not_a_number": ("«{text}» no es un número", "'{text}' is not a number"),
    "answer.ambiguous_number": ("«{text}» se puede leer de dos maneras",
                                "'{text}' can be read two ways"),
    "answer.number_unusable": ("ese número no se puede usar", "that number cannot be used"),
    "answer.out_of_range": ("{value} está fuera del rango", "{value} is out of range"),
    "answer.text_too_long": ("el texto es demasiado largo ({length} caracteres; como mucho "
                             "{limit})",
                             "the text is too long ({length} characters; at most {limit})"),
    "answer.exclusive": ("«{label}» no se puede combinar con otras opciones",
                         "'{label}' cannot be combined with other choices"),
    "answer.empty": ("escriba una respuesta", "type an answer"),
    "answer.one_choice": ("elija una sola opción", "choose one option"),
    "answer.unknown_choice": ("«{text}» no es ninguna de las opciones",
                              "'{text}' is none of the options"),
    "answer.implausible": ("{value} es poco habitual: lo normal va de {low} a {high}.",
                           "{value} is unusual: it usually ranges from {low} to {high}."),
}
