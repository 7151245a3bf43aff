"""The command line as other programs use it: JSON on stdout, logs on stderr, exit codes."""

import json
import os
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    e = dict(
        os.environ,
        ASSISTANT_DATA_DIR=str(tmp_path_factory.mktemp("cli-data")),
        ASSISTANT_TODAY="2026-11-28",
        HF_HUB_OFFLINE="1",
    )
    subprocess.run([sys.executable, "-m", "assistant", "ingest"], env=e, check=True, capture_output=True)
    return e


def run(env, *args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], env=env, capture_output=True, text=True, input=stdin, timeout=300
    )


def test_help_is_instant():
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "assistant", "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "ask" in r.stdout and "ingest" in r.stdout
    assert time.perf_counter() - t < 5  # generous on a shared machine; measured ~0.15 s


def test_ask_json_contact(env):
    r = run(env, "ask", "--json", "咨询电话是多少？")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert set(d) >= {"question", "answer", "abstained", "citations", "tool_calls", "latency_ms"}
    assert "010—88828948" in d["answer"] and "010—88827905" in d["answer"] and not d["abstained"]
    assert d["citations"][0]["id"] == "notice-3-4"
    assert d["citations"][0]["text"] == "（四）咨询方式。联系电话：010—88828948，010—88827905"


def test_ask_json_fees_abstains_with_numbers(env):
    d = json.loads(run(env, "ask", "--json", "评审费用要交多少钱？").stdout)
    assert d["abstained"] and "88828948" in d["answer"] and "88827905" in d["answer"]
    assert d["answer"].startswith("文件没有载明费用金额")  # says what is missing
    assert not d["citations"] or "相关的规定是" in d["answer"]  # a clause, if any, is shown as context


def test_human_readable_has_numbered_sources(env):
    r = run(env, "ask", "本科毕业几年可以申报工程师？")
    assert r.returncode == 0 and "满5年[1]" in r.stdout and "[1] 《评价基本标准条件》" in r.stdout


def test_batch_keeps_alignment_with_blank_lines(env, tmp_path):
    f = tmp_path / "q.txt"
    f.write_text("咨询电话是多少？\n\n   \n个人网上申报什么时候截止？\n" + "长" * 2100 + "\n", encoding="utf-8")
    r = run(env, "ask", "--json", "--batch", str(f))
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) == 5
    assert "88828948" in rows[0]["answer"] and "7月17日" in rows[3]["answer"]
    assert rows[1]["error"] == "question is empty" and rows[2]["abstained"]
    assert "limit is 2000" in rows[4]["error"]


@pytest.mark.parametrize(
    ("args", "msg"),
    [
        (("ask", "   "), "question is empty"),
        (("ask", "问" * 2001), "limit is 2000"),
        (("ask",), "missing QUESTION"),
        (("ask", "--batch", "x.txt"), "add --json"),
        (("bogus",), "No such command"),
    ],
)
def test_bad_usage_exits_2_with_one_line(env, args, msg):
    r = run(env, *args)
    assert r.returncode == 2 and msg in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and r.stdout == ""


