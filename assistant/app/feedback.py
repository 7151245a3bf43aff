"""Feedback on answers (👍/👎 + an optional comment), kept in SQLite in the data directory.

WAL mode and a busy timeout let many web workers write at once without losing a row; each write
opens its own short connection, so threads never share one.

    >>> import tempfile, pathlib
    >>> store = FeedbackStore(pathlib.Path(tempfile.mkdtemp()) / "feedback.sqlite3")
    >>> store.add(question="q", answer="a", citations=["notice-3-4"], rating=1, comment="", session="s")
    1
    >>> store.count()
    1
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    session TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT NOT NULL DEFAULT ''
)
"""
COLUMNS = ("id", "created_at", "session", "question", "answer", "citations", "rating", "comment")
MAX_COMMENT = 2000


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA busy_timeout=30000")
            with db:  # one transaction: committed on success, rolled back on error
                yield db
        finally:
            db.close()

    def add(self, *, question: str, answer: str, citations: list[str], rating: int, comment: str, session: str) -> int:
        """Store one rating (+1 or -1); returns its row id."""
        if rating not in (-1, 1):
            raise ValueError("rating must be 1 (👍) or -1 (👎)")
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._connect() as db:
            cur = db.execute(
                "INSERT INTO feedback (created_at, session, question, answer, citations, rating, comment)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    now,
                    session,
                    question,
                    answer,
                    json.dumps(citations, ensure_ascii=False),
                    rating,
                    comment[:MAX_COMMENT],
                ),
            )
            return int(cur.lastrowid or 0)

    def rows(self) -> list[dict[str, Any]]:
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            return [dict(r) for r in db.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id")]

    def count(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])

    def export_csv(self, out: TextIO) -> int:
        """Write every row as CSV (UTF-8, header first); returns the number of rows."""
        rows = self.rows()
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        return len(rows)


def feedback_path(data_dir: Path) -> Path:
    return data_dir / "feedback.sqlite3"
