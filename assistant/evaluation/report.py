"""The eval report as files: ``report.json`` (everything), ``report.md`` (tables), ``chart.png``.

>>> ratio(0.9, 0.6)
'1.50×'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SIDE_BY_SIDE = (("hit@1", "hit@1"), ("hit@5", "hit@5"), ("mrr", "MRR"), ("fact", "fact accuracy"))


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "—"


def _f(v: Any) -> str:
    return f"{v:.3f}" if isinstance(v, float) and v <= 1.0 else str(v)


def markdown(report: dict[str, Any], command: str) -> str:
    m, p, b = report["metrics"], report["project"], report["baseline"]
    c = report["counts"]
    lines = [
        "# Eval report",
        "",
        f"`{command}` — {c['questions']} questions, {c['refusals']} must-refuse, {c['eligibility']} grade checks"
        f" (today {report.get('today', '')}).",
        "",
        "## Project vs baseline (same run, same corpus, same embedding model)",
        "",
        "| metric | project | naive RAG baseline | ratio |",
        "|---|---|---|---|",
    ]
    for key, label in SIDE_BY_SIDE:
        lines.append(f"| {label} | {_f(p[key])} | {_f(b[key])} | {ratio(p[key], b[key])} |")
    lines += [
        f"| refusal accuracy | {_f(m['refusal_accuracy'])} | {_f(b['refusal_accuracy'])} (never refuses) | — |",
        f"| warm latency p50 / p95 (ms) | {m['latency_p50_ms']} / {m['latency_p95_ms']} |"
        f" {b['latency_ms']['p50']} / {b['latency_ms']['p95']} | — |",
        "",
        "Baseline: `RecursiveCharacterTextSplitter(500, 50)` → multilingual-e5-small → Chroma → top-4; its answer is",
        "the top chunk. Retrieval is scored by clause id for both: a passage holds a gold clause when it covers",
        f"at least half of it (baseline chunks average {b['context_chars_mean']} characters of context for top-4).",
        "",
        "## All project metrics",
        "",
        "| metric | value |",
        "|---|---|",
    ]
    lines += [f"| {k} | {_f(v)} |" for k, v in m.items()]
    gate = report["gate"]
    lines += [
        "",
        f"Gate ({'PASS' if not gate else 'FAIL'}): "
        + ("; ".join(gate) if gate else "every metric within its threshold."),
    ]
    lines += [
        "",
        "## By category (questions)",
        "",
        "| category | n | hit@1 | hit@5 | MRR | fact | baseline fact |",
        "|---|---|---|---|---|---|---|",
    ]
    bcat = b["by_category"]
    for cat, s in p["by_category"].items():
        lines.append(
            f"| {cat} | {s['n']} | {_f(s['hit@1'])} | {_f(s['hit@5'])} | {_f(s['mrr'])} | {_f(s['fact'])} |"
            f" {_f(bcat.get(cat, {}).get('fact', 0.0))} |"
        )
    lines += ["", "| refusal category | n | refused |", "|---|---|---|"]
    lines += [f"| {cat} | {s['n']} | {_f(s['refused'])} |" for cat, s in p["refusal"]["by_category"].items()]
    e = p["eligibility"]
    lines += [
        "",
        f"Grade checks: verdict {_f(e['verdict'])}, verdict + conditions {_f(e['conditions'])}"
        f" ({e['n']} cases; multi-turn {e['multi_turn']['n']}: verdict {_f(e['multi_turn']['verdict'])}).",
        "",
        "## Failing cases",
        "",
    ]
    if report["failures"]:
        lines += ["| set | id | question | reason |", "|---|---|---|---|"]
        for f in report["failures"]:
            lines.append(f"| {f['set']} | {f['id']} | {f['q']} | {f['reason']} |")
    else:
        lines.append("None.")
    return "\n".join(lines) + "\n"


def chart(report: dict[str, Any], path: Path) -> None:
    """Grouped bars: project vs baseline on the shared metrics, and project accuracy by category."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    p, b = report["project"], report["baseline"]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5), gridspec_kw={"width_ratios": [1, 2]})
    labels = [label for _, label in SIDE_BY_SIDE]
    xs = range(len(labels))
    ax1.bar([x - 0.2 for x in xs], [p[k] for k, _ in SIDE_BY_SIDE], 0.4, label="project", color="#2b6cb0")
    ax1.bar([x + 0.2 for x in xs], [b[k] for k, _ in SIDE_BY_SIDE], 0.4, label="naive RAG", color="#a0aec0")
    ax1.set_xticks(list(xs), labels, rotation=20)
    ax1.set_ylim(0, 1.05)
    ax1.set_title("project vs baseline")
    ax1.legend(loc="lower right")
    cats = list(p["by_category"])
    ax2.bar(
        [i - 0.2 for i in range(len(cats))],
        [p["by_category"][c]["fact"] for c in cats],
        0.4,
        label="project fact",
        color="#2b6cb0",
    )
    ax2.bar(
        [i + 0.2 for i in range(len(cats))],
        [b["by_category"].get(c, {}).get("fact", 0.0) for c in cats],
        0.4,
        label="baseline fact",
        color="#a0aec0",
    )
    ax2.set_xticks(range(len(cats)), cats, rotation=40, ha="right")
    ax2.set_ylim(0, 1.05)
    ax2.set_title("fact accuracy by category")
    ax2.legend(loc="lower right")
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
