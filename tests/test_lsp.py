"""The language server through a real LSP client over stdio: `expert lsp` started as a
process, spoken to with pygls' client (initialize, didOpen, publishDiagnostics, completion,
hover, definition, a quick fix)."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

from helpers import TEST_KB, expert_command


@pytest.fixture
def kb_copy(tmp_path) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(TEST_KB, root)
    return root


async def session(kb: Path, text: str, actions):  # type: ignore[no-untyped-def]
    client = LanguageClient("test", "1")
    published: dict[str, list[lsp.Diagnostic]] = {}
    arrived = asyncio.Event()
    uri = (kb / "sistema.yaml").as_uri()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        published[params.uri] = params.diagnostics
        if params.uri == uri:
            arrived.set()

    command = expert_command()
    await client.start_io(command[0], *command[1:], "lsp")
    await client.initialize_async(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=kb.as_uri()))
    client.initialized(lsp.InitializedParams())
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    await asyncio.wait_for(arrived.wait(), 60)
    try:
        return await actions(client, uri, published)
    finally:
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()


def run(coroutine):  # type: ignore[no-untyped-def]
    return asyncio.run(coroutine)


def test_diagnostics_while_typing_and_a_quick_fix(kb_copy):
    text = (kb_copy / "sistema.yaml").read_text("utf-8").replace(
        "when: basis in [sales_only, none]", "when: bassis in [sales_only, none]")
    line = next(i for i, row in enumerate(text.splitlines()) if "bassis" in row)

    async def actions(client, uri, published):  # type: ignore[no-untyped-def]
        found = published[uri]
        assert [d.message for d in found] == [
            "pregunta o valor desconocido «bassis» (¿quería decir «basis»?)"]
        diagnostic = found[0]
        assert diagnostic.range.start == lsp.Position(line=line, character=10)
        assert diagnostic.range.end == lsp.Position(line=line, character=16)
        fixes = await client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
            context=lsp.CodeActionContext(diagnostics=[diagnostic])))
        (fix,) = fixes
        (edit,) = fix.edit.changes[uri]
        assert edit.new_text == "basis" and edit.range == diagnostic.range
        return True

    assert run(session(kb_copy, text, actions))


def test_completion_of_ids_in_a_condition_hover_and_definition(kb_copy):
    text = (kb_copy / "sistema.yaml").read_text("utf-8")
    rows = text.splitlines()
    when = next(i for i, row in enumerate(rows) if "when: basis in [sales_only" in row)
    column = rows[when].index("basis") + 2

    async def actions(client, uri, published):  # type: ignore[no-untyped-def]
        assert list(published[uri]) == []  # a clean file
        items = await client.text_document_completion_async(lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=when, character=len("    when: "))))
        labels = {item.label for item in items.items}
        assert {"basis", "kpi", "coverage", "finding.evaluation_ignores_plan", "not"} <= labels
        inside = rows[when].index("[") + 1
        choices = await client.text_document_completion_async(lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=when, character=inside)))
        assert {i.label for i in choices.items} == {"objectives", "mixed", "sales_only", "none"}
        shown = await client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=when, character=column)))
        assert "¿Sobre qué se evalúa al personal de ventas?" in shown.contents.value
        target = await client.text_document_definition_async(lsp.DefinitionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=when, character=column)))
        assert target.uri == uri and target.range.start.line == next(
            i for i, row in enumerate(rows) if row.strip() == "- id: basis")
        return True

    assert run(session(kb_copy, text, actions))


def test_the_server_is_the_installed_command():
    assert Path(expert_command()[0]).name in ("expert", Path(sys.executable).name)
