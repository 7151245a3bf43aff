"""Yes/no leads: a yes or a no decided from the clauses — the structure of the standard (only 高级工程师 has
破格), a clause's list of levels ("高、中级需…" → 初级 not), membership in the clauses about a part, the negation
of the question's predicate, exclusion from a part's list, and the levels this round reviews. The answer is to
the question as worded and carries its polarity.
"""

from __future__ import annotations

import re

from .. import messages as M
from ..ingest.clauses import Clause
from ..vocab import Grade
from .draft import Context, Draft, best_quote, heading, labelled, pool, segments
from .model import Kind, Sources
from .shapes import PART_NAME, PARTS, not_stated
from .terms import found_form, key_terms, specific
from .understand import CONCURRENT, POINTS_BACK, Question
from .yesno import (
    ASKING,
    Reading,
    answer_words,
    by_levels,
    denied_after,
    grade_level,
    levels_in,
    negated_in_question,
    polarities,
)

APPLY = re.compile(r"申报|评|报|参评|参加评审")
RANK_STATED = re.compile(r"排(?:名)?第?([一二三四五六七八九十\d]+)(?!名?以内|前)")  # "我排第五"
RANK_LIMIT = re.compile(r"排名前([一二三四五六七八九十\d]+)")  # "（排名前三）"
LACKING = re.compile(r"没|无|未|不在|不是|并非")
NO_NEED = re.compile(r"不需要|不需|不用|不必|无需|无须|不要")
NO_MATTER = re.compile(r"没关系|无所谓|不要紧|不碍事|不影响")  # asks whether lacking something is acceptable
LACKING_ANY = re.compile(LACKING.pattern + r"|不[填交写签发]|不参加|不提供|不上传")  # and not doing what is required
ACCEPTED = re.compile(r"认可|承认|认|算|有效|计入|采纳|也行|行不行|也可以")  # asks whether a thing counts
QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,20})[”\"」』]")
ENUMERATES = re.compile(r"包括|包含|分为|有")
TITLED = re.compile(r"《[^》]*》")
ALL_OF = re.compile(r"全部|全都|都要|都得|都需|都必须|同时满足|同时具备|同时符合|每一?[条项个]都|所有条件")
ONE_OF = re.compile(r"(?:一|1|任意一|任一|其中一)[条个]?(?:就|即|便)|(?:满足|符合|具备|占)(?:其中)?(?:一|1|任一)")
OF_CONDITIONS = re.compile(r"条件|[几一1每]条|[这那]几|路径|途径")  # …of a list of conditions, not "所有业绩成果都要"
MEETS = re.compile(r"满足|符合|具备|达到|达标")  # how a list is met: names no list
ONE_OF_LIST = re.compile(r"下列\S{0,6}条件之一")
ALTERNATIVES = re.compile(r"或|之一|任一")  # "…论文，或…技术合同": one way among others, no requirement
# "A 属于/归/算 B 吗": which of the labelled kinds a thing is
CATEGORY = re.compile(r"属于|归|算")
DENIED_CATEGORY = re.compile(r"(?:不|并非|没)(?:属于|算|归|是)")


