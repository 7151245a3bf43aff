"""HTML for the web app, rendered from the typed ``Answer`` (never by parsing its text).

Every text is escaped before it is placed; ``[n]`` markers become links to the same answer's own
source n (``data-n``), which the page's script opens, scrolls to and highlights.

    >>> cites("截止日期为7月17日[1]。<b>")
    '截止日期为7月17日<a class="cite" href="#" data-n="1">[1]</a>。&lt;b&gt;'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ... import messages as M
from ...answer import Answer, Kind

MARK = re.compile(r"\[(\d+)\]")
FOLDED = ("condition", "assumption")  # a grade check's details: behind "逐条核对"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def cites(text: str) -> str:
    """Escape ``text`` and turn each [n] into a link to source n of the same answer."""
    return MARK.sub(lambda m: f'<a class="cite" href="#" data-n="{m[1]}">[{m[1]}]</a>', html.escape(text, quote=False))


def verdict(answer: Answer) -> str | None:
    """The eligibility verdict of a grade-check answer (``eligible`` …), else None (also for "能报什么级别",
    one check per grade: no one verdict)."""
    if answer.kind != Kind.GRADE_CHECK or len(answer.tool_calls) != 1:
        return None
    value = answer.tool_calls[0].result.get("verdict")
    return value if value in M.WEB_VERDICT_BADGE else None


def sources_html(answer: Answer) -> str:
    """The answer's own cited clauses, verbatim, with section path and clause id (anchors per answer)."""
    if not answer.citations:
        return ""
    rows = []
    for n, c in enumerate(answer.citations, start=1):
        text = esc(c.text)
        rows.append(
            f'<div class="src" data-n="{n}"><div class="src-head"><b>[{n}]</b> 《{esc(c.short or c.source)}》'
            f'<span class="src-path">{esc(c.section)}</span> <code class="src-id">{esc(c.id)}</code></div>'
            f'<div class="src-text">{text}</div><a class="back" href="#">{esc(M.WEB_BACK)}</a></div>'
        )
    summary = esc(M.WEB_SOURCES.format(n=len(answer.citations)))
    return f'<details class="srcs"><summary>{summary}</summary>{"".join(rows)}</details>'


def answer_html(answer: Answer, round_note: str = "") -> str:
    """Lead first (with a verdict badge for grade checks), the next question, details folded, sources."""
    out = []
    v = verdict(answer)
    if v:
        out.append(f'<span class="badge v-{v}">{esc(M.WEB_VERDICT_BADGE[v])}</span>')
    out.append(f'<p class="lead">{cites(answer.lead)}</p>')
    shown = [p for p in answer.body if p.role not in FOLDED]
    folded = [p for p in answer.body if p.role in FOLDED]
    for part in shown:
        if part.role == "follow_up":
            out.append(f'<p class="next"><b>{esc(M.WEB_NEXT_QUESTION)}</b>{cites(part.text)}</p>')
        else:
            out.append(f'<p class="part">{cites(part.text)}</p>')
    notes = [n for n in answer.notes if n and n.strip() != round_note.strip()]  # the banner says the round note
    if folded:
        lines = "".join(f'<li class="{esc(p.role)}">{cites(p.text.lstrip("· "))}</li>' for p in folded)
        title = M.WEB_DETAILS.format(n=sum(1 for p in folded if p.role == "condition"))
        out.append(f'<details class="more"><summary>{esc(title)}</summary><ul>{lines}</ul></details>')
    out.extend(f'<p class="note">{cites(n)}</p>' for n in notes)
    out.append(sources_html(answer))
    return "".join(out)


@dataclass
class Turn:
    """One question and what was shown for it; ``id`` is the message id feedback is stored under."""

    id: str
    question: str
    answer: Answer | None = None
    error: str = ""  # a message shown instead of an answer (too long, busy…): nothing to rate
    rating: int = 0
    commented: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pending(self) -> bool:
        return self.answer is None and not self.error


def turn_html(turn: Turn, round_note: str) -> str:
    state = "pending" if turn.pending else ("error" if turn.error else "answered")
    out = [f'<article class="turn" id="turn-{esc(turn.id)}" data-msg="{esc(turn.id)}" data-state="{state}">']
    out.append(f'<div class="q">{esc(turn.question)}</div><div class="a">')
    if turn.pending:
        out.append(f'<p class="pending">{esc(M.WEB_PENDING)}</p>')
    elif turn.error:
        out.append(f'<p class="error">{esc(turn.error)}</p>')
    else:
        assert turn.answer is not None
        out.append(answer_html(turn.answer, round_note))
        out.append(feedback_html(turn))
    out.append("</div></article>")
    return "".join(out)


