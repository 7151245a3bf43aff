"""Table tests: reading facts from Chinese, and each kind of lead, on given clauses (milliseconds).

No model and no retrieval: a change to one pattern or one lead is checked here first; the
end-to-end tests then check the same paths with the real model and index.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.answer.draft import Context
from assistant.answer.leads import plan
from assistant.answer.matching import Matcher
from assistant.answer.understand import analyze
from assistant.ingest.corpus import Corpus
from assistant.ingest.roundfacts import RoundFacts
from assistant.rules.reading import read
from assistant.rules.rulebook import Rulebook
from assistant.settings import PROJECT_CORPUS
from assistant.text import Lexicon

TABLES = Path(__file__).parent / "tables"
READING = yaml.safe_load((TABLES / "reading.yaml").read_text(encoding="utf-8"))
LEADS = yaml.safe_load((TABLES / "leads.yaml").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 11, 28)


@pytest.mark.parametrize("case", READING, ids=[c["text"][:20] for c in READING])
def test_reading(case: dict[str, Any]) -> None:
    reading = read(case["text"], case.get("expect"), case.get("level"), case.get("known"), case.get("today"))
    got = reading.facts
    for key, value in case.get("facts", {}).items():
        assert got.get(key) == value, (key, got)
    for key in case.get("absent", []):
        assert key not in got, (key, got)
    for key, value in case.get("reading", {}).items():  # how the message relates to what came before
        assert getattr(reading, key) == value, (key, reading)


@pytest.fixture(scope="module")
def ctx() -> Context:
    corpus = Corpus.load(PROJECT_CORPUS)
    lex = Lexicon.load()
    match = Matcher(lex, corpus.text, [lex.tokenize(u.text) for u in corpus.units() if u.id == u.clause])
    return Context(corpus, RoundFacts.from_corpus(corpus), Rulebook.load(corpus), match, TODAY)


@pytest.mark.parametrize("case", LEADS, ids=[c["q"][:20] for c in LEADS])
def test_lead(ctx: Context, case: dict[str, Any]) -> None:
    q = analyze(case["q"], ctx.match.lex, corpus_text=ctx.match.corpus_text)
    key, leads = plan(q)
    assert key == case["plan"]
    hits = [ctx.corpus.clauses[i] for i in case["hits"]]
    draft, used = None, "none"
    for lead in leads:
        draft = lead(ctx, q, hits)
        if draft is not None:
            used = lead.__name__
            break
    assert used == case["lead"]
    if draft is None:
        return
    assert str(draft.kind) == case["kind"], draft.lead
    text = "\n".join([draft.lead, *(p.text for p in draft.body), *draft.notes])
    for s in case.get("has", []):
        assert s in text, (s, text)
    if "cites" in case:
        assert [c.id for c in draft.sources.citations] == case["cites"]
    if "polarity" in case:
        assert draft.polarity == case["polarity"], draft.lead
    for c in draft.sources.citations:  # verbatim
        assert c.text in ctx.corpus.clauses[c.id].full_text
