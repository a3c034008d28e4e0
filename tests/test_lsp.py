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


def uri_of(kb: Path) -> str:
    return (kb / "sistema.yaml").as_uri()


async def next_diagnostics(published, uri, before):  # type: ignore[no-untyped-def]
    """The diagnostics published for ``uri`` once they differ from ``before``."""
    deadline = asyncio.get_running_loop().time() + 20
    while list(published.get(uri, ())) == list(before):
        assert asyncio.get_running_loop().time() < deadline, \
            f"the diagnostics did not change after the edit: {list(before)}"
        await asyncio.sleep(0.05)
    return published[uri]


def test_diagnostics_follow_each_unsaved_change_and_clear_when_fixed(kb_copy):
    text = (kb_copy / "sistema.yaml").read_text("utf-8")
    rows = text.splitlines()
    when = next(i for i, row in enumerate(rows) if "when: basis in [sales_only, none]" in row)
    start = rows[when].index("none")

    def change(version: int, old: str, new: str):  # type: ignore[no-untyped-def]
        # What an editor sends as one types: the span replaced, the file never saved.
        span = lsp.Range(start=lsp.Position(line=when, character=start),
                         end=lsp.Position(line=when, character=start + len(old)))
        return lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri_of(kb_copy),
                                                              version=version),
            content_changes=[lsp.TextDocumentContentChangePartial(range=span, text=new)])

    async def actions(client, uri, published):  # type: ignore[no-untyped-def]
        clean = published[uri]
        assert list(clean) == []
        client.text_document_did_change(change(2, "none", "nada"))
        broken = await next_diagnostics(published, uri, clean)
        assert [d.message for d in broken] == [
            "nada no es una opción de «basis» (valores posibles: objectives, mixed, "
            "sales_only, none)"], broken
        assert broken[0].severity == lsp.DiagnosticSeverity.Error
        assert broken[0].range.start.line == when
        client.text_document_did_change(change(3, "nada", "none"))
        fixed = await next_diagnostics(published, uri, broken)
        assert list(fixed) == []
        return True

    assert run(session(kb_copy, text, actions))
    assert (kb_copy / "sistema.yaml").read_text("utf-8") == text  # nothing was saved



def test_hover_on_a_section_id_and_completion_of_conclusions_in_then(kb_copy):
    text = (kb_copy / "sistema.yaml").read_text("utf-8")
    rows = text.splitlines()
    sections = next(i for i, row in enumerate(rows) if row.strip() == "sections: [SYS.B]")
    then = next(i for i, row in enumerate(rows)
                if row.strip() == "then: [finding.evaluation_ignores_plan]")

    async def actions(client, uri, published):  # type: ignore[no-untyped-def]
        shown = await client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=sections, character=rows[sections].index("SYS.B") + 2)))
        assert shown is not None
        assert shown.contents.value == ("**SYS.B Sistemas funcionales**\n\n"
                                        "Normas escritas para ventas.")
        items = await client.text_document_completion_async(lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=then, character=rows[then].index("[") + 1)))
        offered = {item.label: item.detail for item in items.items}
        # Every conclusion of the knowledge base, this file's and the others', by kind.
        assert offered == {
            "finding.evaluation_ignores_plan": "La evaluación no recoge el plan",
            "risk.staff_not_steered": "El personal no se orienta al plan",
            "risk.rate_neglected": "Nadie empuja la tasa de distribución",
            "risk.no_norms": "Sin normas escritas (sistema: {remark})",
            "measure.write_norms": "Escribir las normas de ventas",
            "measure.tie_evaluation": "Rehacer la evaluación en torno al plan",
            "risk.understaffed": "El personal previsto no cubre las visitas ({staff} de "
                                 "{needed})",
            "risk.fees_unfunded": "Entrar en las cadenas sin presupuesto",
            "finding.budget_uncommitted": "Solo está comprometido el {share} del presupuesto",
            "measure.budget_fees": "Presupuestar {unbudgeted}",
        }, offered
        return True

    assert run(session(kb_copy, text, actions))
