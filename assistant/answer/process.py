"""How to apply, as a whole: the round's steps in order with their dates, then the clause the
documents give for the procedure itself.

"怎么申报", "申报流程是什么", "要走哪些步骤" ask for the process, not for one date or one grade's
conditions. The notice's schedule clause lists the steps (个人网上申报 → 单位审核推荐 → 评审机构审核 →
答辩评审) and the clause headed 具体流程 says where the detailed procedure is laid down; the answer
joins both, each cited, and says what the documents do not describe (how to register, pay, upload).

    >>> bool(PROCESS_ASKED.search("申报流程是什么")), bool(PROCESS_ASKED.search("具体怎么报名"))
    (True, True)
    >>> bool(STEP_NAMED.search("答辩流程是怎样的")), bool(PROCESS_ASKED.search("高工怎么评"))
    (True, False)
    >>> bool(PROCESS_ASKED.search("哪些环节会发")), bool(PROCESS_ASKED.search("申报要走哪些步骤"))
    (False, True)
"""

from __future__ import annotations

import re

from .. import messages as M
from ..dates import span_text
from ..ingest.clauses import Clause
from .draft import Context, Draft, dated_items, heading
from .model import Kind, Sources
from .notes import past_round_note
from .understand import Question
from .yesno import is_yes_no, levels_in

PROCESS_ASKED = re.compile(
    r"(?:流程|步骤|环节|程序|手续)(?:是什么|是怎样的?|是怎么样的?|是啥|有哪些|有啥|怎么走|如何)?[呢吗啊呀吧？?。！!\s]*$"
    r"|(?:怎么|怎样|如何|咋)(?:样)?(?:去|来)?(?:申报|报名|报(?!销)|参评|参加评审)|申报方式|报名方式"
)
# a single step named ("答辩流程", "缴费步骤", "公示程序"): that step, not the whole process
STEP_NAMED = re.compile(r"答辩|审核|推荐|公示|缴费|交费|注册|登录|登陆|上传|填报|补充说明|短信|评审结果")
PROCEDURE_HEADING = re.compile(r"流程|程序")


def asks_process(q: Question) -> bool:
    """Whether ``q`` asks how to apply as a whole (no grade, no person's facts, no single step named)."""
    return bool(PROCESS_ASKED.search(q.asking)) and not (
        q.grades or q.education or q.held or STEP_NAMED.search(q.asked) or is_yes_no(q.asking)
    )


def process(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """The round's steps in order and the clause on the procedure, or None when ``q`` asks something else."""
    if not asks_process(q):
        return None
    window = ctx.round.window
    if window is None:
        return None
    rec = ctx.corpus.clauses[window.clause]
    year = rec.doc_year or window.year
    items = dated_items(ctx, set(), rec, year)
    if len(items) < 2:
        return None
    src = Sources()
    cite = src.cite(rec)  # the whole schedule: its steps and the levels that defend
    steps_text = "".join(seg for *_, seg in items)
    levels = next((s.strip() for s in re.split(r"[。；;]", rec.text) if levels_in(s) and s not in steps_text), "")
    steps = " → ".join(f"{a}（{span_text(s)}）" for _, a, s, _ in items)
    lead = M.PROCESS_STEPS.format(year=year, steps=steps, cite=cite)
    if levels:
        lead += M.PROCESS_LEVELS.format(quote=levels, cite=cite)
    rule = _procedure_clause(ctx, rec)
    if rule is not None:
        title = heading(rule)
        said = (rule.text[len(title) :].lstrip("。． ") or rule.text).rstrip("。")
        name = title[len(rule.marker) :].rstrip("。． ")
        lead += M.PROCESS_RULE.format(name=name, quote=said, cite=src.cite(rule, said if said in rule.text else None))
    lead += M.PROCESS_NOT_DESCRIBED.format(phones=M.PHONE_SEP.join(ctx.round.helplines))
    notes = (
        [past_round_note(year, ctx.round, ctx.today)]
        if all(s.status(ctx.today) == "past" for *_, s, _ in items)
        else []
    )
    return Draft(Kind.LIST, lead, src, notes=notes)


def _procedure_clause(ctx: Context, schedule: Clause) -> Clause | None:
    """The clause of the schedule's document headed as the procedure ("（二）具体流程及工作要求")."""
    for c in ctx.corpus.clauses.values():
        if (
            c.doc_id == schedule.doc_id
            and c.id != schedule.id
            and not c.children
            and PROCEDURE_HEADING.search(heading(c))
        ):
            return c
    return None
