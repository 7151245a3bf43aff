"""The web app in a real server: a real browser (Playwright + Debian's chromium) and a load test.

The server is `assistant serve` on a free loopback port, started and stopped here.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .servers import assistant_server

pytestmark = pytest.mark.e2e
CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def server(bot, real_settings) -> Iterator[str]:
    """`assistant serve` on the index the `bot` fixture built (so no second ingest)."""
    env = {"ASSISTANT_DATA_DIR": str(real_settings.data_dir), "ASSISTANT_TODAY": real_settings.today.isoformat()}
    with assistant_server(env, real_settings.data_dir / "serve.log") as url:
        yield url


def _feedback_rows(real_settings) -> list[tuple[str, int, str, str]]:
    db = sqlite3.connect(real_settings.data_dir / "feedback.sqlite3")
    try:
        return db.execute("SELECT question, rating, comment, citations FROM feedback").fetchall()
    finally:
        db.close()


@pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (.ci/run installs it)",
)
def test_browser_chat_feedback_escaping_and_form(server, real_settings):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS)
        page = browser.new_page()
        page.goto(server)
        expect(page.locator("#banner")).to_contain_text("2023年度")

        # ask → a cited answer, the clause verbatim in the source panel
        page.locator("#question textarea").fill("咨询电话是多少？")
        page.locator("#send").click()
        expect(page.locator("#chat")).to_contain_text("010—88828948", timeout=30_000)
        expect(page.locator("#chat")).to_contain_text("[1]")
        expect(page.locator("#sources")).to_contain_text("（四）咨询方式。联系电话：010—88828948，010—88827905")
        expect(page.locator("#sources")).to_contain_text("三、其他重点关注事项 > （四）咨询方式")

        # 👍 with a comment → a row in SQLite
        page.locator("#comment textarea").fill("很清楚")
        page.locator("#thumbs-up").click()
        expect(page.locator("#feedback-status")).to_contain_text("谢谢", timeout=15_000)
        rows = _feedback_rows(real_settings)
        assert ("咨询电话是多少？", 1, "很清楚") in [r[:3] for r in rows]
        assert "notice-3-4" in next(r[3] for r in rows if r[0] == "咨询电话是多少？")

        # 👎 on the message itself (the chat's own per-answer buttons) → another row, rating -1
        page.locator('#chat button[aria-label="Dislike"]').last.click()
        deadline = time.time() + 15
        while not any(r[:2] == ("咨询电话是多少？", -1) for r in _feedback_rows(real_settings)):
            assert time.time() < deadline, _feedback_rows(real_settings)
            time.sleep(0.3)

        # a question with <script> shows as text and never runs
        page.locator("#question textarea").fill("<script>window.__xss=1</script>咨询电话是多少？")
        page.locator("#send").click()
        expect(page.locator("#chat")).to_contain_text("<script>window.__xss=1</script>", timeout=30_000)
        assert page.evaluate("window.__xss") is None
        assert page.locator("#chat script").count() == 0

        # the eligibility form: 本科 + 3 years → 工程师 not yet, with the route cited
        page.get_by_role("tab", name="申报资格自测").click()
        page.locator("#f-edu input").click()
        page.get_by_role("option", name="大学本科").click()
        page.locator("#f-years input").fill("3")
        page.locator("#check").click()
        expect(page.locator("#verdict")).to_contain_text("目前还不能申报工程师", timeout=15_000)
        expect(page.locator("#verdict")).to_contain_text("大学本科毕业后，从事本专业技术工作满5年")
        browser.close()


def test_load_twenty_sessions(server, real_settings):
    """20 concurrent sessions × 10 questions: no errors, each session gets its own answers."""
    from gradio_client import Client

    fixed = [
        ("咨询电话是多少？", "88828948"),
        ("个人网上申报什么时候截止？", "7月17日"),
        ("高级职称的评审结果在哪里公示？", "市人力资源社会保障局"),
        ("申报工程师需要几项成果？", "2项及以上"),
        ("外籍人员能申报吗", "外国人来华工作许可证"),
        ("破格申报高级工程师需要什么条件？", "破格"),
        ("会有短信通知吗？", "短信通知"),
    ]

    def one_session(i: int) -> list[float]:
        client = Client(server, verbose=False)
        years = i % 9 + 1  # this session's own fact, carried in server-side state across turns
        own = (f"你目前{years}年", f"你已{years}年")  # only this session's answer can say this
        turns = [("我能申报工程师吗？", ("最高学历",)), ("硕士", ("多少年",)), (f"{years}年", own)]
        turns += [(q, (fact,)) for q, fact in fixed]
        latencies = []
        for text, expected in turns:
            t0 = time.perf_counter()
            history, _sources, _box = client.predict(text, [], api_name="/chat")
            latencies.append((time.perf_counter() - t0) * 1000)
            reply = str(history[-1]["content"])
            assert any(e in reply for e in expected), (i, text, reply[:200])
        return latencies

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(one_session, range(20)))
    lat = sorted(x for r in results for x in r)
    p50, p95 = statistics.median(lat), lat[int(0.95 * (len(lat) - 1))]
    report = f"load: 20 sessions × 10 questions, {len(lat)} answers, 0 errors, p50 {p50:.0f} ms, p95 {p95:.0f} ms"
    print(report)
    (real_settings.data_dir / "load.txt").write_text(report + "\n", encoding="utf-8")
    assert len(lat) == 200
