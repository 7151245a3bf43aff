"""The eval runner: every case of every split through the public interface (``Assistant.ask``),
the naive baseline beside it in the same run, metrics per split, and the gate.

Retrieval is scored from each answer's own trace (one retrieval per question).

    >>> gate({"fact_accuracy": 0.8}, Thresholds(min={"fact_accuracy": 0.9}))
    ['fact_accuracy 0.8 < 0.9']
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..ingest.corpus import Corpus
from .datasets import ConversationCase, Datasets, EligibilityCase, QACase, RefusalCase, Split, Thresholds
from .metamorphic import variants
from .metrics import Spans, has_fact, pct, percentile, rank_metrics

Progress = Callable[[Iterable[Any], str], Iterable[Any]]


def grade_parts(corpus: Corpus, grade: str) -> dict[str, set[str]]:
    """The parts of a grade's chapter, each as the clause ids that name it: 基本条件 (the ability
    clause and the general requirements), 学历和专业工作经历, 业绩, 成果, 破格 (where there is one)."""
    top = next((c for c in corpus.clauses.values() if c.level == 1 and c.label.endswith("、" + grade)), None)
    if top is None:
        return {}
    parts: dict[str, set[str]] = {}
    preamble = next((c.id for c in corpus.clauses.values() if c.doc_id == top.doc_id and c.level == 0), None)
    for cid in [*top.children, *(g for c in top.children for g in corpus.clauses[c].children)]:
        c = corpus.clauses[cid]
        ids = {cid, *(d.id for d in corpus.descendants(cid))}
        head = re.split(r"[。：:（(]", c.text[len(c.marker) :], maxsplit=1)[0]  # what the clause is about
        for name, cue in (("学历和专业工作经历", "学历"), ("业绩", "业绩"), ("成果", "成果"), ("破格", "破格")):
            if cue in head:
                parts.setdefault(name, ids)
        if head.startswith("具有"):  # 1.具有…的专业理论和实践功底
            parts.setdefault("基本条件", {cid, *([preamble] if preamble else [])})
    return parts


class Evaluator:
    """Runs cases through an ``Assistant`` (and the baseline) and returns rows of results."""

    def __init__(self, bot: Any, progress: Progress):
        self.bot = bot
        self.progress = progress
        self.spans = Spans(bot.corpus)
        self.helplines = bot.round().helplines

    def check_clauses(self, split: Split) -> None:
        named = {c for q in split.questions for c in q.clauses} | {c for v in split.conversations for c in v.clauses}
        unknown = named - set(self.bot.corpus.clauses)
        if unknown:
            raise ValueError(f"eval cases name clauses the corpus does not have: {sorted(unknown)}")

    def _held(self, cited: list[str], gold: list[str]) -> list[bool]:
        return [self.spans.holds(self.spans.passage(c), gold) for c in cited]

    def _qa_row(self, case: QACase | ConversationCase, a: Any, q: str) -> dict[str, Any]:
        ranked = [cid for cid, _ in a.trace.retrieved]
        r = rank_metrics(self._held(ranked, case.clauses))
        cited = [c.id for c in a.citations]
        held = self._held(cited, case.clauses)
        grade = getattr(case, "grade", None)
        parts = grade_parts(self.bot.corpus, grade) if grade else {}
        in_parts = set().union(*parts.values()) if parts else set()  # an overview cites every part
        good = [
            h or any(has_fact(c.text, alts) for alts in case.facts) or c.id in in_parts
            for h, c in zip(held, a.citations, strict=True)
        ]
        missing = ["/".join(alts) for alts in case.facts if not has_fact(a.text, alts)]
        polarity = getattr(case, "polarity", None)
        polarity_ok = polarity is None or a.polarity == polarity
        reasons = []
        if a.abstained:
            reasons.append("abstained")
        else:
            if missing:
                reasons.append("missing fact " + "、".join(missing))
            if not polarity_ok:
                reasons.append(f"polarity {a.polarity}, expected {polarity}")
            if not any(held):
                reasons.append(f"cited {cited or 'nothing'}, gold {case.clauses}")
        row = {
            "id": case.id,
            "cat": getattr(case, "cat", "conversation"),
            "q": q,
            **r,
            "fact": float(not a.abstained and not missing and polarity_ok),
            "abstained": a.abstained,
            "kind": str(a.kind),
            "cited": cited,
            "cite_good": sum(good),
            "cite_total": len(good),
            "cite_recall": float(any(held)),
            "retrieved": ranked,
            "reason": "; ".join(reasons),
            "latency_ms": round(a.latency_ms, 1),
        }
        if grade:
            named = [name for name, ids in parts.items() if ids & set(cited)]
            row["coverage"] = len(named) / len(parts) if parts else 0.0
            if row["coverage"] < 1:
                row["reason"] = "; ".join(
                    filter(None, [row["reason"], f"parts missing {sorted(set(parts) - set(named))}"])
                )
        if getattr(case, "kind", None) == "yes_no":
            row["polarity_ok"] = float(not a.abstained and polarity_ok)
        return row

    def questions(self, cases: list[QACase]) -> list[dict[str, Any]]:
        return [self._qa_row(case, self.bot.ask(case.q), case.q) for case in self.progress(cases, "questions")]

    def refusals(self, cases: list[RefusalCase]) -> list[dict[str, Any]]:
        rows = []
        for case in self.progress(cases, "refusals"):
            a = self.bot.ask(case.q)
            ok = a.abstained and all(p in a.text for p in self.helplines)
            reason = "" if ok else ("answered: " + a.lead[:80] if not a.abstained else "no helpline")
            rows.append(
                {
                    "id": case.id,
                    "cat": case.cat,
                    "q": case.q,
                    "refused": float(ok),
                    "reason": reason,
                    "latency_ms": a.latency_ms,
                }
            )
        return rows

    def eligibility(self, cases: list[EligibilityCase]) -> list[dict[str, Any]]:
        rows = []
        for case in self.progress(cases, "eligibility"):
            session = self.bot.new_session()
            routed, latency, begun = True, 0.0, False
            result: dict[str, Any] = {}
            for n, turn in enumerate(case.turns, start=1):
                a = self.bot.ask(turn, session=session)
                latency += a.latency_ms
                if n in case.detours:  # answered from the documents; the check must go on after it
                    routed = routed and not a.tool_calls
                    continue
                # questions to the documents before the check begins ("正高要啥条件", then the person's facts)
                # may be answered from them; once begun, every turn goes on with the check
                begun = begun or bool(a.tool_calls) or n == len(case.turns)
                routed = routed and (bool(a.tool_calls) or not begun)
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
                    "latency_ms": latency / len(case.turns),
                }
            )
        return rows

    def conversations(self, cases: list[ConversationCase]) -> list[dict[str, Any]]:
        rows = []
        for case in self.progress(cases, "conversations"):
            session = self.bot.new_session()
            for turn in case.turns:
                a = self.bot.ask(turn, session=session)
            q = " / ".join(case.turns)
            if case.abstain:
                ok = a.abstained and all(p in a.text for p in self.helplines)
                reason = "" if ok else "answered: " + a.lead[:80]
                rows.append({"id": case.id, "q": q, "right": float(ok), "reason": reason})
            else:
                row = self._qa_row(case, a, q)
                rows.append({"id": case.id, "q": q, "right": row["fact"] * row["cite_recall"], "reason": row["reason"]})
        return rows

    def stability(self, questions: list[str]) -> list[dict[str, Any]]:
        """Each rewording must give the same kind and the same first citation as the question."""
        rows = []
        for q in self.progress(questions, "rewordings"):
            base = self._signature(self.bot.ask(q))
            for name, v in variants(q):
                got = self._signature(self.bot.ask(v))
                rows.append({"q": q, "variant": name, "text": v, "same": float(got == base), "got": got, "want": base})
        return rows

    @staticmethod
    def _signature(a: Any) -> tuple[str, str]:
        return ("abstained" if a.abstained else str(a.kind), a.citations[0].id if a.citations else "")

    def baseline(self, cases: list[QACase], baseline: Any) -> list[dict[str, Any]]:
        rows = []
        for case in self.progress(cases, "baseline"):
            t0 = time.perf_counter()
            answer, chunks = baseline.answer(case.q)
            ms = (time.perf_counter() - t0) * 1000
            passages = [self.spans.of_text(c.doc_id, c.text, c.start) for c in chunks]
            hits = [self.spans.holds(p, case.clauses) for p in passages]
            facts = all(has_fact(answer, alts) for alts in case.facts) and case.polarity is None  # no yes/no
            row = {
                "id": case.id,
                "cat": case.cat,
                **rank_metrics(hits),
                "fact": float(facts),
                "latency_ms": round(ms, 1),
                "context_chars": sum(len(c.text) for c in chunks),
            }
            if case.grade:
                parts = grade_parts(self.bot.corpus, case.grade)
                named = [n for n, ids in parts.items() if any(self.spans.holds(p, list(ids)) for p in passages)]
                row["coverage"] = len(named) / len(parts) if parts else 0.0
            rows.append(row)
        return rows


def summarize(rows: list[dict[str, Any]], keys: tuple[str, ...], by: str | None = "cat") -> dict[str, Any]:
    out: dict[str, Any] = {"n": len(rows), **{k: pct(r[k] for r in rows if k in r) for k in keys}}
    if by:
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            groups[r[by]].append(r)
        out["by_category"] = {
            g: {"n": len(rs), **{k: pct(r[k] for r in rs if k in r) for k in keys}} for g, rs in groups.items()
        }
    return out


def split_metrics(rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The headline numbers of one split."""
    q, r, e, c, s = (rows[k] for k in ("questions", "refusals", "eligibility", "conversations", "stability"))
    answered = [x for x in q if not x["abstained"]]
    cite_total = sum(x["cite_total"] for x in answered)
    m = {
        "hit@1": pct(x["hit@1"] for x in q),
        "hit@5": pct(x["hit@5"] for x in q),
        "mrr": pct(x["mrr"] for x in q),
        "fact_accuracy": pct(x["fact"] for x in q),
        "citation_precision": round(sum(x["cite_good"] for x in answered) / cite_total, 4) if cite_total else 0.0,
        "citation_recall": pct(x["cite_recall"] for x in q),
        "refusal_accuracy": pct(x["refused"] for x in r),
        "false_refusal_rate": pct(float(x["abstained"]) for x in q),
        "eligibility_verdict_accuracy": pct(x["verdict"] for x in e),
        "eligibility_condition_accuracy": pct(x["conditions"] for x in e),
        "multi_turn_accuracy": pct([x["verdict"] for x in e if x["multi_turn"]] + [x["right"] for x in c]),
        "yes_no_accuracy": pct(x["polarity_ok"] for x in q if "polarity_ok" in x),
        "overview_coverage": pct(x["coverage"] for x in q if "coverage" in x),
        "stability": pct(x["same"] for x in s),
    }
    return m


