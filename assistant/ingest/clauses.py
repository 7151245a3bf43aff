"""Split a document into clauses along the Chinese numbering hierarchy.

Levels, outermost first: ``一、`` / ``（一）`` / ``1.`` / ``（1）``. A line without a marker
continues the clause above it. Each clause gets a stable id (document id plus the ordinal of
each level, e.g. ``standards-3-1-2-3``) and a heading path
(``三、高级工程师 > （一）基本条件 > 2.学历和专业工作经历应符合下列条件之一 > （3）``).
``Clause`` is the one clause type of the project: the index, the rules, the answers and the
eval all use it.

    >>> from assistant.ingest.documents import Document
    >>> doc = Document(id="d", title="T", text="T\\n一、范围\\n（一）时间。7月。\\n（1）本科满5年；")
    >>> [(c.id, c.section) for c in parse_clauses(doc)]
    [('d-1', '一、范围'), ('d-1-1', '一、范围 > （一）时间'), ('d-1-1-1', '一、范围 > （一）时间 > （1）')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import cn_number
from .documents import Document

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
    """A numbered clause: its own lines (verbatim), its place in the document and in the hierarchy."""

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
    doc_short: str = ""
    doc_kind: str = "document"
    doc_year: int | None = None
    full_text: str = ""  # the clause with its items when it introduces a list ("…之一："), else its text
    start: int = -1  # where ``text`` starts in the document (-1: not found verbatim)

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

    @property
    def indexed(self) -> bool:
        """A retrieval unit (heading-only clauses are not)."""
        return not self.is_heading_only

    @property
    def search_text(self) -> str:
        """What is embedded and BM25-indexed: the heading path, then the clause."""
        return f"{self.doc_title} > {self.section}\n{self.full_text}"


def _match_marker(line: str) -> tuple[int, str, int] | None:
    for level, pat in LEVELS:
        m = pat.match(line)
        if m:
            return level, m.group(1), int(cn_number(m.group(2)))
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

    def new(cid: str, level: int, marker: str, label: str, path: tuple[str, ...], lines: list[str]) -> Clause:
        short = doc.short or doc.title
        return Clause(
            cid,
            doc.id,
            doc.title,
            level,
            marker,
            label,
            path,
            lines,
            doc_short=short,
            doc_kind=doc.kind,
            doc_year=doc.year,
        )

    for raw in _body_lines(doc):
        line = raw.strip()
        if not line:
            continue
        hit = _match_marker(line)
        if hit is None:
            if current is None:
                cid = f"{doc.id}-{PREAMBLE_ID}"
                current = new(cid, 0, "", PREAMBLE_LABEL, (PREAMBLE_LABEL,), [])
                clauses.append(current)
                by_id[current.id] = current
            current.lines.append(line)
            continue
        level, marker, ordinal = hit
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][2] if stack else None
        cid = f"{doc.id}-" + "-".join([str(o) for _, o, _ in stack] + [str(ordinal)])
        while cid in by_id:  # a repeated numbering: keep ids unique and stable
            cid += "b"
        label = _label(marker, line[len(marker) :])
        if parent is None:
            path: tuple[str, ...] = (label,)
        elif parent.label == parent.marker:  # an untitled parent: "2." + "（3）" -> "2.（3）"
            path = parent.path[:-1] + (parent.path[-1] + label,)
        else:
            path = parent.path + (label,)
        current = new(cid, level, marker, label, path, [line])
        if parent:
            current.parent = parent.id
            parent.children.append(cid)
        clauses.append(current)
        by_id[cid] = current
        stack.append((level, ordinal, current))
    _locate(doc.text, clauses, by_id)
    return clauses


def _locate(doc_text: str, clauses: list[Clause], by_id: dict[str, Clause]) -> None:
    """Set each clause's ``full_text`` and its ``start`` in the document."""
    cursor = 0
    for c in clauses:
        c.full_text = full_text(c, by_id) if c.is_list_intro else c.text
        i = doc_text.find(c.text, cursor)
        c.start = i if i >= 0 else doc_text.find(c.text)
        cursor = max(cursor, c.start)


def full_text(clause: Clause, by_id: dict[str, Clause]) -> str:
    """The clause with all its descendants, verbatim, in reading order."""
    parts = [clause.text]
    for cid in clause.children:
        parts.append(full_text(by_id[cid], by_id))
    return "\n".join(p for p in parts if p)
