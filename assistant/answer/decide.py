"""Yes/no leads: a yes or a no decided from the clauses — the structure of the standard (only 高级工程师 has
破格), a clause's list of levels ("高、中级需…" → 初级 not), membership in the clauses about a part, the negation
of the question's predicate, exclusion from a part's list, and the levels this round reviews. The answer is to
the question as worded and carries its polarity.
"""

from __future__ import annotations

import itertools
import re

from .. import messages as M
from ..ingest.clauses import Clause
from ..vocab import Grade, vocabulary
from .compare import DIFFERENT_ASKED, SAME_ASKED, by_counts
from .draft import Context, Draft, heading, pool, segments, yes_no_draft
from .lists import (
    CATEGORY,
    NAMED_KIND,
    QUOTED,
    all_or_one,
    asks_all_or_one,
    by_label,
    by_rank,
    quoted_absent,
    ranks_stated,
    within_rank,
)
from .model import Kind, Sources
from .roles import REQUIRED, by_role, roles_stated
from .shapes import PART_NAME, PARTS, not_stated, part_asked, part_cue
from .terms import VERB_COMPLEMENT, found_form, key_terms, specific
from .understand import APPLY_ASKED, CONCURRENT, POINTS_BACK, ROUND_ASKED, Question
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
LACKING = re.compile(r"没|无|未|不在|不是|并非")
NO_NEED = re.compile(r"不需要|不需|不用|不必|无需|无须|不要")
DEFINES = re.compile(r"^[^：:，,。]{2,12}[：:]")
SCOPE_HEADING = re.compile(r"人员范围|申报范围|申报对象|适用范围")  # the clause on who may apply
OTHER = r"(?:其他|其它|别的|任何)\S{0,2}"  # "…也没有其他证明材料": the things named before are of this kind
NO_MATTER = re.compile(r"没关系|无所谓|不要紧|不碍事|不影响")  # asks whether lacking something is acceptable
# and not doing what is required
LACKING_ANY = re.compile(LACKING.pattern + r"|不[填交写签发附带]|不参加|不提供|不上传")
ACCEPTED = re.compile(r"认可|承认|认|算|作数|有效|计入|采纳|也行|行不行|也可以")  # asks whether a thing counts
TITLED = re.compile(r"《[^》]*》")
NEEDS = re.compile(r"需|须|应|必须|要求|都要")
REQUIREMENT_ASKED = re.compile(r"需|须|必须|要(?!求)|得")  # "业绩需要佐证材料吗": what a thing requires
MEMBER = re.compile(r"算|属于|包括|包含|认可|认|计入|作为|当作|当成|用来|能用|可以用|行不行|也行")  # "A 算 X 吗"
OPTIONAL = re.compile(r"(?:可以|能|可否|能否)不|不\S{1,8}(?:可以|也行|行)吗")  # whether a thing may be left out
MODAL_VERB = re.compile(r"[能可会要得][\u4e00-\u9fff]")
NEGATED_VERB = re.compile(r"(?:不|没|未)[\u4e00-\u9fff]")
LIGHT_VERBS = frozenset({"附", "附上", "提供", "填", "填写", "填报", "写", "交", "提交", "签", "上传", "参加", "准备"})
# "…是不是不算成果" (not 算不算: that asks either way)
DENIED_COUNT = re.compile(r"(?<![算认计作])(?:不|没)(?:算|认可|计入|作数|被认可|予认可)")
ROUND_DENIED = re.compile(r"(?<![有评包含])(?:不|没有?)(?:评|包括|包含|含|有)")  # not 有没有, 评不评
# every level at once: "所有级别", "每个级别", "不管哪一级", "三个级别都…"
EVERY_LEVEL = re.compile(
    r"(?:所有|全部|每个|每一个?|各个?|任何|三个)(?:级别|等级|层级|档次)|(?:不管|无论|不论|甭管)\S{0,6}?(?:级别|等级|一级|级)"
)
TITLED_WORD = re.compile(r"实施办法|通知|标准|文件")  # the question speaks of a document: its title counts


def _denied_verb(term: str) -> bool:
    """不算, 不附, 没交, 能用: a predicate (denied, or after a modal), no name the documents could lack."""
    return bool(DENIED_COUNT.fullmatch(term) or NEGATED_VERB.fullmatch(term) or MODAL_VERB.fullmatch(term))


