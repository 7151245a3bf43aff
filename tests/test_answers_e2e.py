"""Real answers: real model, real Chroma, real corpus (today fixed at 2026-11-28)."""

from pathlib import Path

import pytest
import yaml

CASES = yaml.safe_load((Path(__file__).parent / "e2e_cases.yaml").read_text(encoding="utf-8"))
pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("case", CASES, ids=[c["q"][:24] for c in CASES])
def test_answer(bot, case):
    a = bot.ask(case["q"])
    d = a.to_dict()
    if case.get("abstain"):
        assert d["abstained"], d["answer"]
        assert "010—88828948" in d["answer"] and "010—88827905" in d["answer"]
        assert not d["citations"] or "相关的规定是" in d["answer"]  # a clause, if any, is shown as context
        return
    assert not d["abstained"], d["answer"]
    for fact in case["facts"]:
        alts = fact if isinstance(fact, list) else [fact]
        assert any(f in d["answer"] for f in alts), (fact, d["answer"])
    if "polarity" in case:
        assert d.get("polarity") == case["polarity"], d
    ids = [c["id"] for c in d["citations"]]
    if "cite" in case:
        assert case["cite"] in ids, ids
    if "cite_any" in case:
        assert set(case["cite_any"]) & set(ids), ids
    if "cite_text" in case:
        assert any(case["cite_text"] in c["text"] for c in d["citations"])
    # every [n] refers to a citation, and every citation is verbatim corpus text
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in bot.settings.corpus_dir.glob("*.txt"))
    for c in d["citations"]:
        assert c["text"] in corpus
    import re

    marks = {int(m) for m in re.findall(r"\[(\d+)\]", d["answer"])}
    assert marks and max(marks) <= len(d["citations"])


def test_dates_are_computed_against_the_injected_today(real_settings, bot):
    from dataclasses import replace

    from assistant.pipeline import Assistant

    during = replace(bot, settings=replace(real_settings, today_override=__import__("datetime").date(2023, 7, 10)))
    assert isinstance(during, Assistant)
    a = during.ask("个人网上申报什么时候截止？")
    assert "正在进行" in a.text and "2023年7月17日结束" in a.text
    assert "已经过去" not in a.text
