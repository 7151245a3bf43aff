"""The web server's guard and handlers, in process (no browser): limits, sizes, routes, staff access,
start-up, and the handlers' bookkeeping (message ids, bursts, reset, the form, the staff desk)."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from assistant.app.feedback import FeedbackStore
from assistant.app.web.app import Conversation, WebApp
from assistant.app.web.render import Turn, answer_html, copy_ready, turn_html
from assistant.app.web.server import PortError, bind, make_server


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> FeedbackStore:
    return FeedbackStore(tmp_path_factory.mktemp("fb") / "feedback.sqlite3")


def _client(app: Any, address: str = "127.0.0.2") -> Any:
    from starlette.testclient import TestClient

    return TestClient(app, client=(address, 50000), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def served(bot, real_settings, store) -> Iterator[Any]:
    """The loopback app, staff password set, a small rate limit (3 questions per minute per address)."""
    settings = replace(real_settings, staff_password="pw", rate_limit="3/minute", client_concurrency=2)
    app, staff = make_server(bot, settings, "127.0.0.1", store)
    assert staff
    with _client(app) as client:
        yield client, app


def test_healthz_404_and_chinese_page(served, bot):
    client, _ = served
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["index"] == bot.index.build
    for path in ("/gradio_api/run/nonexistent", "/gradio_api/call/nonexistent", "/gradio_api/upload"):
        r = client.post(path, json={"data": []})
        assert r.status_code == 404 and r.json()["error"] == "没有这个地址。", (path, r.text)
    assert client.post("/gradio_api/run/predict", json={"data": [], "fn_index": 999}).status_code == 404
    page = client.get("/").text
    assert 'lang="zh-CN"' in page and page.index("navigator,'language'") < page.index('<script type="module"')
    config = client.get("/config").json()
    assert config["analytics_enabled"] is False


def test_request_size_cap(served):
    client, _ = served
    big = {"question": "问" * 50_000}
    r = client.post("/api/ask", json=big)
    assert r.status_code == 413 and "请求内容过大" in r.json()["error"]
    r = client.post("/api/ask", content=b"x" * 70_000, headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_over_limit_question_does_no_work(served, monkeypatch):
    _, app = served
    calls = []
    monkeypatch.setattr("assistant.pipeline.Assistant.ask", lambda *a, **k: calls.append(a))
    r = _client(app, "127.0.0.3").post("/api/ask", json={"question": "问" * 2001})
    assert r.status_code == 400 and "超过了2000字的上限" in r.json()["error"] and not calls


def test_rate_limit_429_in_chinese(served):
    _, app = served
    client = _client(app, "127.0.0.4")
    codes = [client.post("/api/ask", json={"question": "咨询电话是多少？"}) for _ in range(5)]
    assert [r.status_code for r in codes] == [200, 200, 200, 429, 429]
    assert "提问太频繁了" in codes[3].json()["error"] and int(codes[3].headers["retry-after"]) >= 1
    assert "每分钟3个问题" in codes[3].json()["error"]
    # another address is not affected; non-question requests are not counted
    assert _client(app, "127.0.0.5").post("/api/ask", json={"question": "咨询电话是多少？"}).status_code == 200
    assert client.get("/healthz").status_code == 200


def test_concurrency_cap_per_client(bot, real_settings, store, monkeypatch):
    import threading
    import time

    settings = replace(real_settings, rate_limit="100/minute", client_concurrency=2)
    app, _ = make_server(bot, settings, "127.0.0.1", store)
    gate = threading.Event()
    real_ask = bot.ask

    def slow(question: str, session: Any = None) -> Any:
        gate.wait(10)
        return real_ask(question, session=session)

    monkeypatch.setattr(bot, "ask", slow)
    with _client(app, "127.0.0.6") as client:
        results: list[int] = []

        def one() -> None:
            results.append(client.post("/api/ask", json={"question": "咨询电话是多少？"}).status_code)

        threads = [threading.Thread(target=one) for _ in range(2)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        third = client.post("/api/ask", json={"question": "咨询电话是多少？"})
        gate.set()
        for t in threads:
            t.join()
    assert third.status_code == 429 and "同时处理中的问题太多" in third.json()["error"]
    assert sorted(results) == [200, 200]


def test_staff_desk_needs_the_password(served):
    client, _ = served
    r = client.get("/staff/")
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Basic")
    assert client.get("/staff/export/feedback.csv", auth=("x", "wrong")).status_code == 401
    ok = client.get("/staff/export/feedback.csv", auth=("x", "pw"))
    assert ok.status_code == 200 and ok.text.lstrip("\ufeff").startswith("id,created_at")
    assert client.get("/staff/", auth=("staff", "pw")).status_code == 200


def test_beyond_loopback_without_password_serves_applicants_only(bot, real_settings, store, capsys):
    app, staff = make_server(bot, real_settings, "0.0.0.0", store)
    assert not staff
    with _client(app) as client:
        assert client.get("/").status_code == 200
        assert client.get("/staff/").status_code == 404
        assert client.get("/staff/export/feedback.csv").status_code == 404
        assert client.post("/gradio_api/call/lookup", json={"data": ["电话"]}).status_code == 404
    app, staff = make_server(bot, replace(real_settings, staff_password="pw"), "0.0.0.0", store)
    assert staff


def test_no_dns_lookup_at_start_up(bot, real_settings, store, monkeypatch):
    looked_up = []
    real = socket.getaddrinfo

    def spy(host: Any, *a: Any, **k: Any) -> Any:
        if host not in ("127.0.0.1", "localhost", "::1", None):
            looked_up.append(host)
        return real(host, *a, **k)

    monkeypatch.setattr(socket, "getaddrinfo", spy)
    app, _ = make_server(bot, real_settings, "127.0.0.1", store)
    with _client(app) as client:
        client.get("/")
    assert not looked_up


def test_busy_port_is_one_line(tmp_path):
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    port = holder.getsockname()[1]
    try:
        with pytest.raises(PortError, match=f"端口 {port} 已被占用"):
            bind("127.0.0.1", port)
        env = {"ASSISTANT_DATA_DIR": str(tmp_path), "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}
        cmd = [sys.executable, "-m", "assistant", "serve", "--port", str(port)]
        run = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
    finally:
        holder.close()
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.strip().count("\n") == 0 and f"端口 {port} 已被占用" in run.stderr


# ---- handlers ------------------------------------------------------------------------------------------
def test_burst_is_answered_in_order_and_feedback_is_per_message(bot, store):
    web = WebApp(bot, store)
    conv = Conversation(bot)
    ids = [web.post(q, conv)[2] for q in ("我能申报工程师吗？", "硕士", "3年")]
    conv.queued = 1  # another answer event of this conversation is on its way: this one stops at its message
    web.answer(ids[0], conv)
    assert [t.answer is not None for t in conv.turns] == [True, False, False]
    conv.queued = 0  # none is (the server turned it away): this one answers the rest too
    web.answer(ids[0], conv)
    leads = [t.answer.lead for t in conv.turns if t.answer]
    assert len(leads) == 3 and "工程师" in leads[2]  # the follow-ups were read in order, in one session
    web.rate(conv, {"msg": ids[0], "rating": -1, "comment": "看不懂"})
    web.rate(conv, {"msg": ids[2], "rating": 1})
    rows = {r["message"]: r for r in store.rows() if r["session"] == conv.id}
    assert rows[ids[0]]["question"] == "我能申报工程师吗？" and rows[ids[0]]["comment"] == "看不懂"
    assert rows[ids[2]]["question"] == "3年" and rows[ids[2]]["comment"] == ""
    old_session = conv.id
    web.new_chat(conv)
    assert conv.turns == [] and conv.id != old_session
    web.rate(conv, {"msg": ids[0], "rating": 1})  # a message of the old chat is no longer rated
    assert sum(1 for r in store.rows() if r["message"] == ids[0]) == 1


def test_abstained_flag_is_stored(bot, store):
    web = WebApp(bot, store)
    conv = Conversation(bot)
    msg = web.post("评审费多少钱？", conv)[2]
    web.answer(msg, conv)
    web.rate(conv, {"msg": msg, "rating": -1})
    row = next(r for r in store.rows() if r["message"] == msg)
    assert row["abstained"] == 1
    assert any(t.question == "评审费多少钱？" and t.abstained for t in store.summary())


def test_form_numbers_empty_and_validated(bot, store):
    web = WebApp(bot, store)
    form = ["工程师", "大学本科", "", "不确定", "本系列", "", "不确定", "", [], "不确定"]
    html, result = web.check(*form)
    assert result["verdict"] == "need_more_info" and "0项" not in html
    html, result = web.check(*form[:2], "-3", *form[3:])
    assert result == {} and "应填0到60之间的数字" in html
    html, result = web.check(*form[:7], "2.5", *form[8:])
    assert result == {} and "整数" in html
    html, result = web.check(*form[:2], "３", *form[3:])  # full-width digits
    assert result["verdict"] == "not_eligible" and "还不能申报" in html


def test_answer_view_and_copy_ready(bot):
    answer = bot.ask("本科毕业3年，能申报工程师吗？")
    note = bot.round().note
    html = answer_html(answer, note)
    assert html.index('class="badge v-not_eligible"') < html.index('class="lead"') < html.index("details")
    assert note not in html and "目前还不能申报工程师" in html
    assert "1.从事技术转移转化研究工作" in html  # the 业绩 clause with its items
    quote = bot.ask("高级职称的评审结果在哪里公示？")
    text = copy_ready(quote)
    assert text.count("高级专业技术资格评审结果在市人力资源社会保障局") == 1 and "notice-2-3" in text
    shown = turn_html(Turn("m1", "<b>问</b><script>x()</script>", answer=quote), note)
    assert "<b>问" not in shown and "<script>" not in shown and "&lt;b&gt;问&lt;/b&gt;&lt;script&gt;" in shown


def test_lookup_strength_is_readable(bot, store):
    web = WebApp(bot, store)
    html, short = web.lookup("评审结果在哪里公示")
    assert html.index("notice-2-3") < html.index("匹配度：低") and "匹配度：高" in html
    assert "中、初级专业技术资格评审结果" in html and short.startswith("根据")


def test_strength_is_calibrated_on_the_eval_sets(bot, real_settings):
    from assistant.evaluation.datasets import Datasets
    from scripts.calibrate_strength import scored_hits, shares

    got = shares(scored_hits(bot, Datasets.load(real_settings.eval_dir).splits["dev"], k=5))
    assert got["high"][1] >= 0.65, got
    assert 0.2 <= got["medium"][1] < got["high"][1], got
    assert got["low"][1] <= 0.1, got
