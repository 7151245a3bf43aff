"""The eval report as files: ``report.json`` (everything), ``report.md`` (tables), ``chart.png``.

Every split (dev: tuned on; test: never tuned on) gets the same table, the naive baseline beside it.

    >>> ratio(0.9, 0.6)
    '1.50×'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# (metric, label, baseline has it)
ROWS = (
    ("fact_accuracy", "fact accuracy", True),
    ("hit@1", "hit@1", True),
    ("hit@5", "hit@5", True),
    ("mrr", "MRR", True),
    ("citation_precision", "citation precision", False),
    ("citation_recall", "citation recall", False),
    ("refusal_accuracy", "must-refuse accuracy", True),
    ("false_refusal_rate", "false-refusal rate", False),
    ("eligibility_verdict_accuracy", "grade checks: verdict", False),
    ("eligibility_condition_accuracy", "grade checks: verdict + conditions", False),
    ("multi_turn_accuracy", "multi-turn right at the last turn", False),
    ("yes_no_accuracy", "yes/no answered right", False),
    ("overview_coverage", "overview coverage (parts named and cited)", True),
    ("stability", "metamorphic stability", False),
)
SPLIT_NOTE = {
    "dev": "tuned on freely",
    "test": "written before the fixes by a separate session from the documents and the question classes;"
    " never tuned on",
}


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "—"


def _f(v: Any) -> str:
    return f"{v:.3f}" if isinstance(v, float) and v <= 1.0 else str(v)


def markdown(report: dict[str, Any], command: str) -> str:
    splits = report["splits"]
    names = list(splits)
    lines = [
        "# Eval report",
        "",
        f"`{command}` (today {report.get('today', '')}). "
        + "; ".join(f"**{n}**: {_counts(splits[n]['counts'])} ({SPLIT_NOTE.get(n, '')})" for n in names)
        + ".",
        "",
        "## Project and naive baseline, per split",
        "",
        "| metric | " + " | ".join(f"{n} | {n} baseline" for n in names) + " |",
        "|---|" + "---|---|" * len(names),
    ]
    for key, label, has_base in ROWS:
        cells = []
        for n in names:
            cells.append(_f(splits[n]["metrics"].get(key, "")))
            cells.append(_f(splits[n]["baseline"].get(key, "")) if has_base else "—")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    run = report["run"]
    lines += [
        "",
        f"Warm latency p50 / p95: {run['latency_p50_ms']} / {run['latency_p95_ms']} ms"
        + (f"; cold start {run['cold_start_s']} s; full ingest {run['ingest_s']} s." if "cold_start_s" in run else "."),
        "",
        "Baseline: `RecursiveCharacterTextSplitter(500, 50)` → multilingual-e5-small → Chroma → top-4; its answer is",
        "the top chunk (it never refuses and never says yes or no). Retrieval is scored by clause id for both:",
        "a passage holds a gold clause when it covers at least half of it. Stability: each question and must-refuse",
        "question reworded (polite prefix, particle, no punctuation, numerals, full-width, traditional script, one",
        "pinyin typo) must give the same answer kind and first citation.",
        "",
        f"Gate ({'PASS' if not report['gate'] else 'FAIL'}): "
        + ("; ".join(report["gate"]) if report["gate"] else "every metric within its threshold."),
    ]
    for n in names:
        s = splits[n]
        lines += ["", f"## {n}: by category", "", "| category | n | hit@1 | hit@5 | fact |", "|---|---|---|---|---|"]
        for cat, c in s["by_category"].items():
            lines.append(f"| {cat} | {c['n']} | {_f(c['hit@1'])} | {_f(c['hit@5'])} | {_f(c['fact'])} |")
        lines += ["", "| refusal category | n | refused |", "|---|---|---|"]
        lines += [f"| {cat} | {c['n']} | {_f(c['refused'])} |" for cat, c in s["refusal_by_category"].items()]
        lines += ["", f"## {n}: failing cases", ""]
        if s["failures"]:
            lines += ["| set | id | question | reason |", "|---|---|---|---|"]
            lines += [f"| {f['set']} | {f['id']} | {f['q']} | {f['reason']} |" for f in s["failures"]]
        else:
            lines.append("None.")
        if s["unstable"]:
            lines += ["", f"Unstable rewordings ({len(s['unstable'])}):", ""]
            lines += [f"- {u['variant']}: {u['text']} → {u['got']} (was {u['want']})" for u in s["unstable"][:40]]
    return "\n".join(lines) + "\n"


def _counts(c: dict[str, int]) -> str:
    return ", ".join(f"{v} {k}" for k, v in c.items() if k != "stability") + f", {c.get('stability', 0)} rewordings"


def chart(report: dict[str, Any], path: Path) -> None:
    """Grouped bars per split: project vs baseline where the baseline has the metric, project alone else."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    splits = report["splits"]
    fig, axes = plt.subplots(1, len(splits), figsize=(7 * len(splits), 4.8), squeeze=False)
    for ax, (name, s) in zip(axes[0], splits.items(), strict=True):
        shown = [(k, label, has) for k, label, has in ROWS if k != "false_refusal_rate"]
        xs = range(len(shown))
        ax.bar(
            [x - 0.2 for x in xs],
            [s["metrics"].get(k, 0.0) for k, _, _ in shown],
            0.4,
            label="project",
            color="#2b6cb0",
        )
        base = [s["baseline"].get(k, 0.0) if has else 0.0 for k, _, has in shown]
        ax.bar([x + 0.2 for x in xs], base, 0.4, label="naive RAG", color="#a0aec0")
        ax.set_xticks(list(xs), [label.split(" (")[0] for _, label, _ in shown], rotation=55, ha="right", fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.set_title(f"{name}")
        ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(report: dict[str, Any], directory: Path, command: str) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / "report.json", directory / "report.md", directory / "chart.png"]
    paths[0].write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    paths[1].write_text(markdown(report, command), encoding="utf-8")
    chart(report, paths[2])
    return paths
