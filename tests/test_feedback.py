"""Feedback storage: concurrent writers lose nothing; export is CSV."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import get_context
from pathlib import Path

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
