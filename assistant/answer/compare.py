"""Comparisons the documents settle by their numbers, not by their wording.

- The order of two dated steps ("个人申报截止和单位推荐截止哪个早", "答辩评审比单位审核推荐早吗"): the two
  steps are found in one dated clause (the schedule) and their dates compared; the answer says which
  comes first, both dates cited.
- Two grades' counts of one part ("高工要的成果跟工程师一样多吗"): the counts the rules give, both cited.
- Two grades' wording of one part ("中级和副高成果数量有啥区别", "工程师和高工的业绩要求分别是什么"): each
  grade's clause for it, side by side (the counts first when a count is asked).
- The step after a named one ("单位审完以后谁审", "网上申报结束后下一步是啥"): the schedule's next step.

    >>> claim("答辩比审核早吗"), claim("单位推荐是在个人申报之后吗"), claim("先申报后审核吗"), claim("哪个早")
    ('earlier', 'later', 'earlier', '')
    >>> basis("个人申报截止和单位推荐截止哪个早"), basis("哪个先开始"), basis("先答辩还是先审核")
    ('end', 'start', '')
    >>> [after_what(t) for t in ("单位审完以后谁审", "网上申报结束后下一步是啥", "毕业以后干几年", "答辩几月")]
    ['单位审', '网上申报', '', '']
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .. import messages as M
from ..dates import DateSpan, span_text
from ..ingest.clauses import Clause
from ..vocab import GRADE_LEVEL, vocabulary
from .draft import Context, Draft, dated_items
from .model import Kind, Sources
from .notes import past_round_note
from .shapes import PART_NAME, PARTS, part_cue
from .understand import Question
from .yesno import is_yes_no

# whether two things are alike ("在一个地方公示吗", "一样多吗") or not ("不一样吗")
DIFFERENT_ASKED = re.compile(r"不一样|不同|区别|差别|不一致")
SAME_ASKED = re.compile(r"一样|相同|同一|一个地方|一处|一起|一致|同样")
HOW_MANY = re.compile(r"数量|几项|多少|项数|一样多|[多少](?:吗|么|嘛|吧|呢)?$")
EACH_ASKED = re.compile(r"分别|各自|各是|各要|各需|都是(?:什么|啥|多少|几)")  # "…分别要几项"
MORE_ASKED, FEWER_ASKED = re.compile(r"比.{1,12}?(?:更|还)?多"), re.compile(r"比.{1,12}?(?:更|还)?少")
EARLY, LATE = "早|先|前|提前", "晚|迟|后"
# a question of order between two things: "A比B早吗", "A在B之后吗", "先A还是先B", "哪个先截止"
ORDER_ASKED = re.compile(
    rf"比.{{1,16}}?(?:更|还)?(?:{EARLY}|{LATE})|[早晚先后]于|在.{{1,16}}?(?:之|以)?(?:前|后)(?:面|头)?(?:吗|么|嘛|吧|呢|？|\?|$)"
    r"|先.{1,16}?(?:还是|后|再)|哪(?:个|一个|项|步)(?:更|比较)?(?:早|晚|先|后|在前|在后)|谁(?:先|早|晚)|顺序"
    r"|(?:相差|差|隔|间隔|相隔)了?(?:几|多少)天"  # "两个截止差几天": the days between them
    r"|同一天|同一时间|同时(?:截止|开始|结束)|一起(?:截止|开始|结束)|一样(?:截止|开始|结束)|(?:截止|开始|结束)(?:时间|日期)?(?:一样|相同)"
)
# "个人申报和单位推荐是同一天截止吗": whether two steps fall on the same day
SAME_DAY = re.compile(r"同一天|同一时间|同时|一起|一样|相同")
_CLAIM_EARLY = re.compile(
    rf"比.{{1,16}}?(?:更|还)?(?:{EARLY})|[早先]于|(?:之|以)?前(?:面|头)?(?:吗|么|嘛|吧|呢|？|\?|$)|^先|先.{{1,16}}?[后再]"
)
_CLAIM_LATE = re.compile(rf"比.{{1,16}}?(?:更|还)?(?:{LATE})|[晚后]于|(?:之|以)?后(?:面|头)?(?:吗|么|嘛|吧|呢|？|\?|$)")
_WH = re.compile(r"哪|谁|还是|顺序")


# "单位审完以后谁审", "个人申报完了接下来干啥", "网上申报结束后下一步是啥": the step after the one named
NEXT_ASKED = re.compile(
    r"^(?P<step>.{2,12}?)(?:完了?|结束了?|截止了?)?(?:之后|以后|后|过后|完了?)[，,\s]*"
    r"(?:呢|是|谁|什么|啥|哪|干|做|该|要|还有|下一步|接下来|然后|又)"
)
_NOT_NEXT = re.compile(r"几年|多少年|多久|多长|几天|满|毕业|取得|评上|拿到|职称")


def after_what(text: str) -> str:
    """The step ``text`` asks what comes after, or "" (not a question of the next step)."""
    m = NEXT_ASKED.search(text.strip())
    return "" if not m or _NOT_NEXT.search(text) else re.sub(r"(?:完了?|结束了?|截止了?)$", "", m["step"])


def next_step(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """The schedule's step after the one ``q`` names, both with their dates, cited; None when the
    step named is not the schedule's or is its last."""
    step = after_what(q.asking)
    if not step or ctx.round.window is None:
        return None
    rec = ctx.corpus.clauses[ctx.round.window.clause]
    items = dated_items(ctx, set(ctx.match.tokens(step)), rec, rec.doc_year or 0)
    best = max(range(len(items)), key=lambda i: items[i][0], default=None)
    if best is None or items[best][0] == 0 or best + 1 >= len(items):
        return None
    (_, a, sa, ga), (_, b, sb, gb) = items[best], items[best + 1]
    src = Sources()
    cite = src.cite(rec, "".join(sorted({ga, gb}, key=rec.text.find)))
    lead = M.NEXT_STEP.format(year=rec.doc_year, a=a, span_a=span_text(sa), b=b, span_b=span_text(sb), cite=cite)
    notes = [past_round_note(rec.doc_year or 0, ctx.round, ctx.today)] if sb.end < ctx.today else []
    return Draft(Kind.FACT, lead, src, notes=notes)


