"""The terminal report, whole, for the test knowledge base's plans in both languages:
sections in order, severity and priority labels, the answers each risk read, wrapping,
open points with their questions. The expected files are the reviewed output
(tests/data/reports/); the plan's folder is written <plans>."""

from __future__ import annotations

import pytest

from expert.facts import load_facts
from expert.infer import Expert
from expert.loader import load_knowledge_base
from expert.report.text import render_text

from helpers import REPO, TEST_KB, TEST_PLANS

EXPECTED = REPO / "tests" / "data" / "reports"


@pytest.fixture(scope="module")
def expert():
    return Expert(load_knowledge_base(TEST_KB))


def report(expert, plan, lang):
    result = expert.evaluate(load_facts(TEST_PLANS / f"{plan}.yaml", expert.kb))
    return render_text(result, lang).replace(str(TEST_PLANS), "<plans>")


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("plan", ["capilar", "incognitas", "bien-llevado"])
def test_the_text_report_whole(expert, plan, lang):
    expected = (EXPECTED / f"{plan}.{lang}.txt").read_text(encoding="utf-8")
    assert report(expert, plan, lang) == expected