def _clause_of(text: str, term: str) -> str:
    """The clause (between commas) of ``text`` that holds ``term``."""
    return next((c for c in re.split(r"[，,。；;！!？?]", text) if term in c), "")


def _denial_speaks_of(clause: str, denied: str, other: str) -> bool:
    """Whether the denial of ``denied`` in ``clause`` is said of ``other`` too: ``other`` is its subject
    ("社保不在北京交") or inside it, not the noun a 的 hangs it on ("没建立劳动关系的兼职人员")."""
    i, j = clause.find(denied), clause.find(other)
    if j < 0:
        return False
    if j < i:  # its subject: the negation comes right after it ("我手上有几项业绩没有…": 手上 is no subject)
        return bool(re.match(r"^.{0,2}(?:不|没|未|无)", clause[j + len(other) :]))
    return "的" not in clause[i:j]


def _blank(m: re.Match[str]) -> str:
    return "《" + "＿" * (len(m[0]) - 2) + "》"


ALTERNATIVES = re.compile(r"或|之一|任一")  # "…论文，或…技术合同": one way among others, no requirement


def yes_no(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    if q.elsewhere and (draft := _works_elsewhere(ctx, q)) is not None:  # "人在天津公司上班，能报吗"
        return draft
    if (compared := by_counts(ctx, q)) is not None:  # "高工要的成果跟工程师一样多吗": by the rules' counts
        return compared
    terms = key_terms(ctx, q)
    alike = _alike_asked(q)
    if alike:  # "高级和中级在一个地方公示吗": 一个地方 is how the levels compare, no word to find
        terms = [t for t in terms if not (SAME_ASKED.search(t) or DIFFERENT_ASKED.search(t))]
    # 做孵化和创业辅导，归研究方向吗: by the definition that holds it (not "证书算不算成果": a part, no kind)
    if CATEGORY.search(q.asked) and not (part_cue(q.asked) and not re.search(r"方向|研究|运营", q.asked)):
        draft = by_label(ctx, q, terms, hits)
        if draft is not None:
            return draft
    if CONCURRENT.search(q.asked):  # 高级和中级能同时报吗: the documents say nothing of applying twice at once
        return not_stated(ctx, q, M.MISSING_CONCURRENT, None)
    if asks_all_or_one(q.asked):  # 破格那几条要全部满足吗: "具备下列条件之一"
        draft = all_or_one(ctx, q, hits)
        if draft is not None:
            return draft
    played = roles_stated(q.core or "") or roles_stated(q.asked)  # the part the clause that asks speaks of
    if MUST.search(q.asked) and not played and (draft := _one_of(ctx, q, terms, hits)) is not None:
        return draft  # "论文必须发核心期刊吗", "必须主持过省部级课题吗": one of the clause's alternatives
    stated = ranks_stated(q.asked)
    if stated and (draft := by_rank(ctx, q, stated, hits)) is not None:  # 厅局级领导的批示就够了吗 (正高)
        return draft
    played = roles_stated(q.core or "") or roles_stated(q.asked)  # the part the clause that asks speaks of
    if played and (draft := by_role(ctx, q, played, hits)) is not None:  # 论文我是第三作者，能算吗 (工程师)
        return draft
    cue = part_cue(q.asked)
    named_parts = {PARTS[c] for c in PARTS if c in q.asked}
    if cue and len(named_parts) > 1 and len(q.grades) == 1 and all(any(c in t for c in PARTS) for t in terms):
        return _by_structure(ctx, q, q.grades[0], PARTS[cue])  # "助理工程师需要业绩成果吗": the grade's parts
    subject = [t for t in terms if cue is None or cue not in t]
    # a clause that asks with no subject of its own and points to none ("学历差一点 能不能破格报工程师"): of the grade
    if q.core and not POINTS_BACK.search(q.core) and not any(t in q.core for t in subject):
        subject = []
    if cue and not subject and len(q.grades) == 1:  # 工程师有业绩要求吗
        return _by_structure(ctx, q, q.grades[0], PARTS[cue])
    # 研究课题得到领导批示算业绩吗: is it among the clauses about 业绩? ("这种业绩还能算吗" asks about the context)
    # (not when the question denies the thing: "论文没公开发表能算吗" asks about what it lacks)
    # ("评高工时行业发展报告是不是不算成果": the negation is of counting, asked of the thing, which it lacks not)
    counted = DENIED_COUNT.sub(lambda m: "＿" * len(m[0]), q.core or q.asked)
    lacking = any(negated_in_question(counted, t) or LACKING.match(t) for t in subject)
    # (not "业绩需要佐证材料吗": what the part requires, no membership asked)
    member = MEMBER.search(q.asked) or not REQUIREMENT_ASKED.search(q.asked)
    if cue and subject and not lacking and not re.search(rf"(?:{POINTS_BACK.pattern})的?{cue}", q.asked):
        draft = _by_membership(ctx, q, cue, subject, hits) if member else None
        if draft is None and member and not q.grades:  # "技术经纪人证书算不算成果": in no grade's list
            draft = _not_listed_any(ctx, q, PARTS[cue], subject)
        if draft is not None:
            return draft
        # "评工程师论文必须发核心期刊吗": a requirement of another grade's clause, not of this one's
        lacked = _only_elsewhere(ctx, q.grades[0], PARTS[cue], subject) if len(q.grades) == 1 else []
        if lacked and REQUIRED.search(q.asked):
            draft = _not_listed(ctx, q, q.grades[0], PARTS[cue], _phrase(q.asked, lacked))
            if draft is not None:
                return draft
    level = grade_level(q.grades)
    if not level and q.held and not q.grades and ROUND_ASKED.search(q.asked):
        level = q.held.value  # "这次有正高吗": 有 is of the round, not a title held
    if level and not terms and (APPLY.search(q.asked) or ROUND_ASKED.search(q.asked)):  # 今年有正高吗
        return _by_round(ctx, q, level)
    # 有没有“技术转移转化管理方向”这个方向: a name quoted that the documents never use
    named = [m[1] for m in QUOTED.finditer(q.asked) if m[1] not in ctx.match.corpus_text]
    named = named or [m[1] for m in NAMED_KIND.finditer(q.asked) if m[1] not in ctx.match.corpus_text]
    if named and (draft := quoted_absent(ctx, q, named[0], hits)) is not None:
        return draft
    # 对年龄有限制吗, 答辩要准备PPT吗: a word the documents never use (not a cutting slip like 中会发)
    asking = q.core or q.asked  # the caller's context (我在行业协会工作，…) is not what is asked
    low = asking.lower()  # terms are lower-cased (PPT → ppt)
    absent = [
        t
        for t in terms
        if t in low
        and not ctx.match.present(t)
        and specific(t, ctx.match.corpus_text)
        and not VERB_COMPLEMENT.match(t)
        and not _denied_verb(t)
    ]
    unsaid: Draft | None = None  # the words the documents never use, said when nothing else decides
    if absent:
        shown = [m[0] if (m := re.search(re.escape(t), q.asked, re.I)) else t for t in absent]
        if cue and len(q.grades) == 1:  # 破格条件里有没有"获得科技奖励"这一条: not among the items listed
            draft = _not_listed(ctx, q, q.grades[0], PARTS[cue], "、".join(shown))
            if draft is not None:
                return draft
        unsaid = not_stated(ctx, q, "", None, terms="、".join(shown))
        # "没建立劳动关系的兼职人员可以申报吗": a requirement the person lacks decides, whatever 兼职 is
        lacked = [t for t in terms if t not in absent and negated_in_question(asking, t) and ctx.match.present(t)]
        if not (lacked and APPLY.search(q.asked)):
            return unsaid
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
    denied = [t for t in denied if t not in LIGHT_VERBS]  # "不提供佐证": 佐证 is what is lacked, not 提供
    denied += [t for t in terms if t in scope and LACKING.match(t) and not ctx.match.present(t)]  # 合同没签
    # "我社保不在北京交，可以申报吗": the denial is of a thing the documents never name (社保), not of the person
    # ("没建立劳动关系的兼职人员": 的 ends the denial; 兼职人员 is the person, who lacks the requirement)
    strangers = [
        t
        for d in denied
        for t in terms
        if t not in denied
        and _denial_speaks_of(_clause_of(scope, d), d, t)
        and not ctx.match.present(t)
        and specific(t, ctx.match.corpus_text)
        and not _denied_verb(t)
    ]
    if strangers:
        return not_stated(ctx, q, "", None, terms="、".join(dict.fromkeys(strangers)))
    # "没留合同也没有其他证明材料": 合同 is one of the 证明材料 denied after it, which the sentence must name
    denied = [t for t in denied if not any(re.search(rf"{re.escape(t)}.*{OTHER}{re.escape(d)}", scope) for d in denied)]
    # "我是澳门人，在一家咨询公司工作，可以申报吗": who may apply is decided by the clauses on who applies
    who = not q.grades and cue is None and bool(APPLY_ASKED.search(q.asking) or SCOPE_HEADING.search(q.asking))
    # the words of the clause that asks ("…工作一直很忙，没太多时间准备。中级是不是也要答辩": not 准备, 一直)
    asked_terms = terms if whole or who else [t for t in terms if t in scope] or terms
    for rank, rec in enumerate(pool(ctx, hits)):
        if q.grade and ctx.round.grade_of(rec.id) not in (None, q.grade):
            continue
        if who and (SCOPE_HEADING.search(heading(rec)) or rec.id == ctx.book.rules["basic"]["clause"]):
            rank = -1  # the notice's scope and the standard's basic conditions (从事技术转移转化工作)
        for sent in segments(rec.full_text, rec.label):
            # a word inside a document's title (…实施办法》 for "办法") says nothing of the question
            bare = sent if any(TITLED_WORD.search(t) for t in terms) else TITLED.sub(_blank, sent)
            found = [(t, f) for t in asked_terms if (f := found_form(ctx, t, bare))]
            if denied and not all(any(t == d for t, _ in found) for d in denied):
                continue
            if who and rank == -1 and found:  # any of the person's words, in the scope clause (as a phrase first)
                joined = sum(a + b in sent for a, b in itertools.pairwise(terms))
                defines = bool(DEFINES.match(sent))  # "技术转移转化研究：从事…": what a direction is, no rule
                candidates.append((-len(found) - len(terms) - joined + defines, rank, sent, rec, found))
            elif found and found[-1][0] == terms[-1]:  # the sentence must speak of the predicate
                candidates.append((-len(found), rank, sent, rec, found))
    # "没跟任何单位签劳动合同，这样能报吗": a requirement the person lacks (not "是不是不用答辩": asks for a need)
    said = ASKING.sub("", scope)  # 是不是 denies nothing
    # ("不填也没关系吧", "没参加过继续教育也没关系吧": whether lacking it is acceptable)
    asks_ok = APPLY.search(q.asked) or NO_MATTER.search(q.asked) or OPTIONAL.search(q.asked)  # 可以不提供…吗
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
    if not level and not several and EVERY_LEVEL.search(q.asked):  # "所有级别都要答辩吗": the round's levels
        several = list(ctx.round.round_levels)
    for n, _, sent, rec, found in ranked:
        if n > ranked[0][0]:
            break
        forms = [f for _, f in found]
        if level:
            reading = by_levels(sent, level, forms)
        elif alike:
            reading = _alike(sent, several, bool(DIFFERENT_ASKED.search(q.asked)))
        else:
            reading = _every_level(sent, several, forms)
        if reading is not None:
            term = found[-1][0]  # "副高级是不是不用答辩？", "初级应该不能答辩吧" ask the opposite
            if (polarities(q.asked, term) == {False}) != denied_after(q.asked, term):
                reading.holds = not reading.holds
            left = [lvl for lvl in several if lvl not in reading.levels]  # "所有级别都…": the ones the list leaves out
            every = bool(several) and not alike
            return yes_no_draft(ctx, q, rec, sent, reading, level or "、".join(left) or None, every=every)
    if alike:  # how levels compare is read from their lists only
        return None
    # "没参加继续教育应该不影响申报吧": the conditions lacked, not the predicate denied as the question's claim
    lacked = [d for d in denied if d != terms[-1]] or denied
    if lacks and (draft := _lacks_requirement(ctx, q, lacked, hits, level)) is not None:
        return draft
    for _, _, sent, rec, found in ranked:
        reading = _by_negation(q.asked, sent, found)
        if reading is not None:
            return yes_no_draft(ctx, q, rec, sent, reading, level)
    if who and ranked and ranked[0][1] == -1 and not denied:  # "我是香港居民…，属于申报人员范围吗": it says so
        _, _, sent, rec, _ = ranked[0]
        return yes_no_draft(ctx, q, rec, sent, Reading(True, "membership", []), None)
    return unsaid


def _works_elsewhere(ctx: Context, q: Question) -> Draft | None:
    """No: the scope clause takes people working in 本市's organisations, and the person works elsewhere."""
    scope = next((c for c in ctx.corpus.clauses.values() if c.indexed and SCOPE_HEADING.search(heading(c))), None)
    if scope is None:
        return None
    sentence = next((s for s in segments(scope.full_text, scope.label) if "本市" in s), None)
    if sentence is None:
        return None
    draft = yes_no_draft(ctx, q, scope, sentence, Reading(False, "requirement", []), None)
    draft.lead += M.WORKS_ELSEWHERE.format(place="、".join(q.elsewhere))
    return draft


def _every_level(sentence: str, levels: list[str], forms: list[str]) -> Reading | None:
    """Several levels asked at once: the sentence's level lists hold them all, or leave one out."""
    if len(levels) < 2:
        return None
    readings = [by_levels(sentence, lvl, forms) for lvl in levels]
    if any(r is None for r in readings):
        return None
    listed = next(r.levels for r in readings if r is not None)
    return Reading(all(r.holds for r in readings if r is not None), "levels", listed)


def _alike_asked(q: Question) -> bool:
    """Whether ``q`` asks if several levels are treated alike (or differently)."""
    return len(levels_in(q.asked)) >= 2 and bool(SAME_ASKED.search(q.asked) or DIFFERENT_ASKED.search(q.asked))


def _alike(sentence: str, levels: list[str], different: bool) -> Reading | None:
    """Several levels asked to be treated alike: one segment of the sentence names them all
    ("高、中级需进行答辩评审"), or each its own ("高级…在A公示，中、初级…在B公示": not alike).

    >>> _alike("高级…在A公示，中、初级…在B公示。", ["副高级", "中级"], False).holds
    False
    >>> _alike("高、中级需进行答辩评审。", ["副高级", "中级"], True).holds
    False
    >>> _alike("高、中级需进行答辩评审。", ["中级", "初级"], False).holds
    False
    """
    if len(levels) < 2:
        return None
    segments = [s for s in re.split(r"[，,；;。]", sentence) if s.strip()]
    own = [next((i for i, s in enumerate(segments) if lvl in levels_in(s)), None) for lvl in levels]
    if all(i is None for i in own):
        return None
    alike = len(set(own)) == 1  # (one level listed and another left out: not alike)
    return Reading(alike != different, "levels", [lvl for s in segments for lvl in levels_in(s)])


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
            # the sentence, or one phrase of it ("所有业绩成果都需有相应佐证材料，对于无佐证材料的…不予认可")
            for phrase in dict.fromkeys([said, *re.split(r"[，,；;]", said)]):
                forms = [found_form(ctx, d, phrase) for d in denied]
                # a requirement says so (需/须/应…), or is who may apply ("…并建立人事劳动关系的…人才")
                required = NEEDS.search(phrase) or SCOPE_HEADING.search(heading(rec))
                if required and all(forms) and all(polarities(phrase, f) == {True} for f in forms if f):
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
        # the phrase that says it of the subject, not one where it only qualifies a noun ("无佐证材料的业绩")
        phrases = [p for p in phrases if not re.search(re.escape(form) + "的", p)] or phrases
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
    reading = Reading(within_rank(q.asked, best[1]), "membership", [])
    if DENIED_COUNT.search(q.asked):  # "是不是不算成果": asked the other way round
        reading.holds = not reading.holds
    return yes_no_draft(ctx, q, best[2], best[1], reading, None)


def _only_elsewhere(ctx: Context, grade: Grade, part: str, subject: list[str]) -> list[str]:
    """The words of ``subject`` that ``grade``'s clause for ``part`` lacks and another grade's has ("核心期刊"
    for 工程师's 成果, which only 高级工程师's names); none when any such word is in no such clause."""
    grades = ctx.book.rules["grades"]
    if part not in grades.get(grade, {}):
        return []
    own = ctx.corpus.clauses[grades[grade][part]["clause"]].full_text
    lacked = [t for t in subject if ctx.match.present(t) and not found_form(ctx, t, own)]
    others = [ctx.corpus.clauses[g[part]["clause"]].full_text for n, g in grades.items() if n != grade and part in g]
    return lacked if lacked and any(all(found_form(ctx, t, text) for t in lacked) for text in others) else []


def _phrase(text: str, words: list[str]) -> str:
    """The stretch of ``text`` from its first to its last of ``words`` ("核心", "期刊" → "核心期刊")."""
    at = [(i, i + len(w)) for w in words if (i := text.find(w)) >= 0]
    return text[min(a for a, _ in at) : max(b for _, b in at)] if at else "、".join(words)


def english_detail(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """ "Is the defence held online?", "Can I call at the weekend?": an English yes/no question that turns
    on a detail word the glossary lacks is not decided by the clause its other words find."""
    lex = ctx.match.lex
    unknown = lex.english_unknown(q.text, vocabulary().english_names()) if q.english else []
    details = [w for w in unknown if w in lex.english_details]
    return not_stated(ctx, q, "", None, terms="、".join(details)) if details else None


MUST = re.compile(r"必须|一定要|一定得|非得|非要|只能|只有")
PIECES = re.compile(r"；|，或|或者|或(?=作为|在|出版|发表|完成|主持|参与|制定)")  # a clause's alternatives


def _one_of(ctx: Context, q: Question, terms: list[str], hits: list[Clause]) -> Draft | None:
    """No, when what the question asks to be required ("必须发核心期刊吗") is one of several alternatives
    the clause joins with 或: the clause asks for one of them, not that one."""
    asked = [t for t in terms if not MUST.search(t) and t not in PARTS]  # (the part itself is the clause's)
    for rec in hits[:5]:
        if q.grade and ctx.round.grade_of(rec.id) not in (None, q.grade):
            continue
        for sent in segments(rec.full_text, rec.label):
            pieces = [x for x in PIECES.split(sent) if x.strip()]
            if not asked or not all(found_form(ctx, t, sent) for t in asked):
                continue  # (a word the clause lacks: "没有提到", decided elsewhere)
            holding = [x for x in pieces if all(found_form(ctx, t, x) for t in asked)]
            if len(pieces) >= 2 and len(holding) == 1:
                reading = Reading(False, "one_of", [])
                draft = yes_no_draft(ctx, q, rec, sent, reading, grade_level(q.grades))
                draft.lead += M.ONE_OF_SEVERAL
                return draft
    return None


def absent_part(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """A part asked of a grade whose conditions have none ("助工的成果条件"): 没有, and what it has."""
    key = part_asked(q)
    g = ctx.book.rules["grades"].get(q.grades[0]) if len(q.grades) == 1 else None
    if key is None or g is None or key in g:
        return None
    return _by_structure(ctx, q, q.grades[0], key, (M.HAS_WORD, M.HAS_NOT_WORD))


def _by_structure(
    ctx: Context, q: Question, grade: Grade, part: str, words: tuple[str, str] | None = None
) -> Draft | None:
    """Whether a grade's conditions include 业绩 / 成果 / 破格, from the rules."""
    grades = ctx.book.rules["grades"]
    if grade not in grades:
        return None
    yes_word, no_word = words or answer_words(q.asked)
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
    yes_word, no_word = answer_words(q.asked)
    denied = bool(DENIED_COUNT.search(q.asked))  # "专利是不是不算成果": not listed, so yes, it does not count
    lead = M.YESNO_NOT_LISTED.format(
        word=yes_word if denied else no_word,
        grade=grade,
        part=PART_NAME[part],
        terms=terms,
        quote=g[part]["quote"],
        cite=src.cite(rec),
    )
    return Draft(Kind.YES_NO, lead, src, polarity="yes" if denied else "no")


def _not_listed_any(ctx: Context, q: Question, part: str, subject: list[str]) -> Draft | None:
    """No: no grade's clause for that part names any word of ``subject`` ("证书" among the 成果), and the
    documents name it nowhere else either (佐证 is named: what they say of it decides)."""
    if any(ctx.match.present(t) for t in subject):
        return None
    grades = ctx.book.rules["grades"]
    recs = [ctx.corpus.clauses[g[part]["clause"]] for g in grades.values() if part in g]
    if not recs or any(found_form(ctx, t, r.full_text) for t in subject for r in recs):
        return None
    src = Sources()
    yes_word, no_word = answer_words(q.asked)
    denied = bool(DENIED_COUNT.search(q.asked))
    lead = M.YESNO_NOT_LISTED_ANY.format(
        word=yes_word if denied else no_word,
        part=PART_NAME[part],
        terms=_phrase(q.asked, subject),
        cites="".join(src.cite(r) for r in recs),
    )
    return Draft(Kind.YES_NO, lead, src, polarity="yes" if denied else "no")


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
    if ROUND_DENIED.search(q.asked):  # "正高级这次不评吗": asks whether it is left out
        reading.holds = not reading.holds
    sentence = next((s for s in segments(clause.text) if set(listed) <= set(levels_in(s))), clause.text)
    return yes_no_draft(ctx, q, clause, sentence, reading, level)
