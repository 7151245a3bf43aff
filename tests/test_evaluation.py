"""The eval suite's datasets, metrics, gate and report files (the full run is `assistant eval` in CI)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from assistant.evaluation.datasets import PROJECT_EVAL as EVAL_DIR
from assistant.evaluation.datasets import Datasets, Thresholds
from assistant.evaluation.metrics import Spans, percentile, rank_metrics
from assistant.evaluation.report import markdown, write
from assistant.evaluation.runner import gate
from assistant.ingest.corpus import Corpus
from assistant.ingest.documents import Document


def test_datasets_validate_and_are_big_enough() -> None:
    ds = Datasets.load(EVAL_DIR)
    assert len(ds.questions) >= 150 and len(ds.refusals) >= 30 and len(ds.eligibility) >= 60
    assert sum(len(c.turns) > 1 for c in ds.eligibility) >= 10
    cats = {c.cat for c in ds.questions}
    assert {"dates", "scope", "routes", "breakthrough", "skilled", "english", "contact", "publication"} <= cats
    assert {c.cat for c in ds.refusals} >= {"not_in_docs", "off_topic", "other_place", "injection"}


@pytest.mark.parametrize(
    ("file", "bad", "message"),
    [
        ("questions.yaml", [{"id": "z", "cat": "x", "q": "q", "facts": []}], "facts"),
        ("eligibility.yaml", [{"id": "z", "turns": ["q"], "verdict": "maybe"}], "verdict"),
        ("refusals.yaml", [{"id": "z", "cat": "x", "q": "q", "extra": 1}], "extra"),
    ],
)
def test_bad_dataset_is_rejected(tmp_path: Path, file: str, bad: list[dict[str, object]], message: str) -> None:
    for f in EVAL_DIR.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / file).write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        Datasets.load(tmp_path)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    for f in EVAL_DIR.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    refusals = yaml.safe_load((tmp_path / "refusals.yaml").read_text(encoding="utf-8"))
    refusals.append(dict(refusals[0]))
    (tmp_path / "refusals.yaml").write_text(yaml.safe_dump(refusals, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate case ids"):
        Datasets.load(tmp_path)


def test_rank_metrics_and_percentile() -> None:
    assert rank_metrics([False, True, False]) == {"hit@1": 0.0, "hit@5": 1.0, "mrr": 0.5}
    assert rank_metrics([False] * 6 + [True]) == {"hit@1": 0.0, "hit@5": 0.0, "mrr": 1 / 7}
    assert rank_metrics([]) == {"hit@1": 0.0, "hit@5": 0.0, "mrr": 0.0}
    assert percentile([1, 2, 3, 4, 100], 50) == 3 and percentile([1, 2, 3, 4, 100], 95) == 100


def test_spans_hold_a_clause_when_half_is_covered() -> None:
    from assistant.ingest.clauses import parse_clauses

    doc = Document(id="d", title="T", text="T\n一、AAAA\n二、BBBBBBBBBB\n三、CCCC")
    clauses = {c.id: c for c in parse_clauses(doc)}
    spans = Spans(Corpus({"d": doc}, clauses, ""))
    a, b, c = (spans.clause(cid) for cid in ("d-1", "d-2", "d-3"))
    assert (a, b, c) == (("d", 2, 8), ("d", 9, 21), ("d", 22, 28))
    assert spans.holds(("d", 9, 15), ["d-2"])  # half of b (12 characters)
    assert not spans.holds(("d", 9, 14), ["d-2"])  # less than half
    assert spans.holds(("d", 0, 40), ["d-3"]) and not spans.holds(("e", 0, 40), ["d-3"])
    assert not spans.holds(None, ["d-1"])


def test_gate_names_each_metric_outside_its_threshold() -> None:
    t = Thresholds(min={"fact_accuracy": 0.8, "hit@5": 0.9}, max={"latency_p95_ms": 100})
    assert gate({"fact_accuracy": 0.85, "hit@5": 0.95, "latency_p95_ms": 50}, t) == []
    bad = gate({"fact_accuracy": 0.7, "hit@5": 0.95, "latency_p95_ms": 150}, t)
    assert bad == ["fact_accuracy 0.7 < 0.8", "latency_p95_ms 150 > 100"]
    assert gate({"fact_accuracy": 0.9}, Thresholds(min={"typo_metric": 0.5})) == ["typo_metric: no such metric"]


def _tiny_report() -> dict[str, object]:
    side = {
        "hit@1": 0.8,
        "hit@5": 0.9,
        "mrr": 0.85,
        "fact": 0.9,
        "by_category": {"dates": {"n": 1, "hit@1": 1.0, "hit@5": 1.0, "mrr": 1.0, "fact": 1.0}},
    }
    return {
        "metrics": {"fact_accuracy": 0.9, "refusal_accuracy": 1.0, "latency_p50_ms": 30.0, "latency_p95_ms": 60.0},
        "project": {
            **side,
            "refusal": {"by_category": {"off_topic": {"n": 1, "refused": 1.0}}},
            "eligibility": {"n": 1, "verdict": 1.0, "conditions": 1.0, "multi_turn": {"n": 0, "verdict": 0.0}},
        },
        "baseline": {
            **side,
            "fact": 0.45,
            "refusal_accuracy": 0.0,
            "latency_ms": {"p50": 20.0, "p95": 40.0},
            "context_chars_mean": 1500.0,
        },
        "failures": [{"set": "questions", "id": "q1", "q": "问题", "reason": "missing fact X"}],
        "gate": [],
        "counts": {"questions": 1, "refusals": 1, "eligibility": 1},
    }


def test_report_files(tmp_path: Path) -> None:
    report = _tiny_report()
    md = markdown(report, "assistant eval")
    assert "| fact accuracy | 0.900 | 0.450 | 2.00× |" in md
    assert "| questions | q1 | 问题 | missing fact X |" in md and "Gate (PASS)" in md
    paths = write(report, tmp_path / "r", "assistant eval")
    assert [p.name for p in paths] == ["report.json", "report.md", "chart.png"]
    assert paths[2].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
