"""Fair load on the web app: long questions from a few clients must not slow everyone else.

8 clients send 2,000-character questions back to back (two at a time each), while 20 clients ask
short questions at a person's pace, each from its own loopback address (127.0.1.x / 127.0.2.x, so
the server's per-address limits see 28 clients). Every answer is compared with the answer the
same Assistant gives in process; a refused request must be HTTP 429 with a Chinese message.

    .venv/bin/assistant serve --port 7860 &
    .venv/bin/python scripts/load_web.py http://127.0.0.1:7860/       # expected answers computed here

tests/test_web_load.py runs the same against a fresh `assistant serve` (20 × 6 short questions).
Only loopback addresses are used; every loop is bounded in count and time.
"""

from __future__ import annotations

import statistics
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SHORT = [
    "咨询电话是多少？",
    "个人网上申报什么时候截止？",
    "高级职称的评审结果在哪里公示？",
    "申报工程师需要几项成果？",
    "外籍人员能申报吗",
    "会有短信通知吗？",
]
STORY = "我在一家科技服务机构从事技术转移工作多年，想了解今年技术经纪专业职称申报的材料要求、流程和注意事项。"
LONG = (STORY * 40)[:1992] + "咨询电话是多少？"
assert len(LONG) == 2000


@dataclass
class Report:
    short_latency_ms: list[float] = field(default_factory=list)
    short: Counter[str] = field(default_factory=Counter)  # answered, wrong, 429, error
    long: Counter[str] = field(default_factory=Counter)  # answered, wrong, 429-rate, 429-busy, error
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, which: str, key: str, latency_ms: float | None = None) -> None:
        with self.lock:
            (self.short if which == "short" else self.long)[key] += 1
            if latency_ms is not None:
                self.short_latency_ms.append(latency_ms)

    @property
    def p95(self) -> float:
        lat = sorted(self.short_latency_ms)
        return lat[int(0.95 * (len(lat) - 1))] if lat else float("nan")

    def summary(self) -> str:
        lat = sorted(self.short_latency_ms)
        p50 = statistics.median(lat) if lat else float("nan")
        return (
            f"short: {len(lat)} answers, p50 {p50:.0f} ms, p95 {self.p95:.0f} ms, max {max(lat, default=0):.0f} ms, "
            f"{dict(self.short)}; long (2,000 characters): {dict(self.long)}"
        )


def _client(base: str, address: str) -> Any:
    import httpx

    return httpx.Client(base_url=base, transport=httpx.HTTPTransport(local_address=address), timeout=60)


def run_load(
    base: str,
    expected: Callable[[str, str | None], str],
    *,
    short_clients: int = 20,
    long_clients: int = 8,
    turns: int = 6,
    gap: float = 2.5,
    max_seconds: float = 90,
) -> Report:
    """``expected(question, conversation)`` is the right answer text; ``conversation`` names a grade-check
    conversation ("years=N") or is None for a standalone question."""
    report = Report()
    stop = threading.Event()
    deadline = time.time() + max_seconds

    def ask(client: Any, question: str, session: str | None = None) -> tuple[int, dict[str, Any], float]:
        t0 = time.perf_counter()
        r = client.post("/api/ask", json={"question": question, "session": session})
        return r.status_code, r.json(), (time.perf_counter() - t0) * 1000

    def long_worker(i: int, lane: int) -> None:
        client = _client(base, f"127.0.2.{i + 1}")
        sent = 0
        while not stop.is_set() and time.time() < deadline and sent < 200:
            sent += 1
            status, body, _ = ask(client, LONG)
            if status == 200:
                report.add("long", "answered" if body.get("answer") == expected(LONG, None) else "wrong")
            elif status == 429 and "提问太频繁" in body.get("error", ""):
                report.add("long", "429-rate")
                time.sleep(0.2)
            elif status == 429 and ("同时处理中" in body.get("error", "") or "排队的长问题" in body.get("error", "")):
                report.add("long", "429-busy")
                time.sleep(0.2)
            else:
                report.add("long", f"error-{status}")
                time.sleep(0.2)

    def short_worker(i: int) -> None:
        client = _client(base, f"127.0.1.{i + 1}")
        years = i % 9 + 1
        session = f"load-{i}-{uuid.uuid4().hex[:8]}"  # a new conversation each run
        plan: list[tuple[str, str | None, str | None]] = [
            ("我能申报工程师吗？", session, f"years={years}#1"),
            ("硕士", session, f"years={years}#2"),
            (f"{years}年", session, f"years={years}#3"),
        ]
        plan += [(SHORT[(i + k) % len(SHORT)], None, None) for k in range(turns - 3)]
        for question, sess, conversation in plan:
            if time.time() > deadline:
                break
            status, body, ms = ask(client, question, sess)
            if status == 200:
                right = body.get("answer") == expected(question, conversation)
                report.add("short", "answered" if right else "wrong", ms)
            else:
                report.add("short", str(status))
            time.sleep(gap)

    longs = [threading.Thread(target=long_worker, args=(i, k)) for i in range(long_clients) for k in range(2)]
    shorts = [threading.Thread(target=short_worker, args=(i,)) for i in range(short_clients)]
    for t in longs:
        t.start()
    time.sleep(1.0)  # the long questions are already running when people start asking
    for t in shorts:
        t.start()
    for t in shorts:
        t.join()
    stop.set()
    for t in longs:
        t.join()
    return report


def expectations(bot: Any) -> Callable[[str, str | None], str]:
    """The in-process answers: standalone questions, and each years=N grade-check conversation."""
    cache: dict[tuple[str, str | None], str] = {}
    for years in range(1, 10):
        session = bot.new_session()
        for n, q in enumerate(("我能申报工程师吗？", "硕士", f"{years}年"), start=1):
            cache[(q, f"years={years}#{n}")] = bot.ask(q, session=session).text
    for q in [*SHORT, LONG]:
        cache[(q, None)] = bot.ask(q).text
    return lambda q, conversation: cache[(q, conversation)]


def main(url: str) -> None:
    from assistant.pipeline import Assistant
    from assistant.settings import Settings

    report = run_load(url, expectations(Assistant.load(Settings.from_env())))
    print(report.summary())


if __name__ == "__main__":
    main(sys.argv[1])
