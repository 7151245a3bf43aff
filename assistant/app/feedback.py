"""Feedback on answers (👍/👎 + an optional comment), kept in SQLite in the data directory.

WAL mode and a busy timeout let many web workers write at once without losing a row; each write
opens its own short connection, so threads never share one.

Privacy: question, answer and comment are masked (``privacy.mask``: ID, card and phone numbers,
e-mail addresses; the helpline numbers stay) before they are stored. The database, its -wal/-shm
files and CSV files written by ``export_file`` are owner-only (0600) in an owner-only folder (0700).
Rows older than ``keep_days`` (default 180) are deleted when the store opens and on every rating.
Rating the same answer again (same ``session`` and ``message``) replaces the earlier rating.

    >>> import tempfile, pathlib
    >>> store = FeedbackStore(pathlib.Path(tempfile.mkdtemp()) / "feedback.sqlite3")
    >>> store.add(question="我的手机13812345678能报吗", answer="a", citations=["notice-3-4"], rating=1,
    ...           comment="", session="s", message="m1")
    1
    >>> store.add(question="我的手机13812345678能报吗", answer="a", citations=["notice-3-4"], rating=-1,
    ...           comment="没用", session="s", message="m1")
    1
    >>> [(r["question"], r["rating"], r["comment"]) for r in store.rows()]
    [('我的手机[电话]能报吗', -1, '没用')]
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import sqlite3
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ..privacy import mask

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
# added in version 1; rows from before it keep message '' (never collapsed) and abstained 0
NEW_COLUMNS = {"message": "TEXT NOT NULL DEFAULT ''", "abstained": "INTEGER NOT NULL DEFAULT 0"}
INDEXES = (
    "CREATE UNIQUE INDEX IF NOT EXISTS feedback_message ON feedback (session, message) WHERE message != ''",
    "CREATE INDEX IF NOT EXISTS feedback_created ON feedback (created_at)",
)
SCHEMA_VERSION = 1
# the columns of version 1 come last, so a spreadsheet made from an older export keeps its columns
COLUMNS = (
    "id",
    "created_at",
    "session",
    "question",
    "answer",
    "citations",
    "rating",
    "comment",
    "message",
    "abstained",
)
TEXT_COLUMNS = ("question", "answer", "comment")  # free text: masked before it is stored
MAX_COMMENT = 2000
MAX_TEXT = 20_000  # a comment is cut here, masked, then cut to MAX_COMMENT: a number cut in two lies far past the end
MAX_MESSAGE = 64
KEEP_DAYS = 180
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Topic:
    """Questions that went unanswered or got 👎, grouped by wording (``FeedbackStore.summary``)."""

    question: str  # the newest wording, masked
    count: int
    abstained: int  # how many of them the assistant abstained on
    disliked: int  # how many got 👎
    last_at: str  # newest created_at (UTC, ISO 8601)
    comments: tuple[str, ...]  # non-empty comments, newest first, at most 3


class FeedbackStore:
    def __init__(self, path: Path, *, keep_days: int | None = KEEP_DAYS, helplines: Sequence[str] = ()) -> None:
        """Open (or create) the store; ``keep_days`` is how long a rating is kept (None = for ever);
        ``helplines``: the numbers the documents give, which masking leaves as written."""
        if keep_days is not None and keep_days < 1:
            raise ValueError("keep_days must be at least 1 (or None to keep every row)")
        self.path = path
        self.keep_days = keep_days
        self.helplines = list(helplines)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(path.parent, 0o700)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))  # exists, owner-only, before SQLite opens it
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")  # one process migrates, the others wait and see the new version
            if db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                self._migrate(db, self.helplines)
            self._purge(db, dt.datetime.now(dt.UTC))
        for p in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
            with suppress(FileNotFoundError):  # -wal/-shm exist only while a connection is open
                os.chmod(p, 0o600)  # new ones: SQLite gives -wal/-shm the database file's mode

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)  # transactions are explicit
        try:
            db.execute("PRAGMA busy_timeout=30000")
            yield db
            if db.in_transaction:
                db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            db.close()

    @staticmethod
    def _migrate(db: sqlite3.Connection, helplines: Sequence[str]) -> None:
        db.execute(SCHEMA)
        have = {row[1] for row in db.execute("PRAGMA table_info(feedback)")}
        for name, decl in NEW_COLUMNS.items():
            if name not in have:
                db.execute(f"ALTER TABLE feedback ADD COLUMN {name} {decl}")
        for statement in INDEXES:
            db.execute(statement)
        rows = db.execute(f"SELECT id, {', '.join(TEXT_COLUMNS)} FROM feedback").fetchall()
        for row_id, *texts in rows:  # rows stored before masking existed
            masked = [mask(t, helplines) for t in texts]
            if masked != texts:
                assignments = ", ".join(c + " = ?" for c in TEXT_COLUMNS)
                db.execute(f"UPDATE feedback SET {assignments} WHERE id = ?", (*masked, row_id))
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _purge(self, db: sqlite3.Connection, now: dt.datetime) -> int:
        if self.keep_days is None:
            return 0
        cutoff = (now - dt.timedelta(days=self.keep_days)).astimezone(dt.UTC).isoformat(timespec="seconds")
        return db.execute("DELETE FROM feedback WHERE created_at < ?", (cutoff,)).rowcount

    def purge(self, now: dt.datetime | None = None) -> int:
        """Delete the rows older than ``keep_days`` before ``now`` (default: the current time); returns how many."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            return self._purge(db, now or dt.datetime.now(dt.UTC))

    def add(
        self,
        *,
        question: str,
        answer: str,
        citations: list[str],
        rating: int,
        comment: str,
        session: str,
        message: str | None = None,
        abstained: bool = False,
    ) -> int:
        """Store one rating (+1 or -1) of one answer; returns its row id.

        ``message`` identifies the answer within the session (the web chat's per-answer id); rating the
        same (session, message) again replaces that row. Without it, the answer is identified by its
        masked question and answer text.
        """
        if rating not in (-1, 1):
            raise ValueError("rating must be 1 (👍) or -1 (👎)")
        if message is not None and len(message) > MAX_MESSAGE:
            raise ValueError(f"message id is longer than {MAX_MESSAGE} characters")
        question, answer = mask(question, self.helplines), mask(answer, self.helplines)
        comment = mask(comment[:MAX_TEXT], self.helplines)[:MAX_COMMENT]
        if not message:
            message = "auto-" + hashlib.sha256(f"{question}\0{answer}".encode()).hexdigest()[:16]
        now = dt.datetime.now(dt.UTC)
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            self._purge(db, now)
            cur = db.execute(
                "INSERT INTO feedback (created_at, session, question, answer, citations, rating, comment, message,"
                " abstained) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (session, message) WHERE message != '' DO UPDATE SET created_at = excluded.created_at,"
                " question = excluded.question, answer = excluded.answer, citations = excluded.citations,"
                " rating = excluded.rating, comment = excluded.comment, abstained = excluded.abstained"
                " RETURNING id",
                (
                    now.isoformat(timespec="seconds"),
                    session,
                    question,
                    answer,
                    json.dumps(citations, ensure_ascii=False),
                    rating,
                    comment,
                    message,
                    int(abstained),
                ),
            )
            return int(cur.fetchone()[0])

    def rows(self) -> list[dict[str, Any]]:
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            return [dict(r) for r in db.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id")]

    def count(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])

    def export_csv(self, out: TextIO) -> int:
        """Write every row as CSV (UTF-8, header first); returns the number of rows.

        A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading '.
        """
        rows = self.rows()
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows({k: csv_safe(v) for k, v in r.items()} for r in rows)
        return len(rows)

    def export_file(self, path: Path) -> int:
        """``export_csv`` into ``path``, created or truncated owner-only (0600); its folder must exist."""
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)  # an existing file keeps its mode otherwise
        with open(fd, "w", encoding="utf-8", newline="") as f:
            return self.export_csv(f)

    def summary(self, limit: int = 50) -> list[Topic]:
        """What the helpline should see: abstained or 👎 questions grouped by wording, newest group first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT question, rating, abstained, comment, created_at FROM feedback"
                " WHERE abstained = 1 OR rating = -1 ORDER BY created_at DESC, id DESC"
            ).fetchall()
        groups: dict[str, list[tuple[str, int, int, str, str]]] = {}
        for row in rows:  # newest first, so each group's first row is its newest
            groups.setdefault(normalize(row[0]), []).append(row)
        return [
            Topic(
                question=g[0][0],
                count=len(g),
                abstained=sum(1 for r in g if r[2]),
                disliked=sum(1 for r in g if r[1] == -1),
                last_at=g[0][4],
                comments=tuple(r[3] for r in g if r[3])[:3],
            )
            for g in list(groups.values())[:limit]
        ]


def csv_safe(value: Any) -> Any:
    """A text cell made inert for spreadsheets: ``'=1+1'`` → ``"'=1+1"``; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def normalize(question: str) -> str:
    """The wording that groups questions: NFKC, case-folded, letters and digits only."""
    text = unicodedata.normalize("NFKC", question).casefold()
    return "".join(c for c in text if unicodedata.category(c)[0] in "LN")


def feedback_path(data_dir: Path) -> Path:
    return data_dir / "feedback.sqlite3"
