"""Split a document into clauses along the Chinese numbering hierarchy.

Levels, outermost first: ``一、`` / ``（一）`` / ``1.`` / ``（1）``. A line without a marker
continues the clause above it. Each clause gets a stable id (document id plus the ordinal of
each level, e.g. ``standards-3-1-2-3``) and a heading path
(``三、高级工程师 > （一）基本条件 > 2.学历和专业工作经历应符合下列条件之一 > （3）``).

    >>> from assistant.corpus import Document
    >>> doc = Document(id="d", title="T", text="T\\n一、范围\\n（一）时间。7月。\\n（1）本科满5年；")
    >>> [(c.id, c.section) for c in parse_clauses(doc)]
    [('d-1', '一、范围'), ('d-1-1', '一、范围 > （一）时间'), ('d-1-1-1', '一、范围 > （一）时间 > （1）')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .corpus import Document

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# (level, pattern); the marker is group 1, its number group 2
LEVELS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(r"^(([一二三四五六七八九十]+)、)")),
    (2, re.compile(r"^(（([一二三四五六七八九十]+)）)")),
    (3, re.compile(r"^((\d+)[.．、])(?!\d)")),
    (4, re.compile(r"^(（(\d+)）)")),
)
MAX_TITLE_CHARS = 20
PREAMBLE_ID = "0"
PREAMBLE_LABEL = "引言"


@dataclass
class Clause:
    """A numbered clause: its own lines (verbatim), with the children parsed separately."""

    id: str
    doc_id: str
    doc_title: str
    level: int
    marker: str
    label: str
    path: tuple[str, ...]
    lines: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)  # ids
    parent: str | None = None

    @property
    def text(self) -> str:
        """The clause's own text, verbatim (its lines joined by newlines)."""
        return "\n".join(self.lines)

    @property
    def section(self) -> str:
        return " > ".join(self.path)

    @property
    def is_heading_only(self) -> bool:
        """True when the clause says nothing beyond its label (``一、助理工程师``)."""
        return self.text.strip() == self.label

    @property
    def is_list_intro(self) -> bool:
        """True for ``…符合下列条件之一：`` lines whose content is in the children."""
        return bool(self.children) and self.text.rstrip().endswith(("：", ":"))


def _to_int(num: str) -> int:
    if num.isdigit():
        return int(num)
    if num in CN_DIGITS:
        return CN_DIGITS[num]
    if num.startswith("十"):  # 十一 … 十九
        return 10 + CN_DIGITS.get(num[1:], 0)
    tens, _, ones = num.partition("十")  # 二十, 二十一
    return CN_DIGITS[tens] * 10 + (CN_DIGITS[ones] if ones else 0)


def _match_marker(line: str) -> tuple[int, str, int] | None:
    for level, pat in LEVELS:
        m = pat.match(line)
        if m:
            return level, m.group(1), _to_int(m.group(2))
    return None


def _label(marker: str, rest: str) -> str:
    """The heading label: the marker plus a short title where the clause has one.

    ``一、助理工程师`` and ``（一）时间安排。……`` have titles; so has a short list intro
    (``2.学历和专业工作经历符合下列条件之一：``); a plain item (``（3）大学本科毕业后…``) has none.
    """
    rest = rest.strip()
    if not re.search(r"[。：:；;，,]", rest) and len(rest) <= MAX_TITLE_CHARS:
        return marker + rest
    head, sep, _ = rest.partition("。")
    if sep and len(head) <= MAX_TITLE_CHARS and not re.search(r"[：:；;，,]", head):
        return marker + head
    if rest.endswith(("：", ":")) and len(rest) <= MAX_TITLE_CHARS + 4:
        return marker + rest[:-1]
    return marker


def _body_lines(doc: Document) -> list[str]:
    """The document's lines after its title (which may span several lines)."""
    lines = doc.text.splitlines()
    title = re.sub(r"\s+", "", doc.title)
    seen = ""
    i = 0
    while i < len(lines):
        s = re.sub(r"\s+", "", lines[i])
        if not s and not seen:
            i += 1
            continue
        if s and title.startswith(seen + s) and seen != title:
            seen += s
            i += 1
            continue
        break
    return lines[i:]


def parse_clauses(doc: Document) -> list[Clause]:
    """All clauses of ``doc`` in reading order (a preamble first, if the text has one)."""
    clauses: list[Clause] = []
    by_id: dict[str, Clause] = {}
    stack: list[tuple[int, int, Clause]] = []  # (level, ordinal, clause)
    current: Clause | None = None
    for raw in _body_lines(doc):
        line = raw.strip()
        if not line:
            continue
        hit = _match_marker(line)
        if hit is None:
            if current is None:
                current = Clause(
                    id=f"{doc.id}-{PREAMBLE_ID}",
                    doc_id=doc.id,
                    doc_title=doc.title,
                    level=0,
                    marker="",
                    label=PREAMBLE_LABEL,
                    path=(PREAMBLE_LABEL,),
                )
                clauses.append(current)
                by_id[current.id] = current
            current.lines.append(line)
            continue
        level, marker, ordinal = hit
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][2] if stack else None
        ordinals = [str(o) for _, o, _ in stack] + [str(ordinal)]
        cid = f"{doc.id}-" + "-".join(ordinals)
        while cid in by_id:  # a repeated numbering: keep ids unique and stable
            cid += "b"
        label = _label(marker, line[len(marker) :])
        if parent is None:
            path: tuple[str, ...] = (label,)
        elif parent.label == parent.marker:  # an untitled parent: "2." + "（3）" -> "2.（3）"
            path = parent.path[:-1] + (parent.path[-1] + label,)
        else:
            path = parent.path + (label,)
        current = Clause(
            id=cid,
            doc_id=doc.id,
            doc_title=doc.title,
            level=level,
            marker=marker,
            label=label,
            path=path,
            lines=[line],
            parent=parent.id if parent else None,
        )
        if parent:
            parent.children.append(cid)
        clauses.append(current)
        by_id[cid] = current
        stack.append((level, ordinal, current))
    return clauses


def clause_full_text(clause: Clause, by_id: dict[str, Clause]) -> str:
    """The clause with all its descendants, verbatim, in reading order."""
    parts = [clause.text]
    for cid in clause.children:
        parts.append(clause_full_text(by_id[cid], by_id))
    return "\n".join(p for p in parts if p)
