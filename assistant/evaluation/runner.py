"""The eval runner: every case through the public contract (``Assistant.ask``), the naive
baseline beside it in the same run, metrics, and the gate.

Retrieval is scored from each answer's own trace (one retrieval per question).

    >>> gate({"fact_accuracy": 0.8}, Thresholds(min={"fact_accuracy": 0.9}))
    ['fact_accuracy 0.8 < 0.9']
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from .datasets import Datasets, Thresholds
from .metrics import Spans, has_fact, pct, percentile, rank_metrics


# ---- the runner -------------------------------------------------------------------------------
class Evaluator:
    """Runs the datasets through an ``Assistant`` (and the baseline) and computes the report dict."""

    def __init__(self, bot: Any, datasets: Datasets, progress: Callable[[Iterable[Any], str], Iterable[Any]]):
        self.bot = bot
        self.ds = datasets
        self.progress = progress
        self.spans = Spans(bot.corpus)
        self.helplines = bot.round().helplines
        unknown = {c for q in datasets.questions for c in q.clauses} - set(bot.corpus.clauses)
        if unknown:
            raise ValueError(f"eval/questions.yaml names clauses the corpus does not have: {sorted(unknown)}")

    def passage(self, clause_id: str) -> tuple[str, int, int] | None:
        return self.spans.passage(clause_id)

    def run_questions(self) -> tuple[list[dict[str, Any]], list[float]]:
        rows, latencies = [], []
        for case in self.progress(self.ds.questions, "questions"):
            a = self.bot.ask(case.q)
            latencies.append(a.latency_ms)
            ranked = [cid for cid, _ in a.trace.retrieved]
            r = rank_metrics([self.spans.holds(self.passage(i), case.clauses) for i in ranked])
            facts_ok = not a.abstained and all(has_fact(a.text, alts) for alts in case.facts)
            cited = [c.id for c in a.citations]
            good = [
                self.spans.holds(self.passage(c.id), case.clauses) or any(has_fact(c.text, alts) for alts in case.facts)
                for c in a.citations
            ]
            reasons = []
            if a.abstained:
                reasons.append("abstained")
            else:
                missing = ["/".join(alts) for alts in case.facts if not has_fact(a.text, alts)]
                if missing:
                    reasons.append("missing fact " + "、".join(missing))
                if not any(self.spans.holds(self.passage(c), case.clauses) for c in cited):
                    reasons.append(f"cited {cited or 'nothing'}, gold {case.clauses}")
            rows.append(
                {
                    "id": case.id,
                    "cat": case.cat,
                    "q": case.q,
                    **r,
                    "fact": float(facts_ok),
                    "abstained": a.abstained,
                    "cited": cited,
                    "cite_good": sum(good),
                    "cite_total": len(good),
                    "cite_recall": float(any(self.spans.holds(self.passage(c), case.clauses) for c in cited)),
                    "retrieved": ranked,
                    "routed": bool(a.tool_calls),
                    "reason": "; ".join(reasons),
                    "latency_ms": round(a.latency_ms, 1),
                }
            )
        return rows, latencies

    def run_refusals(self) -> tuple[list[dict[str, Any]], list[float]]:
        rows, latencies = [], []
        for case in self.progress(self.ds.refusals, "refusals"):
            a = self.bot.ask(case.q)
            latencies.append(a.latency_ms)
            phones = all(p in a.text for p in self.helplines)
            ok = a.abstained and phones
            reason = "" if ok else ("answered: " + a.lead[:80] if not a.abstained else "no helpline")
            rows.append({"id": case.id, "cat": case.cat, "q": case.q, "refused": float(ok), "reason": reason})
        return rows, latencies

    def run_eligibility(self) -> tuple[list[dict[str, Any]], list[float]]:
        rows, latencies = [], []
        for case in self.progress(self.ds.eligibility, "eligibility"):
            session = self.bot.new_session()
            routed = True
            result: dict[str, Any] = {}
            for turn in case.turns:
                a = self.bot.ask(turn, session=session)
                latencies.append(a.latency_ms)
                routed = routed and bool(a.tool_calls)
                result = a.tool_calls[0].result if a.tool_calls else {}
            got = {c["kind"]: c["status"] for c in result.get("conditions", [])}
            verdict_ok = routed and result.get("verdict") == case.verdict
            cond_ok = all(got.get(k) == v for k, v in case.conditions.items())
            reason = ""
            if not routed:
                reason = "a turn was not routed to the tool"
            elif not verdict_ok:
                reason = f"verdict {result.get('verdict')}, expected {case.verdict}"
            elif not cond_ok:
                reason = f"conditions {got}, expected {case.conditions}"
            rows.append(
                {
                    "id": case.id,
                    "q": " / ".join(case.turns),
                    "multi_turn": len(case.turns) > 1,
                    "verdict": float(verdict_ok),
                    "conditions": float(verdict_ok and cond_ok),
                    "reason": reason,
                }
            )
        return rows, latencies

    def run_baseline(self, baseline: Any) -> list[dict[str, Any]]:
        rows = []
        for case in self.progress(self.ds.questions, "baseline"):
            t0 = time.perf_counter()
            answer, chunks = baseline.answer(case.q)
            ms = (time.perf_counter() - t0) * 1000
            hits = [self.spans.holds(self.spans.of_text(c.doc_id, c.text, c.start), case.clauses) for c in chunks]
            rows.append(
                {
                    "id": case.id,
                    "cat": case.cat,
                    **rank_metrics(hits),
                    "fact": float(all(has_fact(answer, alts) for alts in case.facts)),
                    "latency_ms": round(ms, 1),
                    "context_chars": sum(len(c.text) for c in chunks),
                }
            )
        return rows


def summarize(rows: list[dict[str, Any]], keys: tuple[str, ...], by: str | None = "cat") -> dict[str, Any]:
    out: dict[str, Any] = {"n": len(rows), **{k: pct(r[k] for r in rows) for k in keys}}
    if by:
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            groups[r[by]].append(r)
        out["by_category"] = {g: {"n": len(rs), **{k: pct(r[k] for r in rs) for k in keys}} for g, rs in groups.items()}
    return out


def cold_start_seconds(settings: Any) -> float:
    """Wall time of one ``assistant ask --json`` process (index already built)."""
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "--json", "咨询电话是多少？"],
        check=True,
        capture_output=True,
        env={**os.environ, "ASSISTANT_DATA_DIR": str(settings.data_dir)},
        timeout=300,
    )
    return round(time.perf_counter() - t0, 2)


def ingest_seconds(settings: Any, embedder: Any) -> float:
    """A full index build into a fresh data directory (in process: the embedder is loaded)."""
    from ..ingest.index import ensure_index

    with tempfile.TemporaryDirectory(prefix="eval-ingest-") as tmp:
        t0 = time.perf_counter()
        ensure_index(replace(settings, data_dir=Path(tmp), chroma_url=""), embedder, force=True)
        return round(time.perf_counter() - t0, 2)


def evaluate(
    bot: Any,
    embedder: Any,
    datasets: Datasets,
    progress: Callable[[Iterable[Any], str], Iterable[Any]],
    timing: bool = True,
) -> dict[str, Any]:
    """Run everything and return the report dict (see ``report.py`` for the files)."""
    from .baseline import NaiveRAG

    ev = Evaluator(bot, datasets, progress)
    q_rows, q_lat = ev.run_questions()
    r_rows, r_lat = ev.run_refusals()
    e_rows, e_lat = ev.run_eligibility()
    t0 = time.perf_counter()
    baseline = NaiveRAG(list(bot.corpus.documents.values()), embedder)
    baseline_ingest = round(time.perf_counter() - t0, 2)
    try:
        b_rows = ev.run_baseline(baseline)
    finally:
        baseline.close()

    answered = [r for r in q_rows if not r["abstained"]]
    cite_total = sum(r["cite_total"] for r in answered)
    lat = q_lat + r_lat + e_lat
    project = {
        **summarize(q_rows, ("hit@1", "hit@5", "mrr", "fact", "cite_recall")),
        "citation_precision": round(sum(r["cite_good"] for r in answered) / cite_total, 4) if cite_total else 0.0,
        "false_refusal_rate": pct(float(r["abstained"]) for r in q_rows),
        "refusal": summarize(r_rows, ("refused",)),
        "eligibility": {
            **summarize(e_rows, ("verdict", "conditions"), by=None),
            "multi_turn": summarize([r for r in e_rows if r["multi_turn"]], ("verdict",), by=None),
        },
        "latency_ms": {"p50": percentile(lat, 50), "p95": percentile(lat, 95), "n": len(lat)},
    }
    base_lat = [r["latency_ms"] for r in b_rows]
    base = {
        **summarize(b_rows, ("hit@1", "hit@5", "mrr", "fact")),
        "refusal_accuracy": 0.0,  # it never refuses
        "latency_ms": {"p50": percentile(base_lat, 50), "p95": percentile(base_lat, 95)},
        "ingest_s": baseline_ingest,
        "context_chars_mean": round(statistics.mean(r["context_chars"] for r in b_rows), 1),
    }
    timings: dict[str, Any] = {}
    if timing:
        timings = {"cold_start_s": cold_start_seconds(bot.settings), "ingest_s": ingest_seconds(bot.settings, embedder)}
    metrics = {
        "hit@1": project["hit@1"],
        "hit@5": project["hit@5"],
        "mrr": project["mrr"],
        "fact_accuracy": project["fact"],
        "citation_precision": project["citation_precision"],
        "citation_recall": project["cite_recall"],
        "refusal_accuracy": project["refusal"]["refused"],
        "false_refusal_rate": project["false_refusal_rate"],
        "eligibility_verdict_accuracy": project["eligibility"]["verdict"],
        "eligibility_condition_accuracy": project["eligibility"]["conditions"],
        "latency_p50_ms": project["latency_ms"]["p50"],
        "latency_p95_ms": project["latency_ms"]["p95"],
        **timings,
    }
    failures = [
        {"set": name, "id": r["id"], "q": r["q"], "reason": r["reason"]}
        for name, rows in (("questions", q_rows), ("refusals", r_rows), ("eligibility", e_rows))
        for r in rows
        if r["reason"]
    ]
    return {
        "metrics": metrics,
        "project": project,
        "baseline": base,
        "failures": failures,
        "gate": gate(metrics, datasets.thresholds),
        "counts": {"questions": len(q_rows), "refusals": len(r_rows), "eligibility": len(e_rows)},
        "rows": {"questions": q_rows, "refusals": r_rows, "eligibility": e_rows, "baseline": b_rows},
    }


def gate(metrics: dict[str, float], t: Thresholds) -> list[str]:
    """The metrics that fall outside their thresholds (empty = pass)."""
    bad = [f"{k} {metrics[k]:g} < {v:g}" for k, v in t.min.items() if k in metrics and metrics[k] < v]
    bad += [f"{k} {metrics[k]:g} > {v:g}" for k, v in t.max.items() if k in metrics and metrics[k] > v]
    bad += [
        f"{k}: no such metric" for k in (*t.min, *t.max) if k not in metrics and k not in ("cold_start_s", "ingest_s")
    ]
    return bad
