"""One entry point per output format, so the CLI and the batch workers render alike."""

from __future__ import annotations

import json
from typing import Any

from ..infer import Result

FORMATS = ("text", "json", "yaml", "jsonl", "markdown", "html")
DATA_FORMATS = ("json", "yaml", "jsonl")
DOCUMENT_SUFFIX = {"text": ".txt", "markdown": ".md", "html": ".html"}


def render(result: Result, fmt: str, lang: str) -> Any:
    """A document (str) for text, markdown and html; one JSON line (str) for jsonl; plain
    data for json and yaml, which the caller gathers into one document."""
    if fmt in DATA_FORMATS:
        from .data import json_default, result_data

        data = result_data(result, lang)
        if fmt == "jsonl":  # serialised where it is computed (in the worker, in a batch)
            return json.dumps(data, ensure_ascii=False, default=json_default)
        return data
    if fmt == "text":
        from .text import render_text

        return render_text(result, lang)
    from .documents import render_document  # jinja2 is imported only when needed

    return render_document(result, fmt, lang)