def yes_no(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    terms = key_terms(ctx, q)
    if CATEGORY.search(q.asked):  # 做孵化和创业辅导，归研究方向吗: by the definition that holds it
        draft = _by_label(ctx, q, terms, hits)
        if draft is not None:
            return draft
    if CONCURRENT.search(q.asked):  # 高级和中级能同时报吗: the documents say nothing of applying twice at once
        return not_stated(ctx, q, M.MISSING_CONCURRENT, None)
    if asks_all_or_one(q.asked):  # 破格那几条要全部满足吗: "具备下列条件之一"
        draft = _all_or_one(ctx, q, hits)
        if draft is not None:
            return draft
    stated = ranks_stated(q.asked)
    if stated and (draft := _by_rank(ctx, q, stated, hits)) is not None:  # 厅局级领导的批示就够了吗 (正高)
        return draft
    cue = next((c for c in PARTS if c in q.asked), None)
    subject = [t for t in terms if cue is None or cue not in t]
    if cue and not subject and len(q.grades) == 1:  # 工程师有业绩要求吗
        return _by_structure(ctx, q, q.grades[0], PARTS[cue])
    # 研究课题得到领导批示算业绩吗: is it among the clauses about 业绩? ("这种业绩还能算吗" asks about the context)
    # (not when the question denies the thing: "论文没公开发表能算吗" asks about what it lacks)
    lacking = any(negated_in_question(q.core or q.asked, t) or LACKING.match(t) for t in subject)
    if cue and subject and not lacking and not re.search(rf"(?:{POINTS_BACK.pattern})的?{cue}", q.asked):
        draft = _by_membership(ctx, q, cue, subject, hits)
        if draft is not None:
            return draft
    level = grade_level(q.grades)
    if level and not terms and APPLY.search(q.asked):
        return _by_round(ctx, q, level)
    # 有没有“技术转移转化管理方向”这个方向: a name quoted that the documents never use
    named = [m[1] for m in QUOTED.finditer(q.asked) if m[1] not in ctx.match.corpus_text]
    if named and (draft := _quoted_absent(ctx, q, named[0], hits)) is not None:
        return draft
    # 对年龄有限制吗, 答辩要准备PPT吗: a word the documents never use (not a cutting slip like 中会发)
    asking = q.core or q.asked  # the caller's context (我在行业协会工作，…) is not what is asked
    low = asking.lower()  # terms are lower-cased (PPT → ppt)
    absent = [t for t in terms if t in low and not ctx.match.present(t) and specific(t, ctx.match.corpus_text)]
    if absent:
        shown = [m[0] if (m := re.search(re.escape(t), q.asked, re.I)) else t for t in absent]
        if cue and len(q.grades) == 1:  # 破格条件里有没有"获得科技奖励"这一条: not among the items listed
            draft = _not_listed(ctx, q, q.grades[0], PARTS[cue], "、".join(shown))
            if draft is not None:
                return draft
        return not_stated(ctx, q, "", None, terms="、".join(shown))
    # the retrieved clauses first, then every clause: the documents are short
    candidates = []
    # a condition the question denies ("没留证明材料…这种业绩还能算吗") is one the deciding sentence must
    # speak of: in the clause that asks, or in the context it points back to ("这种", "这样")
    # ("我跟这家单位没建立劳动关系，只是项目合作，能通过他们单位报吗": whether the person may apply is asked of
    # everything they said)
    core = q.core or ""
    whole = POINTS_BACK.search(core) or APPLY.search(core) or not any(t in core for t in terms)  # "也行吗"
    scope = q.asked if whole else (q.core or q.asked)
    denied = [t for t in terms if t in scope and negated_in_question(scope, t)]
    denied += [t for t in terms if LACKING.match(t) and not ctx.match.present(t)]  # 合同没签: a word of its own
    for rank, rec in enumerate(pool(ctx, hits)):
        if q.grade and ctx.round.grade_of(rec.id) not in (None, q.grade):
            continue
        for sent in segments(rec.full_text, rec.label):
            found = [(t, f) for t in terms if (f := found_form(ctx, t, sent))]
            if denied and not all(any(t == d for t, _ in found) for d in denied):
                continue
            if found and found[-1][0] == terms[-1]:  # the sentence must speak of the predicate
                candidates.append((-len(found), rank, sent, rec, found))
    # "没跟任何单位签劳动合同，这样能报吗": a requirement the person lacks (not "是不是不用答辩": asks for a need)
    said = ASKING.sub("", scope)  # 是不是 denies nothing
    # ("不填也没关系吧", "没参加过继续教育也没关系吧": whether lacking it is acceptable)
    asks_ok = APPLY.search(q.asked) or NO_MATTER.search(q.asked)
    lacks = bool(denied) and bool(asks_ok and LACKING_ANY.search(said)) and not NO_NEED.search(scope)
    # "论文没发表的话还会认吗": a thing that lacks what its own item requires ("…发表…论文") is not recognised
    things = [t for t in terms[:-1] if t not in denied]
    counts = bool(denied and things and ACCEPTED.search(q.asked) and LACKING.search(said))
    counts = counts and not NO_NEED.search(scope)
    if counts and (draft := _item_lacks(ctx, q, things, denied, hits, level)) is not None:
        return draft
    ranked = sorted(candidates, key=lambda c: c[:2])
    # a question about one level is decided by the clause's lists of levels first ("高、中级需…"), among
    # the sentences that name as many of its words as the best one (not "取得中级职称后" below 破格's own)
    several = levels_in(q.asked) if not level else []  # "高级、中级、初级三个级别都得答辩吗"
    for n, _, sent, rec, found in ranked:
        if n > ranked[0][0]:
            break
        forms = [f for _, f in found]
        reading = by_levels(sent, level, forms) if level else _every_level(sent, several, forms)
        if reading is not None:
            term = found[-1][0]  # "副高级是不是不用答辩？", "初级应该不能答辩吧" ask the opposite
            if (polarities(q.asked, term) == {False}) != denied_after(q.asked, term):
                reading.holds = not reading.holds
            return yes_no_draft(ctx, q, rec, sent, reading, level)
    # "没参加继续教育应该不影响申报吧": the conditions lacked, not the predicate denied as the question's claim
    lacked = [d for d in denied if d != terms[-1]] or denied
    if lacks and (draft := _lacks_requirement(ctx, q, lacked, hits, level)) is not None:
        return draft
    for _, _, sent, rec, found in ranked:
        reading = _by_negation(q.asked, sent, found)
        if reading is not None:
            return yes_no_draft(ctx, q, rec, sent, reading, level)
    return None


WHICH_KIND = re.compile(r"(?:哪个|哪一个|哪类|哪一类|哪种|什么)(?:方向|类别|类型)|(?:属于|归|算|报)哪")


def _held_by_kinds(ctx: Context, terms: list[str], kinds: list[tuple[str, str]]) -> tuple[list[str], list[float]]:
    """The question's words that are no kind's label, and how much of them each kind's definition holds:
    the rarer the word in the documents, the more it tells which kind holds it (投融资 over 科技)."""
    subject = [t for t in terms if not any(t in label or label in t for label, _ in kinds)]
    rare = {t: 1 / (1 + ctx.match.corpus_text.count(t)) for t in subject}
    return subject, [sum(rare[t] for t in subject if found_form(ctx, t, d)) for _, d in kinds]


def which_kind(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """ "我平时做需求分析、技术评价…，该报哪个方向": the labelled kind whose definition holds the most of
    the work described (its rarest words count most), quoted."""
    terms = key_terms(ctx, q)
    for rec in pool(ctx, hits):
        kinds = labelled(segments(rec.full_text, rec.label))
        if len(kinds) < 2:
            continue
        _, held = _held_by_kinds(ctx, terms, kinds)
        if not held or max(held) == 0 or held.count(max(held)) > 1:
            continue
        label, definition = kinds[held.index(max(held))]
        name = f"{label}方向" if f"{label}方向" in rec.full_text else label
        src = Sources()
        lead = M.WHICH_KIND.format(name=name, quote=definition, cite=src.cite(rec, definition))
        return Draft(Kind.FACT, lead, src)
    return None


# the ranks of authority the standard requires of a thing ("省部级及以上媒体", "厅局级以上领导肯定性批示"),
# and the lower words people use for what they have ("行业公众号", "普通企业的项目"): data, highest first
RANK_WORDS = {
    "国家级": 4, "国家重大": 4, "国家": 4, "省部级": 3, "省级": 3, "部级": 3, "厅局级": 2, "厅级": 2, "局级": 2,
    "地市级": 1, "区级": 1, "县级": 1, "行业": 0, "公众号": 0, "自媒体": 0, "企业": 0, "普通": 0, "公司": 0,
}  # fmt: skip
RANK_NOUNS = {"批示": "批示", "媒体": "媒体", "报道": "媒体", "宣传": "媒体", "公众号": "媒体", "项目": "项目",
              "课题": "课题", "政府": "政府", "部门": "政府", "采纳": "政府"}  # fmt: skip
RANKED = re.compile(rf"({'|'.join(sorted(RANK_WORDS, key=len, reverse=True))})(?:及)?(?:以上)?")
RANK_NOUN = re.compile("|".join(RANK_NOUNS))


def ranks_stated(text: str) -> list[tuple[int, str]]:
    """The (rank, kind of thing) a question states, not those it denies ("不是国家重大科技项目").

    >>> ranks_stated("研究课题拿到厅局级领导的批示就够了吗"), ranks_stated("不是国家重大科技项目，只是普通企业的项目")
    ([(2, '批示')], [(0, '项目')])
    """
    out = []
    for m in RANKED.finditer(text):
        if re.search(r"不是|并非|没有|非$", text[max(0, m.start() - 3) : m.start()]):
            continue
        noun = RANK_NOUN.search(text, m.end(), m.end() + 10) or RANK_NOUN.search(text, m.start(), m.end())
        if noun:
            out.append((RANK_WORDS[m[1]], RANK_NOUNS[noun[0]]))
    return list(dict.fromkeys(out))


def _by_rank(ctx: Context, q: Question, stated: list[tuple[int, str]], hits: list[Clause]) -> Draft | None:
    """No, when the grade's clause requires a higher rank of the same kind of thing than the question
    states ("得到省部级以上领导肯定性批示" against 厅局级); yes when it states at least that rank."""
    for rec in pool(ctx, hits)[:5]:
        if q.grade and ctx.round.grade_of(rec.id) not in (None, q.grade):
            continue
        for sent in segments(rec.full_text, rec.label):
            for rank, noun in stated:
                need = [r for r, n in ranks_stated(sent) if n == noun]
                if need:
                    reading = Reading(rank >= min(need) and within_rank(q.asked, sent), "rank", [])
                    own = _owner(ctx, rec, sent)  # the most specific clause that says it is cited
                    return yes_no_draft(ctx, q, own, sent, reading, grade_level(q.grades))
    return None


def _owner(ctx: Context, rec: Clause, sentence: str) -> Clause:
    """The clause under ``rec`` (or ``rec``) whose own text holds ``sentence``."""
    under = [c for c in ctx.corpus.clauses.values() if c.id.startswith(rec.id + "-") and sentence in c.text]
    return min(under, key=lambda c: len(c.text)) if under else rec


def _quoted_absent(ctx: Context, q: Question, name: str, hits: list[Clause]) -> Draft | None:
    """No, when the documents list the kind the quoted name claims to be (its last word: 方向) and it is
    not among them: "技术经纪专业包括“…研究方向”和“…运营服务方向”"."""
    head = name[-2:]
    for rec in pool(ctx, hits):
        for sent in segments(rec.full_text, rec.label):
            if len(re.findall(rf"[^”“，。、和]+{re.escape(head)}", sent)) >= 2 and ENUMERATES.search(sent):
                return yes_no_draft(ctx, q, rec, sent, Reading(False, "not_listed", []), None)
    return None


def _every_level(sentence: str, levels: list[str], forms: list[str]) -> Reading | None:
    """Several levels asked at once: the sentence's level lists hold them all, or leave one out."""
    if len(levels) < 2:
        return None
    readings = [by_levels(sentence, lvl, forms) for lvl in levels]
    if any(r is None for r in readings):
        return None
    listed = next(r.levels for r in readings if r is not None)
    return Reading(all(r.holds for r in readings if r is not None), "levels", listed)


def asks_all_or_one(text: str) -> bool:
    """Whether a question asks if every item of a list must hold, or one is enough.

    >>> asks_all_or_one("破格那几条要全部满足吗"), asks_all_or_one("满足一条就行吗"), asks_all_or_one("一共几条")
    (True, True, False)
    >>> asks_all_or_one("所有业绩成果都要有佐证吗"), asks_all_or_one("成果只要1项就够了吗")
    (False, False)
    """
    return bool((ALL_OF.search(text) or ONE_OF.search(text)) and OF_CONDITIONS.search(text))


def _all_or_one(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """Whether every item of a list must hold, or one: the list's head says "符合下列条件之一" (one is
    enough) — the best-ranked clause that is, or is under, such a head naming the question's words decides."""
    terms = [t for t in key_terms(ctx, q) if not (OF_CONDITIONS.fullmatch(t) or MEETS.fullmatch(t))]
    for rec in pool(ctx, hits):
        if q.grade and ctx.round.grade_of(rec.id) not in (None, q.grade):
            continue
        for c in [rec, *ctx.corpus.ancestors(rec.id)]:
            sent = next((s for s in segments(c.text, c.label) if ONE_OF_LIST.search(s)), None)
            if sent is not None and any(found_form(ctx, t, sent) for t in terms):
                reading = Reading(bool(ONE_OF.search(q.asked)) and not ALL_OF.search(q.asked), "alternatives", [])
                return yes_no_draft(ctx, q, c, sent, reading, None)
    return None


def _by_label(ctx: Context, q: Question, terms: list[str], hits: list[Clause]) -> Draft | None:
    """ "A 归 B 吗" where a clause defines kinds by label ("技术转移转化研究：…", "…运营服务：…"): yes when
    the definition of the kind the question names holds A, no when another kind's does."""
    masked = ASKING.sub(lambda m: "＿" * len(m[0]), q.asked)
    for rec in pool(ctx, hits):
        kinds = labelled(segments(rec.full_text, rec.label))
        if len(kinds) < 2:
            continue
        tokens = [set(ctx.match.lex.tokenize(label)) for label, _ in kinds]
        shared = set.intersection(*tokens)
        verb = CATEGORY.search(q.asked)  # the kind named after 算/属于/归 ("研究技术转移政策算运营服务方向吗")
        tail = q.asked[verb.end() :] if verb else q.asked
        named = [n for n, t in enumerate(tokens) if any(w in tail for w in t - shared)]
        subject, held = _held_by_kinds(ctx, terms, kinds)
        if not subject or max(held) == 0:
            continue
        if not named and _names_whole(ctx, q, segments(rec.full_text, rec.label)):  # 算技术经纪的工作范畴吗
            home = held.index(max(held))  # in one of the kinds the whole includes: yes (their lists end in 等)
            reading = Reading(not DENIED_CATEGORY.search(masked), "label", [])
            return yes_no_draft(ctx, q, rec, kinds[home][1], reading, None)
        if len(named) != 1 or held.count(max(held)) > 1:
            continue
        home = held.index(max(held))
        reading = Reading(home == named[0], "label", [])
        if DENIED_CATEGORY.search(masked):  # "这个不算研究方向吧" asks the opposite
            reading.holds = not reading.holds
        return yes_no_draft(ctx, q, rec, kinds[home][1], reading, None)
    return None


WHOLE_SUFFIX = re.compile(r"(?:专业|方向|工作|类)$")
WHOLE = re.compile(r"^(.{2,12}?)(?:包括|分为|包含)")  # "技术经纪专业包括“…研究方向”和“…运营服务方向”"


def _names_whole(ctx: Context, q: Question, segs: list[str]) -> bool:
    """Whether the question names the whole a statement of the clause divides into its labelled kinds."""
    for seg in segs:
        m = WHOLE.match(seg)
        if m and any(len(name) >= 3 and name in q.asked for name in (m[1], WHOLE_SUFFIX.sub("", m[1]))):
            return True
    return False


def _item_lacks(
    ctx: Context, q: Question, things: list[str], denied: list[str], hits: list[Clause], level: str | None
) -> Draft | None:
    """No, when an alternative of a sentence that names the thing (one of ``things``) requires what it lacks:
    "在公开发行的学术刊物上发表…专业论文，或…" for "论文没发表的话还会认吗"."""
    for rec in pool(ctx, hits):
        if q.grade and ctx.round.grade_of(rec.id) not in (None, q.grade):
            continue
        for sent in segments(rec.full_text, rec.label):
            for alt in re.split(r"[，,；;]|或", sent):  # the phrase that names the thing
                forms = [found_form(ctx, t, alt) for t in denied]
                if not any(found_form(ctx, t, alt) for t in things):
                    continue
                if all(forms) and all(polarities(alt, f) == {True} for f in forms if f):
                    return yes_no_draft(ctx, q, rec, sent, Reading(False, "requirement", []), level)
    return None


def _lacks_requirement(
    ctx: Context, q: Question, denied: list[str], hits: list[Clause], level: str | None
) -> Draft | None:
    """No, when a retrieved sentence requires (states, not as one alternative among others) every
    condition the question says the person lacks: "…并建立人事劳动关系的专业技术人才" for "没签劳动合同"."""
    for rec in pool(ctx, hits):
        if any(ALTERNATIVES.search(heading(c)) for c in [rec, *ctx.corpus.ancestors(rec.id)]):
            continue  # "符合下列条件之一" or an item of it: one route among others
        for sent in segments(rec.full_text, rec.label):
            if ALTERNATIVES.search(sent):
                continue
            said = TITLED.sub("", sent)  # a name inside a document's title (《…北京市…》) requires nothing
            forms = [found_form(ctx, d, said) for d in denied]
            if all(forms) and all(polarities(said, f) == {True} for f in forms if f):
                return yes_no_draft(ctx, q, rec, sent, Reading(False, "requirement", []), level)
    return None


def _by_negation(question: str, sentence: str, found: list[tuple[str, str]]) -> Reading | None:
    """The clause states or denies the question's predicate (the last of its words the clause uses),
    about the same subject; the answer is to the question as worded ("是不是不用…")."""
    *subject, (term, form) = found
    clause_says = polarities(sentence, form)
    asked = {negated_in_question(question, term) == denied_after(question, term)}  # denied once: asks "not"
    if len(clause_says) != 1:  # "所有业绩成果都需有…，对于无…的业绩成果不予认可": the phrase of the same subject
        phrases = [p for p in re.split(r"[，,；;]", sentence) if p != sentence and all(f in p for _, f in found)]
        readings = [r for p in phrases if (r := _by_negation(question, p, found)) is not None]
        return readings[0] if len({r.holds for r in readings}) == 1 else None
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
            forms = [f for t in subject if (f := found_form(ctx, t, sent))]
            n = sum(1 for f in forms if polarities(sent, f) == {True})
            if n and (best is None or n > best[0]):
                best = (n, sent, rec)
    if best is None or best[0] < len(subject) / 2:
        return None
    return yes_no_draft(ctx, q, best[2], best[1], Reading(within_rank(q.asked, best[1]), "membership", []), None)


def within_rank(question: str, sentence: str) -> bool:
    """Whether a rank the question states is within the one the sentence allows ("我排第五" vs
    "主持或参与（排名前三）"); True when either says none.

    >>> within_rank("我在那个报告里排第五，能拿来破格吗", "参与（排名前三）的报告"), within_rank("排第2", "排名前三")
    (False, True)
    """
    from ..text import cn_number

    stated, limit = RANK_STATED.search(question), RANK_LIMIT.search(sentence)
    return not (stated and limit) or cn_number(stated[1]) <= cn_number(limit[1])


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
