"""Safe reading of YAML, the way a person reads it, with the position of every value.

Text is composed into YAML nodes by the safe loader (libyaml when present) and converted to
plain values by our own resolver, which follows YAML 1.2's core schema instead of PyYAML's
YAML 1.1: only ``true``/``false`` are booleans (``On``, ``NO`` and ``sí`` stay words, and a
yes/no question reads them itself), ``010`` is ten, ``1:30`` is text, dates are text, and
only plain decimal numbers are numbers. Explicit standard tags (``!!int``) must fit their
value. Aliases, other tags, duplicate keys and very deep nesting are refused: none has a
use in a knowledge base or a fact file, and aliases are how "billion laughs" documents blow
up. The node tree is kept so that any later message can point at a value.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import yaml

from .document import Document, ScalarInfo
from .errors import InputError, Location
from .files import MAX_FILE_BYTES, read_text
from .i18n import Msg

try:  # libyaml is an optional accelerator of PyYAML; the pure loader behaves the same.
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Base  # type: ignore[assignment]

MAX_DEPTH = 32
_PLAIN = "tag:expert:plain"
_STR, _INT, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_BOOL, _NULL = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"

_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
          "FALSE": False}
_INT_TEXT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT_TEXT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(inf|Inf|INF)\Z|\.(nan|NaN|NAN)\Z")
MAX_DIGITS = 300  # far beyond any answer; Python refuses int() past 4,300 digits


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """Composes only: every plain scalar gets one private tag, so that a standard tag on
    a node can only have been written explicitly."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        # What PyYAML's BaseResolver.resolve answers with only the one implicit resolver
        # below and no path resolvers, without its Python-level lookups: it runs for every
        # node of every fact file.
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


_Loader.yaml_implicit_resolvers = {}
_Loader.add_implicit_resolver(_PLAIN, re.compile(r".*", re.DOTALL), None)


def load_document(path: Path | str, *, max_bytes: int = MAX_FILE_BYTES) -> Document:
    path = Path(path)
    text = read_text(path, max_bytes=max_bytes)
    if path.suffix.lower() == ".json":
        from .jsonio import parse_json

        return parse_json(text, str(path))
    return parse_document(text, str(path))


def parse_document(text: str, name: str, *, is_json: bool = False) -> Document:
    """Parse YAML (or JSON) text into a positioned ``Document``."""
    if is_json:
        from .jsonio import parse_json

        return parse_json(text, name)
    _line_separators(text, name)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
        message, hint = _explained(error.problem or error.context or "", text, mark)
        raise InputError(message, where, hint, code="yaml-syntax") from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow in a file
        from .files import offset_location

        where = offset_location(text, min(error.position, len(text)), name)
        raise InputError(Msg("yaml.control", char=f"\\x{error.character:02x}"
                             if isinstance(error.character, int) else "?"),
                         where, Msg("hint.control_char"), code="yaml-syntax") from None
    except yaml.YAMLError as error:
        raise InputError(Msg("yaml.syntax", problem=str(error)), Location(name),
                         Msg("hint.yaml_syntax"), code="yaml-syntax") from None
    except RecursionError:
        raise InputError(Msg("data.too_deep", depth=MAX_DEPTH), Location(name),
                         Msg("hint.few_levels"), code="too-deep") from None
    locator = NodeLocator(node)
    document = Document(name, None, locator)
    if node is not None:
        document.data = _Converter(name).convert(node, None, 0)
    return document


