"""``expert lsp``: a language server for knowledge-base files, on pygls, over stdio.

It reuses what ``expert check`` and the condition grammar already know: diagnostics as you
type (the same as ``expert check``, unsaved buffers included), completion of the ids each
place takes (variables and conclusions in ``when``/``ask_if``/``value``, conclusions in
``then``, section ids in ``sections``, points in ``points``, choice ids after ``==``/``in``/
``has``), hover (a question's text and help, a section's title and summary, a point's
passage), go to definition, and quick fixes from the «did you mean» hints.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..check import diagnose
from ..errors import Diagnostic
from ..i18n import current_language
from ..loader import META_FILE, SOURCES_FILE, read_knowledge_base
from ..model import KnowledgeBase
from .context import completions, hover_text, word_at

log = logging.getLogger(__name__)
server = LanguageServer("expert", __version__)
_models: dict[Path, KnowledgeBase] = {}


def kb_root(uri: str) -> Path | None:
    """The knowledge-base folder a document belongs to (it holds kb.yaml and sources.yaml)."""
    path = Path(unquote(urlparse(uri).path))
    folder = path.parent
    if (folder / META_FILE).is_file() and (folder / SOURCES_FILE).is_file():
        return folder
    return None


def _texts(ls: LanguageServer, root: Path) -> dict[str, str]:
    texts = {}
    for document in ls.workspace.text_documents.values():
        path = Path(unquote(urlparse(document.uri).path))
        if path.parent == root and path.suffix == ".yaml":
            texts[path.name] = document.source
    return texts


def refresh(ls: LanguageServer, uri: str) -> None:
    root = kb_root(uri)
    if root is None:
        return
    texts = _texts(ls, root)
    found = diagnose(root, texts)
    try:
        kb, _ = read_knowledge_base(root, lint=False, texts=texts)
        if kb is not None:
            _models[root] = kb
    except Exception as error:  # a half-written file must not stop the server
        log.debug("model not rebuilt: %s", error)
    by_file: dict[str, list[lsp.Diagnostic]] = {
        str(p.resolve()): [] for p in root.glob("*.yaml")}
    for diagnostic in found:
        if diagnostic.location.file:
            by_file.setdefault(str(Path(diagnostic.location.file).resolve()), []).append(
                _to_lsp(diagnostic, texts))
    for path, items in by_file.items():
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=Path(path).as_uri(), diagnostics=items))


def _to_lsp(diagnostic: Diagnostic, texts: dict[str, str]) -> lsp.Diagnostic:
    lang = current_language()
    where = diagnostic.location
    line = max((where.line or 1) - 1, 0)
    column = max((where.column or 1) - 1, 0)
    wrong = _wrong_word(diagnostic)
    source_line = _line_of(where.file, line, texts)
    start = column
    if wrong and source_line.find(wrong) >= 0 and source_line[column:column + len(wrong)] \
            != wrong:
        start = source_line.find(wrong)
    end = start + len(wrong) if wrong else max(len(source_line), start + 1)
    data: dict[str, Any] = {}
    hint = diagnostic.hint
    if wrong and hint is not None and hint.key == "hint.did_you_mean":
        data = {"replace": wrong, "with": _fixed(wrong, str(hint.fields["name"]))}
    return lsp.Diagnostic(
        range=lsp.Range(start=lsp.Position(line=line, character=start),
                        end=lsp.Position(line=line, character=end)),
        message=diagnostic.text(lang),
        severity=lsp.DiagnosticSeverity.Error if diagnostic.severity == "error"
        else lsp.DiagnosticSeverity.Warning,
        source="expert", code=diagnostic.code, data=data or None)


_WRONG_FIELDS = {"check.unknown_variable": "id", "check.unknown_conclusion": "ref",
                 "check.unknown_section": "section", "check.unknown_point": "point",
                 "field.unknown": "key", "facts.unknown_question": "id"}


def _wrong_word(diagnostic: Diagnostic) -> str:
    field = _WRONG_FIELDS.get(diagnostic.message.key)
    return str(diagnostic.message.fields.get(field, "")) if field else ""


def _fixed(wrong: str, suggestion: str) -> str:
    """«risk.dangr» with the suggestion «danger» is «risk.danger»."""
    kind, dot, _ = wrong.partition(".")
    return f"{kind}.{suggestion}" if dot and kind in ("finding", "risk", "measure") \
        and "." not in suggestion else suggestion


def _line_of(file: str | None, line: int, texts: dict[str, str]) -> str:
    if not file:
        return ""
    path = Path(file)
    text = texts.get(path.name)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            return ""
    lines = text.splitlines()
    return lines[line] if line < len(lines) else ""


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
    refresh(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: LanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
    refresh(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: LanguageServer, params: lsp.DidSaveTextDocumentParams) -> None:
    refresh(ls, params.text_document.uri)


def _model(uri: str) -> KnowledgeBase | None:
    root = kb_root(uri)
    return _models.get(root) if root is not None else None


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION,
                lsp.CompletionOptions(trigger_characters=[".", "[", " ", ",", "/"]))
def completion(ls: LanguageServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    kb = _model(params.text_document.uri)
    document = ls.workspace.get_text_document(params.text_document.uri)
    if kb is None:
        return lsp.CompletionList(is_incomplete=False, items=[])
    items = completions(kb, document.lines, params.position.line, params.position.character,
                        current_language())
    return lsp.CompletionList(is_incomplete=False, items=[
        lsp.CompletionItem(label=label, detail=detail, kind=lsp.CompletionItemKind.Value)
        for label, detail in items])


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: LanguageServer, params: lsp.HoverParams) -> lsp.Hover | None:
    kb = _model(params.text_document.uri)
    document = ls.workspace.get_text_document(params.text_document.uri)
    if kb is None:
        return None
    word = word_at(document.lines, params.position.line, params.position.character)
    text = hover_text(kb, word, current_language()) if word else None
    if text is None:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def definition(ls: LanguageServer, params: lsp.DefinitionParams) -> lsp.Location | None:
    kb = _model(params.text_document.uri)
    document = ls.workspace.get_text_document(params.text_document.uri)
    if kb is None:
        return None
    word = word_at(document.lines, params.position.line, params.position.character)
    from .context import location_of

    where = location_of(kb, word) if word else None
    if where is None or not where.file:
        return None
    position = lsp.Position(line=(where.line or 1) - 1, character=(where.column or 1) - 1)
    return lsp.Location(uri=Path(where.file).resolve().as_uri(),
                        range=lsp.Range(start=position, end=position))


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION)
def code_action(ls: LanguageServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    actions = []
    for diagnostic in params.context.diagnostics:
        data = diagnostic.data if isinstance(diagnostic.data, dict) else None
        if not data or "with" not in data:
            continue
        edit = lsp.TextEdit(range=diagnostic.range, new_text=str(data["with"]))
        actions.append(lsp.CodeAction(
            title=f"«{data['replace']}» → «{data['with']}»",
            kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=True,
            edit=lsp.WorkspaceEdit(changes={params.text_document.uri: [edit]})))
    return actions


def serve() -> None:
    server.start_io()
