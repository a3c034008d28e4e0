"""An interview as the database keeps it: the session (what a session file holds) and the
flow's position, as one JSON text.

Answers are stored as a fact file writes them and read back through ``answers.coerce``,
the fact files' own check, so a stored interview meets the knowledge base it is opened
with: an answer to a question the knowledge base no longer has is set aside, one that no
longer fits its question is asked again.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from ..answers import AnswerError, coerce
from ..facts import to_yaml_value
from ..interview.session import SessionState
from ..model import KnowledgeBase


def new_state(client: str, plan: str, consultant: str) -> SessionState:
    meta = {"client": client, "date": datetime.date.today().isoformat()}
    if plan:
        meta["plan"] = plan
    if consultant:
        meta["consultant"] = consultant
    # The consultant gave the details: the client starts at the first question.
    return SessionState(meta=meta, meta_asked=["client", "plan", "consultant"])


def dump_state(state: SessionState, kb: KnowledgeBase, position: dict[str, Any] | None
               ) -> str:
    answers = {}
    for qid, value in state.answers.items():
        answers[qid] = None if value is None or not kb.has_question(qid) \
            else to_yaml_value(kb.question(qid), value)
    return json.dumps({
        "meta": state.meta, "answers": answers, "notes": state.notes,
        "history": state.history, "meta_asked": state.meta_asked,
        "position": state.position, "finished": state.finished, "flow": position,
    }, ensure_ascii=False, separators=(",", ":"))


def load_state(text: str, kb: KnowledgeBase) -> tuple[SessionState, dict[str, Any] | None]:
    data = json.loads(text)
    answers: dict[str, Any] = {}
    for qid, raw in (data.get("answers") or {}).items():
        if not kb.has_question(qid):
            continue
        if raw is None:
            answers[qid] = None
            continue
        try:
            answers[qid] = coerce(kb.question(qid), raw)
        except AnswerError:
            continue
    position = data.get("position")
    state = SessionState(
        meta={str(k): str(v) for k, v in (data.get("meta") or {}).items()},
        answers=answers,
        notes={str(k): str(v) for k, v in (data.get("notes") or {}).items()
               if kb.has_question(str(k))},
        history=[q for q in data.get("history") or [] if q in answers],
        meta_asked=[str(k) for k in data.get("meta_asked") or []],
        position=position if isinstance(position, str) and kb.has_question(position)
        else None,
        finished=bool(data.get("finished")),
    )
    flow = data.get("flow")
    return state, flow if isinstance(flow, dict) else None