def baseline_metrics(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "hit@1": pct(x["hit@1"] for x in rows),
        "hit@5": pct(x["hit@5"] for x in rows),
        "mrr": pct(x["mrr"] for x in rows),
        "fact_accuracy": pct(x["fact"] for x in rows),
        "refusal_accuracy": 0.0,  # it never refuses
        "overview_coverage": pct(x["coverage"] for x in rows if "coverage" in x),
    }


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
    bot: Any, embedder: Any, datasets: Datasets, progress: Progress, timing: bool = True, stability: bool = True
) -> dict[str, Any]:
    """Run every split (and the baseline on each) and return the report dict (``report.py`` writes it)."""
    from .baseline import NaiveRAG

    ev = Evaluator(bot, progress)
    baseline = NaiveRAG(list(bot.corpus.documents.values()), embedder)
    splits: dict[str, Any] = {}
    latencies: list[float] = []
    try:
        for name, split in datasets.splits.items():
            ev.check_clauses(split)
            rows = {
                "questions": ev.questions(split.questions),
                "refusals": ev.refusals(split.refusals),
                "eligibility": ev.eligibility(split.eligibility),
                "conversations": ev.conversations(split.conversations),
                "stability": ev.stability([c.q for c in split.questions] + [c.q for c in split.refusals])
                if stability
                else [],
                "baseline": ev.baseline(split.questions, baseline),
            }
            latencies += [x["latency_ms"] for k in ("questions", "refusals", "eligibility") for x in rows[k]]
            failures = [
                {"set": k, "id": x["id"], "q": x["q"], "reason": x["reason"]}
                for k in ("questions", "refusals", "eligibility", "conversations")
                for x in rows[k]
                if x["reason"]
            ]
            unstable = [x for x in rows["stability"] if not x["same"]]
            splits[name] = {
                "metrics": split_metrics(rows),
                "baseline": baseline_metrics(rows["baseline"]),
                "by_category": summarize(rows["questions"], ("hit@1", "hit@5", "mrr", "fact"))["by_category"],
                "refusal_by_category": summarize(rows["refusals"], ("refused",))["by_category"],
                "counts": {k: len(v) for k, v in rows.items() if k != "baseline"},
                "failures": failures,
                "unstable": unstable,
                "rows": rows,
            }
    finally:
        baseline.close()
    run: dict[str, Any] = {"latency_p50_ms": percentile(latencies, 50), "latency_p95_ms": percentile(latencies, 95)}
    if timing:
        run |= {"cold_start_s": cold_start_seconds(bot.settings), "ingest_s": ingest_seconds(bot.settings, embedder)}
    gates = []
    for name, t in datasets.thresholds.items():
        metrics = run if name == "all" else splits.get(name, {}).get("metrics", {})
        gates += [f"{name}: {g}" for g in gate(metrics, t, optional=("cold_start_s", "ingest_s"))]
    return {"splits": splits, "run": run, "gate": gates}


def gate(metrics: dict[str, float], t: Thresholds, optional: tuple[str, ...] = ()) -> list[str]:
    """The metrics that fall outside their thresholds (empty = pass)."""
    bad = [f"{k} {metrics[k]:g} < {v:g}" for k, v in t.min.items() if k in metrics and metrics[k] < v]
    bad += [f"{k} {metrics[k]:g} > {v:g}" for k, v in t.max.items() if k in metrics and metrics[k] > v]
    bad += [f"{k}: no such metric" for k in (*t.min, *t.max) if k not in metrics and k not in optional]
    return bad
