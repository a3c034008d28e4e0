"""The errors waitress answers itself, before the application sees the request: a URL or
headers over its limit, a body far over the application's, a request it cannot parse.

waitress's own page is English plain text naming its internals («exceeds max_header of
65536»). These say what is wrong and what to do in the product's words, with the headers
every page has. In Spanish and English at once: the reader's language is in a request
that could not be read.
"""

from __future__ import annotations

import html
from typing import Any

from ..i18n import t
from .security import secure_headers

KNOWN = (413, 431)


def error_page(code: int, header_limit: int, body_limit: int) -> bytes:
    key = f"web.server.{code}" if code in KNOWN else "web.server.other"
    fields = {"code": code, "header_kb": header_limit // 1024,
              "body_mb": round(body_limit / 1024 / 1024)}
    parts = ['<!doctype html>\n<html lang="es">\n<head>\n<meta charset="utf-8">\n'
             f"<title>{html.escape(t(key + '.title', 'es', **fields))}</title>\n</head>\n"
             "<body>\n"]
    for lang in ("es", "en"):
        parts.append(f'<section lang="{lang}">\n'
                     f"<h1>{html.escape(t(key + '.title', lang, **fields))}</h1>\n"
                     f"<p>{html.escape(t(key, lang, **fields))}</p>\n</section>\n")
    parts.append("</body>\n</html>\n")
    return "".join(parts).encode("utf-8")


def error_channel(header_limit: int, body_limit: int) -> Any:
    """A waitress channel class whose error responses are ``error_page``."""
    from waitress.channel import HTTPChannel
    from waitress.task import ErrorTask

    class Task(ErrorTask):  # type: ignore[misc]
        def execute(self) -> None:
            error = self.request.error
            body = error_page(int(error.code), header_limit, body_limit)
            headers: dict[str, str] = {}
            secure_headers(headers, tls=False, private=True)
            self.status = f"{error.code} {error.reason}"
            self.response_headers.extend([("Content-Type", "text/html; charset=utf-8"),
                                          *headers.items()])
            self.set_close_on_finish()
            self.content_length = len(body)
            self.write(body)

    class Channel(HTTPChannel):  # type: ignore[misc]
        error_task_class = Task

    return Channel