def test_batch_not_utf8(env, tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes("咨询电话".encode("gbk"))
    r = run(env, "ask", "--json", "--batch", str(f))
    assert r.returncode == 2 and "not UTF-8" in r.stderr and "Traceback" not in r.stderr


def test_control_characters_are_dropped(env):
    d = json.loads(run(env, "ask", "--json", "咨询\x07电话\x1b是多少？").stdout)
    assert "88828948" in d["answer"]


def test_bad_setting_exits_2(env):
    r = run(dict(env, ASSISTANT_TODAY="yesterday"), "ask", "咨询电话")
    assert r.returncode == 2 and "ASSISTANT_TODAY" in r.stderr


def test_reingest_is_a_noop(env):
    t = time.perf_counter()
    r = run(env, "ingest")
    assert r.returncode == 0 and "无需重建" in r.stderr
    assert time.perf_counter() - t < 30


def batch(env, tmp_path, text: str):
    f = tmp_path / "q.txt"
    f.write_bytes(text.encode("utf-8"))
    r = run(env, "ask", "--json", "--batch", str(f))
    assert r.returncode == 0, r.stderr
    return [json.loads(line) for line in r.stdout.splitlines()]


def test_batch_splits_on_newline_only(env, tmp_path):
    # str.splitlines() also ends a line at each of these: 8 lines gave 13 objects
    lines = [
        "咨询电话是多少？\u2028谢谢",  # LINE SEPARATOR
        "咨询电话\f是多少？",  # form feed
        "咨询电话\x85是多少？",  # NEL
        "咨询电话\r是多少？",  # a lone CR
        "咨询电话\x1c\x1d\x1e是多少？",  # file/group/record separators
        "咨询电话\u2029是多少？",  # PARAGRAPH SEPARATOR
        "咨询电话\v是多少？",  # vertical tab
        "个人网上申报什么时候截止？",
    ]
    rows = batch(env, tmp_path, "\n".join(lines) + "\n")
    assert len(rows) == 8  # and each object is one line to str.splitlines() too (U+2028, NEL escaped)
    assert [r["question"] for r in rows] == lines
    assert all("88828948" in r["answer"] for r in rows[:7]) and "7月17日" in rows[7]["answer"]


def test_batch_crlf_lines_are_lines(env, tmp_path):
    rows = batch(env, tmp_path, "咨询电话是多少？\r\n\r\n个人网上申报什么时候截止？\r\n")
    assert [r["question"] for r in rows] == ["咨询电话是多少？", "", "个人网上申报什么时候截止？"]
    assert rows[1]["error"] == "question is empty"


def test_batch_conversation_rows(env, tmp_path):
    text = "\n".join(
        [
            '{"id": "q7", "session": "caller-42", "question": "工程师我能报吗？"}',
            "咨询电话是多少？",
            '{"id": "q8", "session": "caller-42", "question": "本科，毕业6年了"}',
            '{"id": "q9", "question": "本科，毕业6年了"}',  # no session: stands alone
            '{"id": 10, "session": "other", "question": "那高级工程师呢？"}',  # another conversation
            '{"session": "caller-42", "question": "那高级工程师呢？"}',
        ]
    )
    rows = batch(env, tmp_path, text + "\n")
    assert len(rows) == 6
    assert [(r.get("id"), r.get("session")) for r in rows] == [
        ("q7", "caller-42"), (None, None), ("q8", "caller-42"), ("q9", None), (10, "other"), (None, "caller-42")
    ]  # fmt: skip
    assert "id" not in rows[1] and "session" not in rows[1] and "session" not in rows[3]
    assert "88828948" in rows[1]["answer"]
    # the second turn answers the first one's follow-up: the grade comes from the conversation
    args = rows[2]["tool_calls"][0]["arguments"]
    assert args["grade"] == "工程师" and args["education"] == "大学本科" and args["years_in_field"] == 6
    alone = rows[3]["tool_calls"][0]["arguments"]
    assert "grade" not in alone  # the same words alone: no grade known
    assert not rows[4]["tool_calls"] or "education" not in rows[4]["tool_calls"][0]["arguments"]
    later = rows[5]["tool_calls"][0]["arguments"]  # 那高级工程师呢？ re-checks caller-42's facts
    assert later["grade"] == "高级工程师" and later["education"] == "大学本科" and later["years_in_field"] == 6


def test_batch_bad_rows_still_get_their_objects(env, tmp_path):
    text = "\n".join(
        [
            '{"id": 3, "session": "x", "question": "咨询电话？"',  # malformed JSON
            '{"id": "no-question", "session": "x"}',
            '{"id": "bad", "question": 5}',
            '["咨询电话是多少？"]',
            '{"id": "ok", "question": "咨询电话是多少？", "extra": 1}',
            '{"id": "fine", "question": "咨询电话是多少？"}',
        ]
    )
    rows = batch(env, tmp_path, text + "\n")
    assert len(rows) == 6
    assert all(r["abstained"] and r["citations"] == [] and r["error"] for r in rows[:3] + rows[4:5])
    assert "error" not in rows[3] and "88828948" in rows[3]["answer"]  # not an object: a plain question
    assert rows[0]["error"].startswith("row is not valid JSON") and "id" not in rows[0]
    assert rows[1]["error"] == "row: question: Field required" and rows[1]["id"] == "no-question"
    assert rows[2]["error"].startswith("row: question:") and rows[2]["id"] == "bad"
    assert rows[4]["error"].startswith("row: extra:")
    assert "error" not in rows[5] and rows[5]["id"] == "fine" and "88828948" in rows[5]["answer"]
