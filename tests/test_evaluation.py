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
from assistant.settings import PROJECT_CORPUS


def test_datasets_validate_and_are_big_enough() -> None:
    ds = Datasets.load(EVAL_DIR)
    dev, test = ds.splits["dev"], ds.splits["test"]
    assert len(dev.questions) >= 150 and len(dev.refusals) >= 30 and len(dev.eligibility) >= 60
    assert len(test.questions) >= 100 and len(test.refusals) >= 30 and len(test.eligibility) >= 30
    assert sum(len(c.turns) > 1 for c in dev.eligibility) >= 10 and len(test.conversations) >= 10
    cats = {c.cat for c in dev.questions}
    assert {"dates", "scope", "routes", "breakthrough", "skilled", "english", "contact", "publication"} <= cats
    assert {c.cat for c in dev.refusals} >= {
        "not_in_docs",
        "off_topic",
        "other_place",
        "injection",
        "detail_not_stated",
    }
    for split in (dev, test):  # every answer shape is measured
        assert {c.kind for c in split.questions} >= {"yes_no", "overview"}


def _copy(tmp_path: Path) -> None:
    shutil.copytree(EVAL_DIR, tmp_path, dirs_exist_ok=True)


@pytest.mark.parametrize(
    ("file", "bad", "message"),
    [
        ("dev/questions.yaml", [{"id": "z", "cat": "x", "q": "q", "facts": []}], "facts"),
        (
            "dev/questions.yaml",
            [{"id": "z", "cat": "x", "q": "q", "facts": ["a"], "clauses": ["c"], "kind": "yes_no"}],
            "polarity",
        ),
        ("dev/eligibility.yaml", [{"id": "z", "turns": ["q"], "verdict": "maybe"}], "verdict"),
        ("dev/refusals.yaml", [{"id": "z", "cat": "x", "q": "q", "extra": 1}], "extra"),
        ("test/conversations.yaml", [{"id": "z", "turns": ["a", "b"]}], "abstain"),
    ],
)
def test_bad_dataset_is_rejected(tmp_path: Path, file: str, bad: list[dict[str, object]], message: str) -> None:
    _copy(tmp_path)
    (tmp_path / file).write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        Datasets.load(tmp_path)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    _copy(tmp_path)
    dev = yaml.safe_load((tmp_path / "dev/refusals.yaml").read_text(encoding="utf-8"))
    test = yaml.safe_load((tmp_path / "test/refusals.yaml").read_text(encoding="utf-8"))
    test.append(dict(dev[0]))  # the same id in two splits
    (tmp_path / "test/refusals.yaml").write_text(yaml.safe_dump(test, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate case ids"):
        Datasets.load(tmp_path)


def test_grade_parts_follow_the_standard() -> None:
    from assistant.evaluation.runner import grade_parts

    corpus = Corpus.load(PROJECT_CORPUS)
    assert sorted(grade_parts(corpus, "高级工程师")) == ["业绩", "基本条件", "学历和专业工作经历", "成果", "破格"]
    assert sorted(grade_parts(corpus, "助理工程师")) == ["基本条件", "学历和专业工作经历"]
    assert "standards-2-1-2-3" in grade_parts(corpus, "工程师")["学历和专业工作经历"]


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
    metrics = {"fact_accuracy": 0.9, "hit@1": 0.8, "refusal_accuracy": 1.0, "stability": 0.99}
    base = {"fact_accuracy": 0.45, "hit@1": 0.6, "refusal_accuracy": 0.0}
    split = {
        "metrics": metrics,
        "baseline": base,
        "by_category": {"dates": {"n": 1, "hit@1": 1.0, "hit@5": 1.0, "mrr": 1.0, "fact": 1.0}},
        "refusal_by_category": {"off_topic": {"n": 1, "refused": 1.0}},
        "counts": {"questions": 1, "refusals": 1, "eligibility": 1, "conversations": 0, "stability": 7},
        "failures": [{"set": "questions", "id": "q1", "q": "问题", "reason": "missing fact X"}],
        "unstable": [],
    }
    return {
        "splits": {"dev": split, "test": {**split, "failures": []}},
        "run": {"latency_p50_ms": 30.0, "latency_p95_ms": 60.0},
        "gate": [],
    }


def test_report_files(tmp_path: Path) -> None:
    report = _tiny_report()
    md = markdown(report, "assistant eval")
    assert "| fact accuracy | 0.900 | 0.450 | 0.900 | 0.450 |" in md
    assert "| questions | q1 | 问题 | missing fact X |" in md and "Gate (PASS)" in md
    assert "## test: failing cases" in md
    paths = write(report, tmp_path / "r", "assistant eval")
    assert [p.name for p in paths] == ["report.json", "report.md", "chart.png"]
    assert paths[2].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