def feedback_html(turn: Turn) -> str:
    pressed = {1: ' aria-pressed="true"', -1: ' aria-pressed="true"'}
    up = pressed[1] if turn.rating == 1 else ""
    down = pressed[-1] if turn.rating == -1 else ""
    status = M.WEB_RATED.get(turn.rating, "") + (M.WEB_RATED_COMMENT if turn.commented else "")
    return (
        '<div class="fb">'
        f'<button class="rate" data-rating="1"{up}>{esc(M.WEB_RATE_UP)}</button>'
        f'<button class="rate" data-rating="-1"{down}>{esc(M.WEB_RATE_DOWN)}</button>'
        f'<textarea class="comment" rows="1" maxlength="500" aria-label="意见"'
        f' placeholder="{esc(M.WEB_COMMENT_PLACEHOLDER)}"></textarea>'
        f'<span class="fb-status" role="status">{esc(status)}</span></div>'
    )


def conversation_html(turns: Sequence[Turn], round_note: str) -> str:
    if not turns:
        return f'<div class="conv"><p class="hello">{esc(M.WEB_EMPTY_CHAT)}</p></div>'
    return '<div class="conv">' + "".join(turn_html(t, round_note) for t in turns) + "</div>"


def check_html(answer: Answer | None, error: str = "", round_note: str = "") -> str:
    """The eligibility form's result: the same view as a grade check in the chat, with its own sources."""
    if error:
        inner = f'<div class="a"><p class="error">{esc(error)}</p></div>'
        return f'<div class="conv"><article class="turn" data-state="error">{inner}</article></div>'
    if answer is None:
        return f'<div class="conv"><p class="hello">{esc(M.WEB_CHECK_EMPTY)}</p></div>'
    body = answer_html(answer, round_note)
    return f'<div class="conv"><article class="turn" data-state="answered"><div class="a">{body}</div></article></div>'


# ---- staff desk ------------------------------------------------------------------------------------
def copy_ready(answer: Answer) -> str:
    """The answer as text to paste: lead, body and notes once each, then where it comes from (no second quote)."""
    lines = [answer.lead, *(p.text for p in answer.body), *answer.notes]
    seen: set[str] = set()
    kept = []
    for line in lines:
        if line and line not in seen:
            seen.add(line)
            kept.append(line)
    if answer.citations:
        kept.append(M.WEB_SHORT_SOURCES)
        kept.extend(
            M.WEB_SHORT_SOURCE.format(n=n, source=c.short or c.source, section=c.section, id=c.id)
            for n, c in enumerate(answer.citations, start=1)
        )
    return "\n".join(kept)


@dataclass(frozen=True)
class Hit:
    rank: int
    id: str
    source: str
    section: str
    text: str  # the whole clause (with its items when it introduces a list)
    score: float
    strength: str  # high | medium | low


def hits_html(hits: Iterable[Hit]) -> str:
    rows = []
    for h in hits:
        label = esc(M.WEB_STRENGTH_LABEL.format(level=M.WEB_STRENGTH[h.strength]))
        rows.append(
            f'<article class="hit"><div class="hit-head"><b>{h.rank}.</b> '
            f'<span class="strength s-{h.strength}" title="{esc(M.WEB_STRENGTH_HELP)}">{label}</span> '
            f'<code>{esc(h.id)}</code> 《{esc(h.source)}》<span class="src-path">{esc(h.section)}</span>'
            f'<span class="score">（分值 {h.score:.4f}）</span></div>'
            f'<div class="src-text">{esc(h.text)}</div></article>'
        )
    return '<div class="hits">' + "".join(rows) + "</div>" if rows else ""


def topics_rows(topics: Iterable[Any]) -> list[list[Any]]:
    """``FeedbackStore.summary()`` as table rows (already masked by the store)."""
    return [[t.question, t.count, t.abstained, t.disliked, t.last_at, " / ".join(t.comments)] for t in topics]


def topics_html(rows: Sequence[Sequence[Any]]) -> str:
    if not rows:
        return f"<p>{esc(M.WEB_OPEN_NONE)}</p>"
    head = "".join(f"<th>{esc(h)}</th>" for h in M.WEB_OPEN_HEADERS)
    body = "".join("<tr>" + "".join(f"<td>{esc(str(v))}</td>" for v in row) + "</tr>" for row in rows)
    return f'<table class="topics"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
