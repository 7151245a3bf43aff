"""``assistant ask --json --batch FILE``: one answer object per input line, in the same order.

A line is a plain question or a conversation row, a JSON object (CONTRACT.md, "Batch input")::

    {"id": "q7", "session": "caller-42", "question": "工程师我能报吗？"}

Rows that share a ``session`` are one conversation, answered in file order; a row without
``session``, and every plain line, stands alone. Each object echoes the row's ``id`` and
``session`` when given. Only ``\\n`` ends a line (U+2028, form feed, NEL or a lone CR are part of
the line). A line that cannot be answered (blank, too long, a JSON row that is malformed or lacks
``question``) still gets its object, with ``"abstained": true`` and an ``"error"`` field.

    >>> [item.question for item in parse_lines('咨询电话？\\u2028\\r\\n{"id": 1, "question": "几月答辩？"}\\n')]
    ['咨询电话？\\u2028', '几月答辩？']
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, StrictInt, StrictStr, ValidationError

from .. import messages as M
from ..pipeline import Assistant, BadQuestion, Session
from ..settings import brief

Key = str | int


class Row(BaseModel):
    """A conversation row; ``id`` and ``session`` are echoed as given."""

    model_config = ConfigDict(extra="forbid")
    question: StrictStr
    id: StrictStr | StrictInt | None = None
    session: StrictStr | StrictInt | None = None


@dataclass
class Item:
    question: str  # the row's question, or the line itself
    echo: dict[str, Any] = field(default_factory=dict)  # id / session, as the row gave them
    error: str = ""  # why the line cannot be asked at all

    @property
    def session(self) -> Key | None:
        key = self.echo.get("session")
        return key if isinstance(key, str | int) else None


def parse_lines(text: str) -> list[Item]:
    """One ``Item`` per line; only ``\\n`` ends a line (a CR before it is dropped)."""
    lines = text.split("\n")
    if lines[-1] == "":  # the newline that ends the last line
        lines.pop()
    return [parse_line(line.removesuffix("\r")) for line in lines]


def parse_line(line: str) -> Item:
    """A plain question, or (starting with ``{``) a conversation row."""
    if not line.lstrip().startswith("{"):
        return Item(line)
    try:
        raw = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        msg = f"{exc.msg} (column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        return Item(line, error=f"row is not valid JSON: {msg}")
    if not isinstance(raw, dict):
        return Item(line, error="row must be a JSON object")
    echo = {k: raw[k] for k in ("id", "session") if k in raw and isinstance(raw[k], str | int | None)}
    try:
        row = Row.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "row"
        return Item(line, echo=echo, error=f"row: {brief(where)[1:-1]}: {err['msg']}")
    return Item(row.question, echo={k: getattr(row, k) for k in ("id", "session") if k in row.model_fields_set})


def answer_all(bot: Assistant, items: list[Item]) -> Iterator[dict[str, Any]]:
    """The answer object of each item, in order; rows of one session share its state."""
    sessions: dict[Key, Session] = {}
    for item in items:
        if item.error:
            yield _failed(item, item.error, M.ABSTAIN_BAD_ROW)
            continue
        key = item.session
        session = None if key is None else sessions.setdefault(key, bot.new_session())
        try:
            yield {**item.echo, **bot.ask(item.question, session=session).to_dict()}
        except BadQuestion as exc:
            yield _failed(item, str(exc), M.ABSTAIN_EMPTY)


def _failed(item: Item, error: str, answer: str) -> dict[str, Any]:
    return {
        **item.echo,
        "question": item.question,
        "answer": answer,
        "abstained": True,
        "citations": [],
        "tool_calls": [],
        "latency_ms": 0.0,
        "error": error,
    }