def claim(text: str) -> str:
    """What a yes/no question of order claims of the first thing it names: ``earlier``, ``later``,
    or "" (it asks which)."""
    if _WH.search(text):
        return ""
    if _CLAIM_LATE.search(text) and not re.search(r"先.{1,16}?[后再]", text):
        return "later"
    return "earlier" if _CLAIM_EARLY.search(text) else ""


def basis(text: str) -> str:
    """Which end of the two spans is compared: ``end`` (截止), ``start`` (开始) or "" (the whole span)."""
    if re.search(r"截止|截至|结束|关闭|到期", text):
        return "end"
    return "start" if re.search(r"开始|开放|启动|起", text) else ""


def _key(span: DateSpan, on: str) -> tuple[object, ...]:
    return (span.end,) if on == "end" else (span.start,) if on == "start" else (span.start, span.end)


def order(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """Which of the two dated steps the question names comes first, from one clause's dates."""
    if not ORDER_ASKED.search(q.asking):
        return None
    qtok = ctx.match.question_tokens(q)
    window = [ctx.corpus.clauses[ctx.round.window.clause]] if ctx.round.window else []
    for rec in [*hits[:3], *(c for c in window if c not in hits[:3])]:
        if not rec.doc_year:
            continue
        items = [it for it in dated_items(ctx, qtok, rec, rec.doc_year) if it[0] > 0]
        named: dict[str, Step] = {}  # the steps the question names, the best-matching first
        for _, activity, span, seg in sorted(items, key=lambda it: -it[0]):
            where = [q.asked.find(t) for t in ctx.match.tokens(activity) & qtok if t in q.asked]
            if where and activity not in named:
                named[activity] = Step(min(where), activity, span, seg)
        if len(named) >= 2:  # in the order the question names them
            first, second = sorted(list(named.values())[:2])
            return _draft(ctx, q, rec, first, second)
    return None


DAYS_ASKED = re.compile(r"(?<!哪)几天|多少天|几日|多少日")


def _by_day(span: DateSpan) -> bool:
    """Whether a span is dated to the day ("7月4日-7月17日"), not only to the month ("7月-8月")."""
    return "日" in span.text or "号" in span.text


def step_length(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """ "个人网上申报一共有几天": the days of a dated step, counted from its dates (both ends included)."""
    if not DAYS_ASKED.search(q.asking) or ctx.round.window is None:
        return None
    qtok = ctx.match.question_tokens(q)
    window = ctx.corpus.clauses[ctx.round.window.clause]
    for rec in [*hits[:3], *(c for c in [window] if c not in hits[:3])]:
        if not rec.doc_year:
            continue
        items = sorted((it for it in dated_items(ctx, qtok, rec, rec.doc_year) if it[0] > 0), key=lambda it: -it[0])
        if items and _by_day(items[0][2]):
            _, activity, span, seg = items[0]
            src = Sources()
            days = (span.end - span.start).days + 1
            lead = M.STEP_DAYS.format(
                year=rec.doc_year, activity=activity, span=span_text(span), n=days, cite=src.cite(rec, seg)
            )
            notes = [past_round_note(rec.doc_year, ctx.round, ctx.today)] if span.end < ctx.today else []
            return Draft(Kind.FACT, lead, src, notes=notes)
    return None


class Step(NamedTuple):
    at: int  # where the question names it
    activity: str
    span: DateSpan
    segment: str  # the clause's words for it


def _draft(ctx: Context, q: Question, rec: Clause, first: Step, second: Step) -> Draft:
    on = basis(q.asking)
    (_, a, sa, ga), (_, b, sb, gb) = first, second
    src = Sources()
    cite = src.cite(rec, "".join(sorted({ga, gb}, key=rec.text.find)))
    year = rec.doc_year or 0
    steps = M.ORDER_STEPS.format(year=year, a=a, span_a=span_text(sa), b=b, span_b=span_text(sb), cite=cite)
    word = M.ORDER_BASIS[on]
    ka, kb = _key(sa, on), _key(sb, on)
    if ka == kb:
        said, relation = M.ORDER_SAME.format(a=a, b=b, basis=word), "same"
    else:
        early, late = (a, b) if ka < kb else (b, a)
        said, relation = M.ORDER_EARLIER.format(early=early, late=late, basis=word), ("earlier" if ka < kb else "later")
        if on and DAYS_ASKED.search(q.asking) and _by_day(sa) and _by_day(sb):  # "晚截止几天": the days between
            said += M.ORDER_DAYS.format(n=abs((ka[0] - kb[0]).days))  # type: ignore[operator]
    notes = [past_round_note(year, ctx.round, ctx.today)] if max(sa.end, sb.end) < ctx.today else []
    asked = "same" if SAME_DAY.search(q.asking) else claim(q.asking)
    if is_yes_no(q.asking) and asked:
        holds = asked == relation
        lead = (M.YES_WORD if holds else M.NO_WORD) + "。" + said + steps
        return Draft(Kind.YES_NO, lead, src, notes=notes, polarity="yes" if holds else "no")
    return Draft(Kind.FACT, said + steps, src, notes=notes)


def compares_counts(q: Question) -> bool:
    """Whether ``q`` compares two grades' counts of one part (not "成果要求一样吗": the kinds of 成果
    are compared too, not their count)."""
    if len(q.grades) != 2 or part_cue(q.asked) is None or not is_yes_no(q.asking):
        return False
    if MORE_ASKED.search(q.asked) or FEWER_ASKED.search(q.asked):
        return True
    alike = SAME_ASKED.search(q.asked) or DIFFERENT_ASKED.search(q.asked)
    return bool(alike and HOW_MANY.search(q.asked))


def by_counts(ctx: Context, q: Question) -> Draft | None:
    """Two grades' counts of one part compared ("高工要的成果跟工程师一样多吗", "高工成果比工程师多吗")."""
    cue = part_cue(q.asked)
    if cue is None or not compares_counts(q):
        return None
    same, different = SAME_ASKED.search(q.asked), DIFFERENT_ASKED.search(q.asked)
    more = MORE_ASKED.search(q.asked)
    part, grades = PARTS[cue], ctx.book.rules["grades"]
    said = [grades.get(g, {}).get(part) for g in q.grades]
    if any(s is None or "count" not in s for s in said):
        return None
    a, b = (int(s["count"]) for s in said)
    holds = a > b if more else a != b if different else a == b if same else a < b
    src = Sources()
    items = "，".join(
        M.COUNT_OF.format(
            grade=g, part=PART_NAME[part], quote=s["quote"], cite=src.cite(ctx.corpus.clauses[s["clause"]])
        )
        for g, s in zip(q.grades, said, strict=True)
    )
    lead = f"{M.YES_WORD if holds else M.NO_WORD}。{items}。"
    return Draft(Kind.YES_NO, lead, src, polarity="yes" if holds else "no")


def compares_parts(q: Question) -> bool:
    """Whether ``q`` asks how two grades' clauses for one part differ, or what each says ("中级和副高成果
    数量有啥区别", "工程师和高工的成果分别要几项", "两个级别论文要求一样吗"); counts asked yes/no are
    :func:`compares_counts`'."""
    if len(q.grades) != 2 or part_cue(q.asked) is None or compares_counts(q):
        return False
    return bool(DIFFERENT_ASKED.search(q.asked) or SAME_ASKED.search(q.asked) or EACH_ASKED.search(q.asked))


def by_parts(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """Each of two grades' clauses for the part ``q`` names, cited; yes/no when it asks whether they are
    alike. None when a grade has no such part (工程师 has no 破格)."""
    cue = part_cue(q.asked)
    if cue is None or not compares_parts(q):
        return None
    part, grades = PARTS[cue], ctx.book.rules["grades"]
    said = [grades.get(g, {}).get(part) for g in q.grades]
    if any(s is None for s in said):
        return None
    recs = [ctx.corpus.clauses[s["clause"]] for s in said]
    src = Sources()
    counted = HOW_MANY.search(q.asked) and all("count" in s for s in said)
    lines = [
        M.COUNT_OF.format(grade=g, part=PART_NAME[part], quote=s["quote"], cite=src.cite(rec))
        if counted
        else M.PART_OF.format(grade=g, part=PART_NAME[part], quote=_body(rec), cite=src.cite(rec))
        for g, s, rec in zip(q.grades, said, recs, strict=True)
    ]
    items = ("，" if counted else "\n").join(lines) + ("。" if counted else "")
    if not is_yes_no(q.asking):
        return Draft(Kind.FACT, items, src)
    alike = _body(recs[0]) == _body(recs[1])
    holds = not alike if DIFFERENT_ASKED.search(q.asked) else alike
    word = M.YES_WORD if holds else M.NO_WORD
    return Draft(Kind.YES_NO, f"{word}。{items}", src, polarity="yes" if holds else "no")


def _body(rec: Clause) -> str:
    """A clause's words without its marker ("（三）")."""
    return rec.full_text.removeprefix(rec.marker).strip()


# "副高就是高级工程师吗", "初级和助理工程师是一回事吗": whether two names are of one title
SAME_TITLE_ASKED = re.compile(r"就是|即是|等于|等同|一回事|相当于|(?:同一|一)个?(?:级别|等级|职称|级)")


# "助工是初级吗", "高工属于副高吗": one title name said to be another, nothing else between them
IS_BETWEEN = re.compile(r"\s*(?:职称)?(?:就|也)?(?:是不是|是|属于|算不算|算|对应)\s*$")
# "技术经纪中级职称叫什么": the name of a level in the standard
NAME_ASKED = re.compile(r"叫什么|叫啥|名称是|什么名称|对应(?:的)?(?:是)?(?:什么|哪个|哪一?级)|全称")


def asks_same_title(text: str) -> bool:
    """Whether ``text`` asks if two title names are one level ("副高就是高级工程师吗", "助工是初级吗").

    >>> asks_same_title("助工是初级吗"), asks_same_title("副高就是高级工程师吧"), asks_same_title("中级要答辩吗")
    (True, True, False)
    """
    if SAME_TITLE_ASKED.search(text):
        return True
    mentions = [m for m in vocabulary().title_mentions(text) if not m.other_series]
    return len(mentions) == 2 and bool(IS_BETWEEN.fullmatch(text[mentions[0].end : mentions[1].start]))


def same_title(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """Yes when the two title names the question gives stand for one level (副高 and 高级工程师), no when for
    two; the notice's levels cited (its 副高级、中级、初级 are the standard's 高级工程师、工程师、助理工程师)."""
    if not asks_same_title(q.asking) or not is_yes_no(q.asking):
        return None  # (the clause that asks says it: not "我报工程师，也就是中级，中级要答辩吗")
    mentions = [m for m in vocabulary().title_mentions(q.asking) if not m.other_series]
    names = list(dict.fromkeys(m.name for m in mentions))
    if len(names) != 2:
        return None
    levels = {m.name: m.value for m in mentions}
    a, b = names
    notice = next((c for c in ctx.corpus.clauses.values() if c.doc_kind == "notice" and c.level == 0), None)
    if notice is None:
        return None
    src = Sources()
    cite = src.cite(notice)
    grade_of = {str(lvl): str(g) for g, lvl in GRADE_LEVEL.items()}
    holds = levels[a] == levels[b]
    said = M.SAME_TITLE if holds else M.OTHER_TITLE
    lead = f"{M.YES_WORD if holds else M.NO_WORD}。" + said.format(
        a=a, b=b, level_a=levels[a], grade_a=grade_of.get(levels[a], a), level_b=levels[b],
        grade_b=grade_of.get(levels[b], b), cite=cite,
    )  # fmt: skip
    return Draft(Kind.YES_NO, lead, src, polarity="yes" if holds else "no")


def title_name(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """ "技术经纪中级职称叫什么": the standard's name for the level the notice lists, both cited."""
    mentions = [m for m in vocabulary().title_mentions(q.asking) if not m.other_series]
    if not NAME_ASKED.search(q.asking) or len({m.value for m in mentions}) != 1:
        return None
    level = mentions[0].value
    grade = next((g for g, lvl in GRADE_LEVEL.items() if str(lvl) == level or str(g) == level), None)
    notice = next((c for c in ctx.corpus.clauses.values() if c.doc_kind == "notice" and c.level == 0), None)
    chapter = next(
        (c for c in ctx.corpus.clauses.values() if c.doc_kind != "notice" and c.label[len(c.marker) :] == str(grade)),
        None,
    )
    if grade is None or notice is None or chapter is None:
        return None
    src = Sources()
    lead = M.TITLE_NAMED.format(level=GRADE_LEVEL[grade], grade=grade, cite=src.cite(notice) + src.cite(chapter))
    return Draft(Kind.FACT, lead, src)
