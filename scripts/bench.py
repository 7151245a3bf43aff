"""Speed benchmark (not a timed test): reports ratios, since this machine is shared and noisy.

    python scripts/bench.py            # after `make setup`

- warm answer latency (p50/p95 over the end-to-end questions) vs the floor of one query
  embedding plus one Chroma query (aim ≤ 1.5×);
- cold `assistant ask` (process start to answer) vs a bare `import sentence_transformers` (aim ≤ 2×);
- ingest: full build in a fresh data dir, and re-ingest of the unchanged corpus (aim < 1 s).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def wall(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - t


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def main() -> None:
    from assistant.pipeline import Assistant
    from assistant.settings import Settings

    data = Path(tempfile.mkdtemp(prefix="bench-"))
    env = dict(os.environ, ASSISTANT_DATA_DIR=str(data), HF_HUB_OFFLINE="1")
    exe = [sys.executable, "-m", "assistant"]
    ingest_full = wall([*exe, "ingest"], env)
    ingest_noop = min(wall([*exe, "ingest"], env) for _ in range(3))
    cold_ask = statistics.median(wall([*exe, "ask", "--json", "咨询电话是多少？"], env) for _ in range(3))
    bare_st = statistics.median(wall([sys.executable, "-c", "import sentence_transformers"], env) for _ in range(3))

    bot = Assistant.load(Settings(data_dir=data, today_override=dt.date(2026, 11, 28)))
    cases = yaml.safe_load((ROOT / "tests" / "e2e_cases.yaml").read_text(encoding="utf-8"))
    questions = [c["q"] for c in cases]
    emb = bot.retriever.dense.embedder
    floor = []
    for q in questions:
        t = time.perf_counter()
        bot.index.store.query(emb.embed_query(q), 8)
        floor.append((time.perf_counter() - t) * 1000)
    lat = []
    for _ in range(3):
        for q in questions:
            lat.append(bot.ask(q).latency_ms)
    f50 = statistics.median(floor)
    rows = [
        ("full ingest (fresh data dir, process)", f"{ingest_full:.1f} s", ""),
        ("re-ingest unchanged corpus (process)", f"{ingest_noop:.2f} s", "aim < 1 s of work; includes ~0.3 s start"),
        (
            "cold `assistant ask --json`",
            f"{cold_ask:.2f} s",
            f"{cold_ask / bare_st:.2f}× bare import ({bare_st:.1f} s)",
        ),
        ("floor: 1 query embedding + 1 Chroma query, p50", f"{f50:.1f} ms", ""),
        (f"warm answer latency p50 ({len(lat)} asks)", f"{pct(lat, 50):.1f} ms", f"{pct(lat, 50) / f50:.2f}× floor"),
        ("warm answer latency p95", f"{pct(lat, 95):.1f} ms", f"{pct(lat, 95) / f50:.2f}× floor"),
    ]
    print("| measure | value | ratio |\n|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} |")


if __name__ == "__main__":
    main()
