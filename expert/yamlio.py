"""Safe reading of YAML and JSON, with the position of every value on demand.

Every file a user gives us is read here. The text is composed into YAML nodes with the
safe loader (libyaml when present), then converted to plain Python values; the node tree is
kept, so that a later message can find where any value or key sits (``file:line:col``).
Aliases, custom tags, duplicate keys and very deep nesting are refused: none has a use in
a knowledge base or a fact file, and aliases are how "billion laughs" documents blow up.
"""

from __future__ import annotations

import json
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Location

try:  # libyaml is an optional accelerator of PyYAML; the pure loader behaves the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 32
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_PLAIN_INT = re.compile(r"-?[1-9][0-9]{0,17}\Z|0\Z")


@dataclass(frozen=True)
class ScalarInfo:
    """Where a scalar starts and how it is written (needed to place condition errors)."""

    line: int
    column: int
    style: str | None  # None (plain), "'", '"', "|", ">"


@dataclass
class Document:
    """A parsed file: plain data, plus the YAML node tree to find where any value sits.

    Positions are looked up only when a message needs one: valid files (nearly all of
    them) pay nothing for them.
    """

    path: str
    data: Any
    root: yaml.Node | None = None
    line: int | None = None  # where the data starts when there is no node tree (stdin)

    def where(self, *path: object) -> Location:
        """Location of the value at ``path``, or of its nearest enclosing value."""
        node, _ = self._walk(path)
        return self._location(node)

    def where_key(self, *path: object) -> Location:
        """Location of the mapping key at ``path`` (falls back to the value)."""
        node, key = self._walk(path)
        return self._location(key if key is not None else node)

    def scalar(self, *path: object) -> ScalarInfo | None:
        node, _ = self._walk(path, exact=True)
        if node is None:
            return None
        mark = node.start_mark
        return ScalarInfo(mark.line + 1, mark.column + 1, getattr(node, "style", None))

    def _location(self, node: yaml.Node | None) -> Location:
        if node is None:
            return Location(self.path, self.line)
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def _walk(self, path: tuple[object, ...], exact: bool = False
              ) -> tuple[yaml.Node | None, yaml.Node | None]:
        """The deepest node along ``path`` (``None`` if ``exact`` and not all found), and
        the key node of the last step when it was found in a mapping."""
        node, key = self.root, None
        for step in path:
            key = None
            if isinstance(node, yaml.MappingNode):
                found = next(((k, v) for k, v in node.value if k.value == step), None)
                if found is None:
                    return (None, None) if exact else (node, None)
                key, node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and \
                    0 <= step < len(node.value):
                node = node.value[step]
            else:
                return (None, None) if exact else (node, None)
        return node, key


def read_text(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a user file as UTF-8 text, with one clear error for each way it can fail."""
    name = str(path)
    if path.is_dir():
        raise InputError(
            f"{name} is a folder, not a file",
            Location(name),
            "give one of the .yaml files inside it",
            code="is-directory",
        )
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a pipe or a device could block for ever
            raise InputError(f"{name} is not a regular file", Location(name),
                             "give a .yaml or .json file", code="not-a-file")
        size = status.st_size
        if size > max_bytes:
            raise InputError(
                f"file is too large ({size:,} bytes; at most {max_bytes:,})",
                Location(name),
                "a fact file or knowledge-base file is a few kilobytes; check the file",
                code="too-large",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            f"file not found: {name}", Location(name), "check the path", code="not-found"
        ) from None
    except PermissionError:
        raise InputError(
            f"cannot read {name}: permission denied",
            Location(name),
            "check the file's permissions",
            code="unreadable",
        ) from None
    except OSError as error:
        raise InputError(
            f"cannot read {name}: {error.strerror or error}", Location(name), code="unreadable"
        ) from None
    return decode_text(raw, name)


def decode_text(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is harmless: drop it
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x})",
            Location(name, line, column),
            "save the file as UTF-8",
            code="encoding",
        ) from None
    if "\x00" in text:
        index = text.index("\x00")
        raise InputError(
            "the file contains a NUL character: it is not a text file",
            _offset_location(text, index, name),
            "save the file as UTF-8 text",
            code="encoding",
        )
    return text


def load_document(path: Path | str, *, max_bytes: int = MAX_FILE_BYTES) -> Document:
    path = Path(path)
    text = read_text(path, max_bytes=max_bytes)
    return parse_document(text, str(path), is_json=path.suffix.lower() == ".json")


def parse_document(text: str, name: str, *, is_json: bool = False) -> Document:
    """Parse YAML (or JSON) text into a positioned ``Document``."""
    if is_json:
        try:
            json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(
                f"invalid JSON: {error.msg}",
                Location(name, error.lineno, error.colno),
                "check the brackets, quotes and commas around this place",
                code="json-syntax",
            ) from None
        except RecursionError:
            raise InputError(f"the data is nested more than {MAX_DEPTH} levels deep",
                             Location(name), "fact files are only a few levels deep",
                             code="too-deep") from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        raise InputError(
            f"invalid YAML: {problem}",
            Location(name, mark.line + 1, mark.column + 1) if mark else Location(name),
            "check the indentation and the quotes on this line",
            code="yaml-syntax",
        ) from None
    except yaml.YAMLError as error:
        raise InputError(f"invalid YAML: {error}", Location(name), code="yaml-syntax") from None
    except RecursionError:
        raise InputError(f"the data is nested more than {MAX_DEPTH} levels deep",
                         Location(name), "fact files are only a few levels deep",
                         code="too-deep") from None
    document = Document(name, None, node)
    if node is None:
        return document
    document.data = _Converter(document).convert(node, None, 0)
    return document


class _Converter:
    """Plain values from YAML nodes, refusing aliases, custom tags, duplicate keys and very
    deep nesting. Strings and plain integers take a fast path; every other scalar goes
    through PyYAML's safe constructor."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.seen: set[int] = set()
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used

    def fail(self, message: str, node: yaml.Node, hint: str, code: str) -> InputError:
        mark = node.start_mark
        location = Location(self.document.path, mark.line + 1, mark.column + 1)
        return InputError(message, location, hint, code=code)

    def convert(self, node: yaml.Node, key: yaml.Node | None, depth: int) -> Any:
        if id(node) in self.seen:
            # The node is the anchored one: point at where it is used again instead.
            raise self.fail("YAML aliases (*name) are not allowed", key or node,
                            "write the value out in full instead of referring to an anchor",
                            "yaml-alias")
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise self.fail(f"the data is nested more than {MAX_DEPTH} levels deep", node,
                            "fact files and knowledge-base files are only a few levels deep",
                            "too-deep")
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _INT and _PLAIN_INT.match(node.value):
            return int(node.value)
        if tag not in _STANDARD_TAGS:
            raise self.fail(f"YAML tag {tag!r} is not allowed", node,
                            "remove the '!' tag: only plain values, lists and mappings are read",
                            "yaml-tag")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):  # items are located by their list's key
            return [self.convert(item, key, depth + 1) for item in node.value]
        return self.constructor.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            merge = key_node.tag == "tag:yaml.org,2002:merge"
            if not isinstance(key_node, yaml.ScalarNode) or merge:
                raise self.fail("mapping keys must be plain names", key_node,
                                "write 'name: value'", "yaml-key")
            key = str(key_node.value)
            if key in result:
                raise self.fail(f"duplicate key {key!r}", key_node,
                                "each key may appear once in a mapping; remove or rename one",
                                "duplicate-key")
            result[key] = self.convert(value_node, key_node, depth + 1)
        return result


def _offset_location(text: str, index: int, name: str) -> Location:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Location(name, line, column)
