"""Multi-turn conversations (tests/tables/conversations.yaml) through ``bot.ask(text, session=…)``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.answer.session import Session
from assistant.rules.tool import TOOL_NAME
from assistant.text import normalize

from .conftest import subset

CASES = yaml.safe_load((Path(__file__).parent / "tables" / "conversations.yaml").read_text(encoding="utf-8"))
pytestmark = pytest.mark.e2e


def _check_turn(bot: Any, session: Session, turn: dict[str, Any]) -> None:
    a = bot.ask(turn["say"], session=session)
    d = a.to_dict()
    where = (turn["say"], d["answer"][:300])
    for phrase in turn.get("has", []):
        assert phrase in d["answer"], where
    if "cite" in turn:
        assert turn["cite"] in [c["id"] for c in d["citations"]], where
    if "which" in turn:  # "最高能评到什么级别": each grade of the round checked on education/experience
        met = [
            t["arguments"]["grade"]
            for t in d["tool_calls"]
            if any(c["kind"] == "education_experience" and c["status"] == "met" for c in t["result"]["conditions"])
        ]
        assert met == turn["which"], (where, met)
        return
    if "check" not in turn:
        assert d["tool_calls"] == [], where
        if "answered" in turn:
            assert d["abstained"] is not turn["answered"], where
        if "standalone" in turn:
            assert a.trace.understood.get("text") == normalize(turn["standalone"]), (where, a.trace.understood)
        return
    assert [t["name"] for t in d["tool_calls"]] == [TOOL_NAME], where
    call = d["tool_calls"][0]
    result = call["result"]
    assert result["verdict"] == turn["check"], where
    assert d["answer"].splitlines()[1].startswith("我理解的情况："), where
    assert subset(turn.get("args", {}), call["arguments"]), (where, call["arguments"])
    for key in turn.get("absent", []):
        assert key not in call["arguments"], (where, call["arguments"])
    if "edu" in turn:
        edu = next(c for c in result["conditions"] if c["kind"] == "education_experience")
        assert edu["status"] == turn["edu"], (where, edu)
    if "missing0" in turn:
        assert result["missing"] and result["missing"][0] == turn["missing0"], (where, result["missing"])
        assert result["follow_up"] in d["answer"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"][:40] for c in CASES])
def test_conversation(bot: Any, case: dict[str, Any]) -> None:
    session = Session()
    for turn in case["turns"]:
        _check_turn(bot, session, turn)
