"""The part a person played in a thing, against the part a grade's clause requires of it.

The standard asks 工程师 for papers "作为参与人" and 高级工程师 for papers "作为第一作者" and projects
"作为主要负责人"; a question states a part ("论文我是第三作者", "只是作为一般参与人跟着运营项目") and asks
whether it counts. The answer is yes when the stated part is at least the one required, no otherwise,
quoting the phrase of the clause that requires it.

    >>> roles_stated("论文我是第三作者，这个能算吗"), roles_stated("我只是作为一般参与人跟着运营项目")
    ([(1, '论文')], [(1, '项目')])
    >>> roles_stated("评高工，我是第二作者能算吗")
    [(1, '论文')]
    >>> roles_required("或作为第一作者在国内外核心期刊上发表有重要学术价值的专业论文")
    [(3, '论文')]
"""

from __future__ import annotations

import re

from ..ingest.clauses import Clause
from .draft import Context, Draft, on_topic, pool, segments, yes_no_draft
from .shapes import part_asked
from .understand import Question
from .yesno import Reading, grade_level

# the parts, from taking part to leading (第N作者 after the first is taking part)
ROLE_RANK = {
    "一般参与人": 1, "普通参与人": 1, "参与人": 1, "参与者": 1, "参与": 1, "第二作者": 1, "其他作者": 1,
    "主要参与人": 2, "主要完成人": 2, "通讯作者": 2,
    "主要负责人": 3, "项目主要负责人": 3, "负责人": 3, "主持": 3, "主持人": 3, "主要著作者": 3, "第一作者": 3,
    "独立作者": 3,
}  # fmt: skip
ROLE = re.compile("|".join(sorted(ROLE_RANK, key=len, reverse=True)) + r"|第([三四五六七八九十\d])作者")
THINGS = {"论文": "论文", "文章": "论文", "专著": "专著", "著作": "专著", "项目": "项目", "合同": "合同",
          "报告": "报告", "课题": "课题", "方案": "方案", "协议": "协议", "教材": "教材"}  # fmt: skip
THING = re.compile("|".join(THINGS))
PIECE = re.compile(r"或|；|;|。")  # the clause's alternatives, each with its own part
WINDOW = 14  # characters between a part and the thing it is said of
# asks whether the part is required ("必须是第一作者吗", "论文要第一作者吗", "得是主要负责人吗")
REQUIRED = re.compile(rf"必须|一定要|一定得|非得|非要|要求|只能|只有|(?:要|得|需)(?:是|当|作为|做)?(?:{ROLE.pattern})")
DENIED = re.compile(r"(?:不是|并非|没当|没有当|不算)\s*$")


def _rank(m: re.Match[str]) -> int:
    return 1 if m[1] else ROLE_RANK[m[0]]


def roles_stated(text: str) -> list[tuple[int, str]]:
    """(part, thing) pairs the question states it played, not those it denies ("不是第一作者")."""
    out = []
    for clause in re.split(r"[，,。；;！!？?]", text):
        for m in ROLE.finditer(clause):
            if DENIED.search(clause[: m.start()]):
                continue
            before = list(THING.finditer(clause, 0, m.start()))
            thing = THING.search(clause, m.end(), m.end() + WINDOW) or (before[-1] if before else None)
            if thing is None and (near := THING.search(text)):
                thing = near  # "论文我是第三作者": the thing named in the message
            if thing is not None:
                out.append((_rank(m), THINGS[thing[0]]))
            elif m[0].endswith("作者"):  # "我是第二作者能算吗": an author's thing is a paper
                out.append((_rank(m), "论文"))
    return list(dict.fromkeys(out))


def roles_required(sentence: str) -> list[tuple[int, str]]:
    """(part, thing) pairs a clause's sentence requires, one alternative ("或作为…") at a time."""
    out = []
    for piece in PIECE.split(sentence):
        m = ROLE.search(piece)
        if m is None:
            continue
        out += [(_rank(m), THINGS[t[0]]) for t in THING.finditer(piece, m.end())]
    return list(dict.fromkeys(out))


def by_role(ctx: Context, q: Question, stated: list[tuple[int, str]], hits: list[Clause]) -> Draft | None:
    """Yes when the grade's clause takes the thing from a part no higher than the one stated; no when
    every alternative that names the thing requires a higher one. Only for a question about one grade."""
    if len(q.grades) != 1:
        return None
    part = part_asked(q)  # "…这样的业绩算吗": in the grade's clause for 业绩
    entry = ctx.book.rules["grades"].get(q.grades[0], {}).get(part) if part else None
    for rank, thing in stated:
        for rec in on_topic(ctx, q, pool(ctx, hits)):
            if ctx.round.grade_of(rec.id) != q.grade:
                continue
            if entry and not (rec.id == entry["clause"] or rec.id.startswith(entry["clause"] + "-")):
                continue
            for sent in segments(rec.full_text, rec.label):
                need = [r for r, t in roles_required(sent) if t == thing]
                if need:  # "…第三作者能算吗": enough; "必须是第一作者吗": required
                    holds = min(need) >= rank if REQUIRED.search(q.asked) else rank >= min(need)
                    reading = Reading(holds, "role", [])
                    return yes_no_draft(ctx, q, rec, sent, reading, grade_level(q.grades))
    return None
