"""The glue behind each CLI command: arguments in, library calls, output and exit code out."""

from __future__ import annotations

import json
from typing import Any

import click

from ..text import safe_json


def echo_json(data: Any) -> None:
    from ..report.data import json_default

    click.echo(safe_json(json.dumps(data, ensure_ascii=False, indent=2, default=json_default)))
