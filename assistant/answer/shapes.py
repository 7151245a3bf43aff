"""Answer shapes beyond a quoted fact: a grade's overview, one part of its conditions, a whole list, and a
detail the documents may leave open (yes/no is in decide.py). Each is a lead (``Context, Question, hits → Draft | None``).

    >>> asks_list("技术转移转化运营服务包括哪些工作"), asks_list("咨询电话是多少")
    (True, False)
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import messages as M
from ..ingest.clauses import Clause
from ..rules.work import stated_direction
from ..text import cn_number
from ..vocab import FIELD_NAME, vocabulary
from .asks import BY_NAME, answer_type, holds, span_of
from .draft import (
    DEFINITION,
    FIRST_BONUS,
    Context,
    Draft,
    best_quote,
    defines,
    heading,
    labelled,
    overlap,
    pool,
    quote_clause,
    ranked,
    segments,
)
from .model import Kind, Part, Sources
from .notes import round_grade_note
from .overview import overview_parts
from .terms import found_form, key_terms
from .understand import Question
from .yesno import REQUEST, is_yes_no

CONTEXT_MIN = 2.0  # idf the context clause must share with the question (about one specific word)
DETAIL_TYPES = (
    "fee",
    "age",
    "amount",
    "procedure",
    "url",
    "time_of_day",
    "duration",
    "count",
    "place",
    "format",
    "document",
    "issuer",
    "form",
    "person",
    "recipient",
    "email",
    "unreachable",
    "howto",
    "contingency",
    "bring",
    "certificate",
    "reason",
    "series",
)
# a cue that names the thing counted ("名额", "通过率", "学时"), not only how it is asked ("多少钱", "几点")
COUNTED = ("count", "amount", "duration")
NAMES_THING = re.compile(r"(?![几多哪什怎])[\u4e00-\u9fff]{2,4}")
OVERVIEW_CUE = re.compile(
    r"条件|要求|标准|资格|门槛|怎么评|怎样评|如何评|怎么申报|如何申报|怎么报|需要什么|要什么|具备什么|满足什么"
    r"|哪几个方面|哪些方面|各方面|各项|全面|整体"
)
# a question about one part of the conditions is not an overview
SUB_TOPIC = re.compile(
    r"学历|年限|几年|多少年|多久|业绩|成果|论文|破格|答辩|继续教育|材料|时间|公示|电话|费用|专业理论|基本条件|职业道德|身体"
    r"|批示|领导|采纳|媒体|报道|专著|教材|期刊|作者|负责人|参与人|效益|什么级别"  # a detail inside a part
)
# a grade's name alone, the whole message ("高工", "技术经纪中级的？")
BARE_GRADE = re.compile(r"\s*(?:技术经纪)?(?:的)?(?P<name>[^\s，,。？?！!的]{2,6})(?:的|职称|呢)?[？?。！!\s]*")
LIST_CUE = re.compile(r"哪些|哪几|有什么|包括什么|包含什么|包括哪|包含哪|分哪|分为|都有|几个方向|几种|几类|列举")
ENUMERATING = re.compile(r"包括|包含|分为|分")
ENUMERATION = re.compile(r"、|”和“|包括|包含|分为")
PARTS = {"业绩": "performance", "成果": "achievements", "论文": "achievements", "破格": "breakthrough"}
PART_NAME = {
    "performance": M.PART_PERFORMANCE,
    "achievements": M.PART_ACHIEVEMENTS,
    "breakthrough": M.PART_BREAKTHROUGH,
}


# the parts of a grade's conditions a question may name ("学历、业绩、成果都要")
PART_CUES = (r"学历|资历|工作经历|年限", r"业绩", r"成果|论文", r"破格", r"基本条件|职业道德|继续教育")


def parts_named(text: str) -> int:
    """How many parts of a grade's conditions ``text`` names.

    >>> parts_named("工程师的申报条件能完整讲一下吗，学历、业绩、成果都要"), parts_named("高工的业绩条件")
    (3, 1)
    """
    return sum(bool(re.search(cue, text)) for cue in PART_CUES)


def asks_overview(q: Question) -> bool:
    """ "高级工程师需要什么条件？": one grade, its conditions in general (not one part of them);
    "…条件讲一下，学历、业绩、成果都要": several of its parts at once."""
    asking = q.asking
    bare = BARE_GRADE.fullmatch(asking) if len(q.grades) == 1 else None
    if bare is not None and any(name == bare["name"] for name, _ in vocabulary().grade_names):
        return True  # "高工", "中级的": the grade's conditions
    requested = REQUEST.search(q.asked) and OVERVIEW_CUE.search(q.asked)  # "…哪几个方面准备，请把各项条件都讲一讲"
    return (
        len(q.grades) == 1
        and bool(OVERVIEW_CUE.search(asking) or requested)
        and (not SUB_TOPIC.search(asking) or parts_named(q.asked) >= 2)
        and not is_yes_no(asking)
    )


def asked_type(q: Question) -> str | None:
    """The type of span asked for: by the clause that asks, else by the whole question ("在哪个网站登录
    申报系统？请给我链接")."""
    if is_yes_no(q.asking):  # "有几项业绩没有证明材料 也能认么": the context's 几项 asks nothing
        return answer_type(q.asking)
    return answer_type(q.asking) or answer_type(q.asked)


def asks_list(text: str) -> bool:
    return bool(LIST_CUE.search(text))


# ---- overview ---------------------------------------------------------------------------------------
def overview(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    grade = q.grades[0] if q.grades else None
    if grade is None or grade not in ctx.book.rules["grades"]:
        return None
    src = Sources()
    parts = overview_parts(ctx.book, ctx.corpus, grade, src)
    note = round_grade_note(ctx.round, grade)
    lead = M.OVERVIEW_LEAD.format(grade=grade, n=len(parts))
    return Draft(Kind.OVERVIEW, lead, src, body=[Part(line, "part") for _, line in parts], notes=[note] if note else [])


# ---- one part of a grade's conditions -----------------------------------------------------------------
def part_asked(q: Question) -> str | None:
    """ "高级工程师的业绩要求": one grade and one part of its conditions (业绩, 成果, 破格)."""
    if len(q.grades) != 1:
        return None
    cue = part_cue(q.asked)
    return PARTS[cue] if cue else None


def part_cue(text: str) -> str | None:
    """The word that names a part of a grade's conditions (业绩, 成果, 论文, 破格), if any.

    >>> part_cue("高工的成果要几项"), part_cue("我在民企从事科技成果转移转化工作，属于申报范围吗")
    ('成果', None)
    """
    plain = FIELD_NAME.sub("＿", text)  # "科技成果转移转化" names the field, not the 成果 part
    return next((cue for cue in PARTS if cue in plain), None)


def part(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """The grade's clause for that part (the direction's item when one is named), from the rules."""
    key = part_asked(q)
    g = ctx.book.rules["grades"].get(q.grades[0]) if q.grades else None
    if key is None or g is None or key not in g:
        return None
    entry = g[key]
    clause_id = entry["clause"]
    direction = stated_direction(q.asked)  # "我不是做研究的，是做运营服务的"
    if direction and direction in entry:
        clause_id = entry[direction]
    rec = ctx.corpus.clauses[clause_id]
    name = asked_type(q)
    if name in DETAIL_TYPES and not holds(name, rec.full_text, q.asked):  # "经济效益"要多少金额: not stated
        return not_stated(ctx, q, BY_NAME[name].missing, rec)
    return quote_clause(ctx, q, rec, rec.full_text, Kind.LIST if rec.children else Kind.QUOTE)


# ---- lists ------------------------------------------------------------------------------------------
# "X都包含哪些内容": what follows X in the question asks for its members
ASKS_MEMBERS = re.compile(r"(?:都|具体|一般|主要|一共)?(?:包括|包含|涵盖|分为|分成|有哪些|有哪几)")
INCLUDES = re.compile(r"^[，,]?\s*(?:包括|包含|涵盖|分为)")


def named_list(ctx: Context, q: Question, hits: list[Clause]) -> tuple[Clause, str] | None:
    """The statement that says what the thing asked about includes, word for word: "技术转移转化专业化
    服务都包含哪些内容" → "…从事技术转移转化专业化服务，包括需求分析、…"."""
    m = ASKS_MEMBERS.search(q.asked)
    subject = q.asked[: m.start()].strip(" ，,的") if m else ""
    if len(subject) < 4:
        return None
    for rec in pool(ctx, hits):
        for seg in segments(rec.full_text, rec.label):
            i = seg.find(subject)
            if i >= 0 and INCLUDES.match(seg[i + len(subject) :]):
                return rec, seg
    return None


HEADING_COVER = 0.5  # share of the question's own topic weight a heading must hold to be what is listed


def heading_list(ctx: Context, q: Question) -> Clause | None:
    """The heading the question names as the thing to list, when its items are headings of their own
    ("申报需要关注哪些重点事项" → "三、其他重点关注事项": 补充资料填报, 材料要求, …); None otherwise."""
    own = ctx.match.tokens(q.asked)  # the question's own words, not what aliases add (提醒 → 短信通知)
    weights = {t: w for t, w in ctx.match.anchor_weights(q).items() if t in own}
    total = sum(weights.values())
    best: tuple[float, Clause] | None = None
    for rec in ctx.corpus.clauses.values():
        if not rec.children or rec.indexed or any(ctx.corpus.clauses[c].children for c in rec.children):
            continue  # a bare heading over leaf sections (not a list clause, not a chapter)
        shared = weights.keys() & ctx.match.tokens(rec.label)
        score = sum(weights[t] for t in shared)
        if len(shared) >= 2 and total and score / total >= HEADING_COVER and (best is None or score > best[0]):
            best = (score, rec)
    return best[1] if best else None


# "第一种具体是啥", "破格第三条说的是什么": one item of a list, by its place
NTH_ITEM = re.compile(
    r"第\s*([一二三四五六七八九十\d]{1,2})\s*(?:种|条|项|个|点|类)(?:情况|条件)?"
    r"(?:具体|到底|究竟)?(?:是|说的是|指的是|讲的是|说了|讲了|要求)?(?:啥|什么|哪些|怎么|呢)"
)


def nth_item(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """The Nth item of the list clause the question is about, quoted whole."""
    m = NTH_ITEM.search(q.asked)
    if m is None:
        return None
    n = int(cn_number(m[1]))
    cue = part_cue(q.asked)  # "中级业绩条件分几条，那第二条呢": a list of that part first
    best = ranked(ctx, q, hits)
    found = [ctx.corpus.clauses[h.parent] if h.parent and not h.children else h for h in hits] if cue else []
    pool = best + [h for h in found if all(h.id != b.id for b in best)]  # (an item found: its list)
    lists = sorted(pool, key=lambda rec: cue is not None and cue not in rec.section)[:3]
    for rec in lists:
        if 0 < n <= len(rec.children):
            item = ctx.corpus.clauses[rec.children[n - 1]]
            return quote_clause(ctx, q, item, kind=Kind.QUOTE)
    return None


def definition(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """The labelled definition ("技术转移转化研究：从事…") of what the question names, from the best clauses."""
    for rec in hits[:3]:
        found = [(defines(ctx, q, d), d) for _, d in labelled(segments(rec.full_text, rec.label))]
        score, best = max(found, default=(0.0, ""))
        if score > 0:
            return quote_clause(ctx, q, rec, best if best in rec.full_text else None, Kind.LIST)
    return None


def listing(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """Every item of the list the best clause holds: the statement that says what the thing asked about
    includes; a list clause whole; or the enumeration that shares most with the question, to the end of
    its sentence."""
    section = heading_list(ctx, q)
    if section is not None:  # "申报需要关注哪些重点事项": a heading whose sub-headings are the items
        src = Sources()
        items = "；".join(f"{ctx.corpus.clauses[c].label}{src.cite(ctx.corpus.clauses[c])}" for c in section.children)
        lead = M.LEAD_HEADING_ITEMS.format(
            source=section.doc_short, section=section.section, n=len(section.children), items=items
        )
        return Draft(Kind.LIST, lead, src)
    if DEFINITION.search(q.asked) and (defined := definition(ctx, q, hits)) is not None:
        return defined  # "研究方向包括什么": what the documents define it as, not a list naming it
    named = named_list(ctx, q, hits)
    if named is not None:
        rec, seg = named
        return quote_clause(ctx, q, rec, seg if seg in rec.full_text else None, Kind.LIST)
    best = ranked(ctx, q, hits)
    if not best:
        return None
    rec = best[0]
    if rec.children:
        return quote_clause(ctx, q, rec, kind=Kind.LIST)
    qtok = ctx.match.question_weights(q)
    segs = segments(rec.full_text, rec.label)
    scored = [  # a clause's first statement is usually its main one
        (overlap(ctx, qtok, s) + 2 * defines(ctx, q, s) + FIRST_BONUS * (n == 0), s.count("、"), -n)
        for n, s in enumerate(segs)
        if ENUMERATION.search(s)
    ]
    if not scored:
        return None
    n = -max(scored)[2]
    quote = segs[n]
    while quote.endswith(("；", ";")) and n + 1 < len(segs):  # the enumeration goes on to the 。
        n += 1
        quote += segs[n]
    return quote_clause(ctx, q, rec, quote if quote in rec.full_text else None, Kind.LIST)


# ---- details the documents may leave open ------------------------------------------------------------
def detail(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """Quote a clause about the thing asked that holds a span of the type asked for; else say the
    documents do not state it, showing the nearest clause as context."""
    name = asked_type(q) or ""
    clauses = pool(ctx, hits)
    about = ranked(ctx, q, clauses, depth=len(clauses))
    span = span_of(name, q.asked)
    cue = BY_NAME[name].cue.search(q.asked)
    if name in COUNTED and cue and NAMES_THING.fullmatch(cue[0]) and not ctx.match.present(cue[0]):  # 名额
        return not_stated(ctx, q, BY_NAME[name].missing, about[0] if about else None)  # 通过率: never named
    subject = subject_terms(ctx, q, BY_NAME[name].cue)
    for rec in about:
        title = heading(rec)  # "（二）具体流程及工作要求。按…《通知》…执行": the heading names the subject
        for sent in segments(rec.full_text, rec.label):
            if name == "issuer":  # who issued it: the document asked about is the one named after the issuer
                issued = _issued(sent)  # (not one of the corpus's own documents, "申报通知": their issuer is unsaid)
                own = any(
                    d.short and d.short in q.asked and d.short not in issued for d in ctx.corpus.documents.values()
                )
                if subject and all(t in issued for t in subject) and not own:
                    draft = quote_clause(ctx, q, rec, sent if sent in rec.full_text else None)
                    return _with_abbreviation(ctx, draft, sent)
                continue
            if span.search(sent) and (not subject or any(found_form(ctx, t, sent + title) for t in subject)):
                draft = quote_clause(ctx, q, rec, sent if sent in rec.full_text else None)
                return _with_abbreviation(ctx, draft, sent)
    return not_stated(ctx, q, BY_NAME[name].missing, about[0] if about else None)


def _issued(sentence: str) -> str:
    """The titles of the documents ``sentence`` names with their issuer before them, joined.

    >>> _issued("按市人力资源社会保障局《通知》中的规定和具体要求执行。")
    '通知'
    """
    return "|".join(m[1] for m in re.finditer(BY_NAME["issuer"].span.pattern + r"《([^》]+)》", sentence))


ABBREVIATED = re.compile(r"《([^》]{1,8})》")


def _with_abbreviation(ctx: Context, draft: Draft, sent: str) -> Draft:
    """A short name the sentence uses (《通知》) with the sentence that defines it ("（以下简称《通知》）")."""
    for m in ABBREVIATED.finditer(sent):
        short = f"以下简称{m[0]}"
        for rec in ctx.corpus.clauses.values():
            text = rec.full_text
            if short in text and rec.indexed:
                defining = next((seg for seg in segments(text, rec.label) if short in seg), text)
                cite = draft.sources.cite(rec, defining)
                draft.lead += M.ABBREVIATION.format(short=m[0], quote=defining, cite=cite)
                return draft
    return draft


def subject_terms(ctx: Context, q: Question, cue: re.Pattern[str]) -> list[str]:
    """What a detail is asked about: the key words before the words that ask for it
    ("补充说明有字数限制吗" → 补充说明); the whole question's when nothing stands before them."""
    m = cue.search(q.asked)
    before = q.asked[: m.start()] if m else ""
    return key_terms(ctx, replace(q, text=before, reading="")) if before.strip() else key_terms(ctx, q)


def not_stated(ctx: Context, q: Question, missing: str, context: Clause | None, terms: str = "") -> Draft:
    src = Sources()
    shown = ""
    weights = ctx.match.anchor_weights(q)
    if context is not None and sum(weights.get(t, 0.0) for t in ctx.match.tokens(context.search_text)) < CONTEXT_MIN:
        context = None  # a clause that shares no specific word is no context for what was asked
    if context is not None:
        quote = best_quote(ctx, q, context)
        shown = M.NOT_STATED_CONTEXT.format(quote=quote, cite=src.cite(context, quote))
    phones = M.PHONE_SEP.join(ctx.round.helplines)
    if terms:
        lead = M.NOT_STATED_TERMS.format(terms=terms, context=shown, phones=phones)
    else:
        lead = M.NOT_STATED.format(missing=missing, context=shown, phones=phones)
    return Draft(Kind.NOT_IN_DOCUMENTS, lead, src, abstained=True)


# ---- the content of a document the documents only name ---------------------------------------------
# "实施办法里具体要求是什么", "80号文里还规定了什么": asked about what another document says
CONTENT_OF = re.compile(
    r"(?:办法|通知|文件|文|规定)》?(?:里|中|内|上)|(?:办法|文件|文)》?\S{0,3}(?:具体|有什么|有哪些|怎么|如何)\S{0,2}"
    r"(?:规定|要求|内容)"
)
TITLE = re.compile(r"《([^》]{6,})》(?:（([^）]*〔\d{4}〕\d+号)）)?")
NAMED = 4  # characters of a title's own wording that name it ("实施办法", "制度改革")


def referred_content(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """The documents do not hold what a document they only refer to says (《…实施办法》, the 80号 notice):
    not stated, with the clause that refers to it as context."""
    ours = "".join(dict.fromkeys(c.doc_title for c in ctx.corpus.clauses.values()))
    for rec in ctx.corpus.clauses.values():
        for m in TITLE.finditer(rec.text):
            title, number = m[1], m[2] or ""
            if title in ours:
                continue
            own = {title[i : i + NAMED] for i in range(len(title) - NAMED + 1)} - {
                ours[i : i + NAMED] for i in range(len(ours) - NAMED + 1)
            }
            numbered = re.search(r"(\d+)号", number)
            if any(g in q.asked for g in own) or (numbered and re.search(rf"{numbered[1]}号", q.asked)):
                return not_stated(ctx, q, M.MISSING_REFERRED_CONTENT.format(doc=f"《{title}》"), rec)
    return None
