"""Answer shapes beyond a quoted fact: a grade's overview, yes or no, a whole list, and a detail
the documents may leave open. Each is a lead (``Context, Question, hits → Draft | None``).

    >>> asks_list("技术转移转化运营服务包括哪些工作"), asks_list("咨询电话是多少")
    (True, False)
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import messages as M
from ..ingest.clauses import Clause
from ..vocab import Grade, vocabulary
from .asks import BY_NAME, answer_type, holds
from .draft import (
    FIRST_BONUS,
    Context,
    Draft,
    best_quote,
    defines,
    heading,
    overlap,
    pool,
    quote_clause,
    ranked,
    segments,
)
from .model import Kind, Part, Sources
from .notes import round_grade_note
from .overview import overview_parts
from .spelling import frequency, is_word, names_nothing
from .understand import Question
from .yesno import (
    ASKING,
    NEGATION,
    Reading,
    answer_words,
    by_levels,
    grade_level,
    levels_in,
    negated_in_question,
    polarities,
)

CONTEXT_MIN = 2.0  # idf the context clause must share with the question (about one specific word)
DETAIL_TYPES = (
    "fee",
    "amount",
    "procedure",
    "url",
    "time_of_day",
    "duration",
    "count",
    "place",
    "format",
    "document",
    "form",
    "person",
)
OVERVIEW_CUE = re.compile(
    r"条件|要求|标准|资格|门槛|怎么评|怎样评|如何评|怎么申报|如何申报|怎么报|需要什么|要什么|具备什么|满足什么"
)
# a question about one part of the conditions is not an overview
SUB_TOPIC = re.compile(
    r"学历|年限|几年|多少年|多久|业绩|成果|论文|破格|答辩|继续教育|材料|时间|公示|电话|费用|专业理论|基本条件|职业道德|身体"
)
LIST_CUE = re.compile(r"哪些|哪几|有什么|包括什么|包含什么|包括哪|包含哪|分哪|分为|都有|几个方向|几种|几类|列举")
ENUMERATING = re.compile(r"包括|包含|分为|分")
ENUMERATION = re.compile(r"、|”和“|包括|包含|分为")
PARTS = {"业绩": "performance", "成果": "achievements", "论文": "achievements", "破格": "breakthrough"}
PART_NAME = {
    "performance": M.PART_PERFORMANCE,
    "achievements": M.PART_ACHIEVEMENTS,
    "breakthrough": M.PART_BREAKTHROUGH,
}
# question words that carry no claim: dropped before a yes/no is matched against a clause
LIGHT = frozenset(
    [
        "参加",
        "进行",
        "需要",
        "要求",
        "必须",
        "可以",
        "能够",
        "申报",
        "申请",
        "这个",
        "那个",
        "还是",
        "一定",
        "应该",
        "是否",
        "认为",
        "规定",
    ]
)
APPLY = re.compile(r"申报|评|报|参评|参加评审")
PARTICLE_END = re.compile(r"[吗嘛呢吧啊呀么哦哈啦]+(?=[？?。！!~～\s]*$)")
MODAL_CHARS = re.compile(r"[能会可要该]")
NEG_FILLER = re.compile(r"没什么|没啥|没有什么|不太|没多大|没多少")  # 对职业道德没什么要求: no claim of its own
COUNTED_WORD = re.compile(
    r"(?:\d+|[零一二两三四五六七八九十]{1,3})\s*[项篇个年月日号次份]"
)  # 一项: a value, not a claim
MODAL_WORD = re.compile(r"[不没还也就]?(?:能|会|可|可以|要|需要|用|行|得|该|应该|必须|够)")


def asks_overview(q: Question) -> bool:
    """ "高级工程师需要什么条件？": one grade, its conditions in general (not one part of them)."""
    return len(q.grades) == 1 and bool(OVERVIEW_CUE.search(q.asking)) and not SUB_TOPIC.search(q.asking)


def asked_type(q: Question) -> str | None:
    """The type of span asked for: by the clause that asks, else by the whole question ("在哪个网站登录
    申报系统？请给我链接")."""
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
    return next((PARTS[cue] for cue in PARTS if cue in q.asked), None)


def part(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """The grade's clause for that part (the direction's item when one is named), from the rules."""
    key = part_asked(q)
    g = ctx.book.rules["grades"].get(q.grades[0]) if q.grades else None
    if key is None or g is None or key not in g:
        return None
    entry = g[key]
    clause_id = entry["clause"]
    direction = "research" if "研究" in q.asked else "operations" if re.search(r"运营|服务", q.asked) else None
    if direction and direction in entry:
        clause_id = entry[direction]
    rec = ctx.corpus.clauses[clause_id]
    name = asked_type(q)
    if name in DETAIL_TYPES and not holds(name, rec.full_text):  # 业绩里的"经济效益"要多少金额: not stated
        return not_stated(ctx, q, BY_NAME[name].missing, rec)
    return quote_clause(ctx, q, rec, rec.full_text, Kind.LIST if rec.children else Kind.QUOTE)


# ---- lists ------------------------------------------------------------------------------------------
def listing(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """Every item of the list the best clause holds: a list clause whole, or the enumeration that
    shares most with the question, to the end of its sentence."""
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
    span = BY_NAME[name].span
    subject = subject_terms(ctx, q, BY_NAME[name].cue)
    for rec in about:
        for sent in segments(rec.full_text, rec.label):
            if span.search(sent) and (not subject or any(_found(ctx, t, sent) for t in subject)):
                return quote_clause(ctx, q, rec, sent if sent in rec.full_text else None)
    return not_stated(ctx, q, BY_NAME[name].missing, about[0] if about else None)


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


# ---- yes / no ---------------------------------------------------------------------------------------
def key_terms(ctx: Context, q: Question) -> list[str]:
    """The words that carry the question's claim, in order: no grade names, asking forms (能不能),
    light verbs (参加); a word the documents never use is read with its neighbour ("私营" + "企业")."""
    vocab = vocabulary()
    names = {n for n, _ in vocab.grade_names} | {n for n, _ in vocab.level_names} | {n for n, _ in vocab.degree_names}
    words: list[str | None] = []  # None: a word that carries nothing (it breaks a phrase)
    for w in ctx.match.lex.cut(PARTICLE_END.sub("", q.asked)):
        w = w.strip().lower()
        bare = MODAL_CHARS.sub("", w) if len(w) == 2 and not is_word(w) else w  # a cutting slip: 人能
        content = (
            len(bare) >= 2
            and w not in ctx.match.lex.stopwords
            and w not in LIGHT
            and w not in ctx.match.generic
            and not any(n in w for n in names if len(n) >= 2)
            and not ASKING.fullmatch(w)
            and not NEGATION.fullmatch(w)
            and not NEG_FILLER.fullmatch(w)
            and not MODAL_WORD.fullmatch(w)
            and not COUNTED_WORD.fullmatch(w)
            and bool(re.search(r"[\u4e00-\u9fffa-z]", w))
        )
        words.append(bare if content else None)
    out: list[str] = []
    for n, word in enumerate(words):
        if word is None:
            continue
        prev = words[n - 1] if n else None
        corpus = ctx.match.corpus_text
        if (
            out
            and prev
            and prev == out[-1][-len(prev) :]
            and not _found(ctx, word, corpus)
            and _found(ctx, out[-1] + word, corpus)
        ):
            out[-1] += word  # 私营 + 企业 → 私营企业 (read through its alias)
        else:
            out.append(word)
    return out


COMMON = 10000  # a word this frequent in the language (通过, 准备, 形式) says little on its own


def specific(term: str, corpus_text: str) -> bool:
    """A word that names something (年龄, 兼职, 正装, PPT), not a common word of the language (通过,
    准备) nor a cutting slip of known characters (中会发). Strict on purpose: a yes or no about
    something the documents never name would be a guess."""
    if term.isascii():
        return True
    if is_word(term):
        return 0 < frequency(term) < COMMON and not names_nothing(term)  # not 一家, 的话, 没关系
    if any(names_nothing(ch) for ch in term if is_word(ch)) and re.match(r"[这那我你他她该此每各本上下哪]", term):
        return False  # a cutting slip that starts with a pronoun: 这批, 我报
    return len(term) > 3 or any(ch not in corpus_text for ch in term)


def _found(ctx: Context, term: str, text: str) -> str | None:
    """The form of ``term`` that ``text`` uses (itself or its document wording), if any."""
    if term in text:
        return term
    for alias in ctx.match.lex.alias_terms(term):
        for word in alias.split():
            if word in text:
                return word
    return None


def yes_no(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    terms = key_terms(ctx, q)
    cue = next((c for c in PARTS if c in q.asked), None)
    subject = [t for t in terms if cue is None or cue not in t]
    if cue and not subject and len(q.grades) == 1:  # 工程师有业绩要求吗
        return _by_structure(ctx, q, q.grades[0], PARTS[cue])
    if cue and subject:  # 研究课题得到领导批示算业绩吗: is it among the clauses about 业绩?
        draft = _by_membership(ctx, q, cue, subject, hits)
        if draft is not None:
            return draft
    level = grade_level(q.grades)
    if level and not terms and APPLY.search(q.asked):
        return _by_round(ctx, q, level)
    # 对年龄有限制吗, 答辩要准备PPT吗: a word the documents never use (not a cutting slip like 中会发)
    asking = q.core or q.asked  # the caller's context (我在行业协会工作，…) is not what is asked
    absent = [t for t in terms if t in asking and not ctx.match.present(t) and specific(t, ctx.match.corpus_text)]
    if absent:
        shown = [m[0] if (m := re.search(re.escape(t), q.asked, re.I)) else t for t in absent]
        if cue and len(q.grades) == 1:  # 破格条件里有没有"获得科技奖励"这一条: not among the items listed
            draft = _not_listed(ctx, q, q.grades[0], PARTS[cue], "、".join(shown))
            if draft is not None:
                return draft
        return not_stated(ctx, q, "", None, terms="、".join(shown))
    # the retrieved clauses first, then every clause: the documents are short
    candidates = []
    for rank, rec in enumerate(pool(ctx, hits)):
        if q.grade and ctx.round.grade_of(rec.id) not in (None, q.grade):
            continue
        for sent in segments(rec.full_text, rec.label):
            found = [(t, f) for t in terms if (f := _found(ctx, t, sent))]
            if found and found[-1][0] == terms[-1]:  # the sentence must speak of the predicate
                candidates.append((-len(found), rank, sent, rec, found))
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda c: c[:2])
    # a question about one level is decided by the clause's lists of levels first ("高、中级需…")
    for _, _, sent, rec, found in ranked:
        reading = by_levels(sent, level, [f for _, f in found]) if level else None
        if reading is not None:
            if polarities(q.asked, found[-1][0]) == {False}:  # "副高级是不是不用答辩？" asks the opposite
                reading.holds = not reading.holds
            return yes_no_draft(ctx, q, rec, sent, reading, level)
    for _, _, sent, rec, found in ranked:
        reading = _by_negation(q.asked, sent, found)
        if reading is not None:
            return yes_no_draft(ctx, q, rec, sent, reading, level)
    return None


def _by_negation(question: str, sentence: str, found: list[tuple[str, str]]) -> Reading | None:
    """The clause states or denies the question's predicate (the last of its words the clause uses),
    about the same subject; the answer is to the question as worded ("是不是不用…")."""
    *subject, (term, form) = found
    clause_says, asked = polarities(sentence, form), {not negated_in_question(question, term)}
    if len(clause_says) != 1:
        return None
    for t, f in subject:  # the same subject (无佐证材料的… is not 有佐证材料的…)
        i, j = question.find(t), question.find(term)
        own = 0 <= i < j and "的" in question[i:j]  # a negation before the predicate denies the predicate
        if own and not polarities(question, t) <= polarities(sentence, f):
            return None
    return Reading(clause_says == asked, "negation", [])


def _by_membership(ctx: Context, q: Question, cue: str, subject: list[str], hits: list[Clause]) -> Draft | None:
    """ "A 算 X 吗": yes when a clause about X (its heading names X, or an ancestor's does) holds A."""
    best: tuple[int, str, Clause] | None = None
    for rec in pool(ctx, hits):
        about = [rec, *ctx.corpus.ancestors(rec.id)]
        if not rec.indexed or not any(cue in heading(c) for c in about):
            continue
        if q.grade and ctx.round.grade_of(rec.id) not in (None, q.grade):
            continue
        for sent in segments(rec.text, rec.label):
            forms = [f for t in subject if (f := _found(ctx, t, sent))]
            n = sum(1 for f in forms if polarities(sent, f) == {True})
            if n and (best is None or n > best[0]):
                best = (n, sent, rec)
    if best is None or best[0] < len(subject) / 2:
        return None
    return yes_no_draft(ctx, q, best[2], best[1], Reading(True, "membership", []), None)


def yes_no_draft(ctx: Context, q: Question, rec: Clause, sentence: str, r: Reading, level: str | None) -> Draft:
    yes_word, no_word = answer_words(q.asked)
    src = Sources()
    quote = sentence if sentence in rec.full_text else best_quote(ctx, q, rec)
    cite = src.cite(rec, quote)
    holds_as_asked = r.holds
    word = yes_word if holds_as_asked else no_word
    lead = M.YESNO_QUOTE.format(word=word, source=rec.doc_short, section=rec.section, quote=quote, cite=cite)
    if r.why == "levels" and not r.holds and level and level not in r.levels:
        lead += M.YESNO_LEFT_OUT.format(listed="、".join(r.levels), level=level)
    return Draft(Kind.YES_NO, lead, src, polarity="yes" if holds_as_asked else "no")


def _by_structure(ctx: Context, q: Question, grade: Grade, part: str) -> Draft | None:
    """Whether a grade's conditions include 业绩 / 成果 / 破格, from the rules."""
    grades = ctx.book.rules["grades"]
    if grade not in grades:
        return None
    yes_word, no_word = answer_words(q.asked)
    src = Sources()
    g = grades[grade]
    name = PART_NAME[part]
    if part in g:
        clause = ctx.corpus.clauses[g[part]["clause"]]
        lead = M.YESNO_HAS_PART.format(
            word=yes_word, grade=grade, part=name, quote=g[part]["quote"], cite=src.cite(clause)
        )
        return Draft(Kind.YES_NO, lead, src, polarity="yes")
    others = [Grade(n) for n, other in grades.items() if part in other]
    if part == "breakthrough" and others:  # 破格 is a route of its own grade(s): say where it is
        clause = ctx.corpus.clauses[grades[others[0]][part]["clause"]]
        quote = grades[others[0]][part]["quote"]
        grades_text = "、".join(others)
        lead = M.YESNO_ONLY_GRADE.format(
            word=no_word, part=name, grades=grades_text, quote=quote, cite=src.cite(clause)
        )
        return Draft(Kind.YES_NO, lead, src, polarity="no")
    routes = ctx.corpus.clauses[g["routes"][0]["clause"]]
    heading = ctx.corpus.clauses[routes.parent] if routes.parent else routes
    ability = ctx.corpus.clauses[g["ability"]["clause"]]
    cites = src.cite(ability) + src.cite(heading)
    lead = M.YESNO_NO_PART.format(
        word=no_word, grade=grade, parts="基本条件和学历、专业工作经历", part=name, cite=cites
    )
    return Draft(Kind.YES_NO, lead, src, polarity="no")


def _not_listed(ctx: Context, q: Question, grade: Grade, part: str, terms: str) -> Draft | None:
    """No: the grade's clause for that part (业绩, 成果, 破格) lists its items, and none names ``terms``."""
    g = ctx.book.rules["grades"].get(grade)
    if not g or part not in g:
        return None
    rec = ctx.corpus.clauses[g[part]["clause"]]
    src = Sources()
    _, no_word = answer_words(q.asked)
    lead = M.YESNO_NOT_LISTED.format(
        word=no_word, grade=grade, part=PART_NAME[part], terms=terms, quote=g[part]["quote"], cite=src.cite(rec)
    )
    return Draft(Kind.YES_NO, lead, src, polarity="no")


def _by_round(ctx: Context, q: Question, level: str) -> Draft | None:
    """ "今年能评正高级吗": the levels this round reviews, from the notice."""
    listed = ctx.round.round_levels
    if not listed:
        return None
    notices = (c for c in ctx.corpus.clauses.values() if c.doc_kind == "notice")
    clause = next((c for c in notices if set(listed) <= set(levels_in(c.text))), None)
    if clause is None:
        return None
    reading = Reading(level in listed, "levels", list(listed))
    sentence = next((s for s in segments(clause.text) if set(listed) <= set(levels_in(s))), clause.text)
    return yes_no_draft(ctx, q, clause, sentence, reading, level)