# PyYAML's problems, in words a consultant can act on (the rest are shown as they come).
_PROBLEMS = (
    ("another document", "yaml.p.documents", "hint.yaml_documents"),
    ("cannot start any token", "yaml.p.token", "hint.yaml_token"),
    ("mapping values are not allowed", "yaml.p.colon", "hint.yaml_syntax"),
    ("did not find expected key", "yaml.p.indent", "hint.yaml_indent"),
    ("expected '-' indicator", "yaml.p.indent", "hint.yaml_indent"),
    ("unexpected end of stream", "yaml.p.eof", "hint.yaml_quotes"),
    ("could not find expected ':'", "yaml.p.no_colon", "hint.yaml_syntax"),
    ("did not find expected ','", "yaml.p.flow", "hint.yaml_flow"),
    ("undefined alias", "yaml.alias", "hint.yaml_alias"),
    ("duplicate anchor", "yaml.alias", "hint.yaml_alias"),
    ("escape", "yaml.p.escape", "hint.yaml_escape"),
    ("directive", "yaml.p.directive", "hint.yaml_directive"),
    ("incompatible YAML document", "yaml.p.directive", "hint.yaml_directive"),
    ("tag handle", "yaml.tag", "hint.yaml_tag"),
    ("tag URI", "yaml.tag", "hint.yaml_tag"),
    ("block sequence entries are not allowed", "yaml.p.indent", "hint.yaml_indent"),
    ("<document start>", "yaml.p.documents", "hint.yaml_documents"),
    ("alphabetic or numeric character", "yaml.p.anchor", "hint.yaml_quote_text"),
    ("expected node content", "yaml.p.missing_value", "hint.yaml_flow"),
    ("tab character", "yaml.p.token", "hint.yaml_token"),
    ("unexpected ':'", "yaml.p.colon", "hint.yaml_syntax"),
    ("non-alphabetical character", "yaml.p.directive", "hint.yaml_directive"),
)
_SIMPLE_KEY = 1024  # PyYAML reads no plain key longer than this


def _line_separators(text: str, name: str) -> None:
    """YAML counts U+2028, U+2029 and NEL as line breaks; editors do not show them, so
    what follows would be read as a new line nobody can see, and every line number after
    it would be off. JSON (read as JSON) keeps them as the characters they are."""
    found = _SEPARATOR.search(text)
    if found is not None:
        from .files import offset_location

        raise InputError(Msg("yaml.line_separator", char=f"U+{ord(found.group()):04X}"),
                         offset_location(text, found.start(), name),
                         Msg("hint.line_separator"), code="yaml-syntax")


_SEPARATOR = re.compile("[\u2028\u2029\x85]")


def _explained(problem: str, text: str, mark: Any) -> tuple[Msg, Msg]:
    if "maximum nesting depth" in problem:  # libyaml's own limit
        return Msg("data.too_deep", depth=MAX_DEPTH), Msg("hint.few_levels")
    if "mapping values are not allowed" in problem and mark is not None and \
            mark.column > _SIMPLE_KEY:
        return Msg("yaml.p.long_key", limit=_SIMPLE_KEY), Msg("hint.yaml_long_key")
    for words, key, hint in _PROBLEMS:
        if words in problem:
            return Msg("yaml.syntax", problem=Msg(key, tag="!")), Msg(hint)
    # PyYAML's own words are English: the place, and what to look at, say enough.
    return Msg("yaml.syntax", problem=Msg("yaml.p.other")), Msg("hint.yaml_syntax")


class NodeLocator:
    """Positions from the YAML node tree; each mapping is indexed the first time a key is
    looked up in it, so locating thousands of keys stays linear."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.root = root
        self._index: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}

    def _walk(self, path: tuple[object, ...], exact: bool
              ) -> tuple[yaml.Node | None, yaml.Node | None]:
        node, key = self.root, None
        for step in path:
            key = None
            if isinstance(node, yaml.MappingNode):
                index = self._index.get(id(node))
                if index is None:
                    index = self._index[id(node)] = {}
                    for k, v in node.value:
                        index.setdefault(str(k.value), (k, v))
                found = index.get(str(step))
                if found is None:
                    return (None, None) if exact else (node, None)
                key, node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and \
                    0 <= step < len(node.value):
                node = node.value[step]
            else:
                return (None, None) if exact else (node, None)
        return node, key

    def value(self, path: tuple[object, ...]) -> tuple[int, int] | None:
        node, _ = self._walk(path, False)
        return _mark(node)

    def key(self, path: tuple[object, ...]) -> tuple[int, int] | None:
        _, key = self._walk(path, False)
        return _mark(key)

    def scalar(self, path: tuple[object, ...]) -> ScalarInfo | None:
        node, _ = self._walk(path, True)
        if node is None:
            return None
        mark = node.start_mark
        text = node.value if isinstance(node, yaml.ScalarNode) else None
        return ScalarInfo(mark.line + 1, mark.column + 1, getattr(node, "style", None) or None,
                          text)


def _mark(node: yaml.Node | None) -> tuple[int, int] | None:
    if node is None:
        return None
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Converter:
    """Plain values from YAML nodes (see the module's docstring for the rules)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.seen: set[int] = set()

    def fail(self, message: Msg, node: yaml.Node, hint: Msg, code: str) -> InputError:
        mark = node.start_mark
        location = Location(self.name, mark.line + 1, mark.column + 1)
        return InputError(message, location, hint, code=code)

    def convert(self, node: yaml.Node, key: yaml.Node | None, depth: int) -> Any:
        if id(node) in self.seen:
            # The node is the anchored one: point at where it is used again instead.
            raise self.fail(Msg("yaml.alias"), key or node, Msg("hint.yaml_alias"),
                            "yaml-alias")
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise self.fail(Msg("data.too_deep", depth=MAX_DEPTH), node,
                            Msg("hint.few_levels"), "too-deep")
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, tag)
        if isinstance(node, yaml.MappingNode) and tag == _MAP:
            return self._mapping(node, depth)
        if isinstance(node, yaml.SequenceNode) and tag == _SEQ:
            # Items are located by their list's key.
            return [self.convert(item, key, depth + 1) for item in node.value]
        raise self.fail(Msg("yaml.tag", tag=tag), node, Msg("hint.yaml_tag"), "yaml-tag")

    def _scalar(self, node: yaml.ScalarNode, tag: str) -> Any:
        text = node.value
        if tag == _STR:
            return text
        value = self._plain(node, text)
        if tag == _PLAIN or (tag == _NULL and value is None):
            return value
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if tag == _BOOL and isinstance(value, bool):
            return value
        if tag == _INT and number and isinstance(value, int):
            return value
        if tag == _FLOAT and number:
            return float(value)
        if tag in (_NULL, _BOOL, _INT, _FLOAT):
            raise self.fail(Msg("yaml.tag_value", tag=tag.rsplit(":", 1)[-1], value=text[:40]),
                            node, Msg("hint.yaml_tag_value"), "yaml-tag")
        raise self.fail(Msg("yaml.tag", tag=tag), node, Msg("hint.yaml_tag"), "yaml-tag")

    def _plain(self, node: yaml.ScalarNode, text: str) -> Any:
        if text in _NULLS:
            return None
        if text in _BOOLS:
            return _BOOLS[text]
        if text[0].isdigit() or text[0] in "+-.":
            if len(text) > MAX_DIGITS and (_INT_TEXT.match(text) or _FLOAT_TEXT.match(text)):
                raise self.fail(Msg("data.number_too_long", digits=MAX_DIGITS), node,
                                Msg("hint.number_usable"), "number")
            if _INT_TEXT.match(text):
                return int(text)
            if _FLOAT_TEXT.match(text):
                return float(text)
            if _SPECIAL_FLOAT.match(text):
                if "a" in text.lower():
                    return math.nan
                return -math.inf if text.startswith("-") else math.inf
        return text

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (_PLAIN, _STR):
                raise self.fail(Msg("yaml.key"), key_node, Msg("hint.yaml_key"), "yaml-key")
            key = str(key_node.value)
            if key in result:
                raise self.fail(Msg("yaml.duplicate_key", key=key[:80]), key_node,
                                Msg("hint.duplicate_key"), "duplicate-key")
            result[key] = self.convert(value_node, key_node, depth + 1)
        return result
