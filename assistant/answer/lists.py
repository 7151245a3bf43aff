"""Readings of a clause's lists, for yes/no and which-kind questions: the labelled kinds a clause defines
("技术转移转化研究：…"), a list of conditions of which one is enough ("具备下列条件之一"), the rank of
authority a list requires ("省部级及以上媒体"), and a quoted name that is not among a list of kinds.

Each reading is a lead (``Context, Question, hits → Draft | None``) or a small test of the question's text.
"""

from __future__ import annotations

import re

from .. import messages as M
from ..ingest.clauses import Clause
from .draft import Context, Draft, labelled, pool, segments, yes_no_draft
from .model import Kind, Sources
from .terms import found_form, key_terms
from .understand import Question
from .yesno import ASKING, Reading, grade_level

RANK_STATED = re.compile(r"排(?:名)?第?([一二三四五六七八九十\d]+)(?!名?以内|前)")  # "我排第五"
RANK_LIMIT = re.compile(r"排名前([一二三四五六七八九十\d]+)")  # "（排名前三）"
QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,20})[”\"」』]")
ENUMERATES = re.compile(r"包括|包含|分为|有")
# a kind named unquoted after the verb that asks for it: "有没有技术转移转化管理方向", "包括知识产权代理方向吗"
NAMED_KIND = re.compile(r"(?:有没有|有|包括|包含|含|分出?)(?:个|一个)?([\u4e00-\u9fff]{2,14}?方向)")
ALL_OF = re.compile(r"全部|全都|都要|都得|都需|都必须|同时满足|同时具备|同时符合|每一?[条项个]都|所有条件")
ONE_OF = re.compile(r"(?:一|1|任意一|任一|其中一)[条个]?(?:就|即|便)|(?:满足|符合|具备|占)(?:其中)?(?:一|1|任一)")
OF_CONDITIONS = re.compile(r"条件|[几一1每]条|[这那]几|路径|途径")  # …of a list of conditions, not "所有业绩成果都要"
MEETS = re.compile(r"满足|符合|具备|达到|达标")  # how a list is met: names no list
ONE_OF_LIST = re.compile(r"下列\S{0,6}条件之一")
# "A 属于/归/算 B 吗": which of the labelled kinds a thing is
CATEGORY = re.compile(r"属于|归|算")
DENIED_CATEGORY = re.compile(r"(?:不|并非|没)(?:属于|算|归|是)")
WHICH_KIND = re.compile(
    r"(?:哪个|哪一个|哪类|哪一类|哪种|什么|啥)(?:方向|类别|类型)|(?:属于|归|算|(?<!申)报)哪(?!天|一天|年|月|号|里|儿)"
    r"|(?:该|应该|应当|得)(?:选|报|归|填|走)\S{0,12}方向"  # "同事说我该选运营服务方向": which one, by the work said
)
# the ranks of authority the standard requires of a thing ("省部级及以上媒体", "厅局级以上领导肯定性批示"),
# and the lower words people use for what they have ("行业公众号", "普通企业的项目"): data, highest first
RANK_WORDS = {
    "国家级": 4, "国家重大": 4, "国家": 4, "省部级": 3, "省级": 3, "部级": 3, "厅局级": 2, "厅级": 2, "局级": 2,
    "地市级": 1, "市级": 1, "市里": 1, "区级": 1, "县级": 1, "县": 1,
    "行业": 0, "公众号": 0, "自媒体": 0, "企业": 0, "普通": 0, "公司": 0,
    "国务院": 4, "央视": 4, "中央电视台": 4, "人民日报": 4, "新华社": 4, "省政府": 3, "县政府": 1, "区政府": 1,
    "镇政府": 1, "县里": 1, "区里": 1,
}  # fmt: skip
RANK_NOUNS = {"批示": "批示", "媒体": "媒体", "报道": "媒体", "宣传": "媒体", "公众号": "媒体", "电视台": "媒体",
              "电台": "媒体", "报纸": "媒体", "日报": "媒体", "新闻": "媒体", "项目": "项目",
              "课题": "课题", "政府": "政府", "部门": "政府", "采纳": "政府"}  # fmt: skip
RANKED = re.compile(rf"({'|'.join(sorted(RANK_WORDS, key=len, reverse=True))})(?:及)?(?:以上)?")
RANK_NOUN = re.compile("|".join(RANK_NOUNS))
WHOLE_SUFFIX = re.compile(r"(?:专业|方向|工作|类)$")
WHOLE = re.compile(r"^(.{2,12}?)(?:包括|分为|包含)")  # "技术经纪专业包括“…研究方向”和“…运营服务方向”"


# "做技术合同登记的，算从事本专业工作吗": whether some work is the field's, by the directions' definitions
FIELD_WORK_ASKED = re.compile(
    r"(?:算|属于|是|算不算|属不属于|是不是)(?:从事)?(?:本专业|技术转移转化|技术转移|成果转化|科技成果转移转化|技术经纪)"
    r"(?:技术|专业技术)?(?:的)?(?:工作|范围|范畴)"
)


def field_work(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """Yes when the directions' definitions hold the work described (as ``which_kind`` finds it); else the
    documents do not say, with the definitions as context: they list the work, they define no other."""
    if not FIELD_WORK_ASKED.search(q.asking):
        return None
    from .shapes import not_stated  # (shapes imports this module)

    kinds = next((rec for rec in pool(ctx, hits) if len(labelled(segments(rec.full_text, rec.label))) >= 2), None)
    asked = FIELD_WORK_ASKED.sub("", q.asking)
    work = [t for t in key_terms(ctx, q) if t in asked]  # the work described, every word of it listed
    listed = kinds and all(found_form(ctx, t, kinds.full_text) or t[:2] in kinds.full_text for t in work)
    found = which_kind(ctx, q, hits) if listed else None
    if found is not None:
        found.lead = M.FIELD_WORK_YES + found.lead
        return Draft(Kind.YES_NO, found.lead, found.sources, polarity="yes")
    return not_stated(ctx, q, M.MISSING_FIELD_WORK, kinds)


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


def _held_by_kinds(ctx: Context, terms: list[str], kinds: list[tuple[str, str]]) -> tuple[list[str], list[float]]:
    """The question's words that are no kind's label, and how much of them each kind's definition holds:
    the rarer the word in the documents, the more it tells which kind holds it (投融资 over 科技)."""
    subject = [t for t in terms if not any(t in label or label in t for label, _ in kinds)]
    rare = {t: 1 / (1 + ctx.match.corpus_text.count(t)) for t in subject}
    return subject, [sum(rare[t] for t in subject if found_form(ctx, t, d)) for _, d in kinds]


def by_label(ctx: Context, q: Question, terms: list[str], hits: list[Clause]) -> Draft | None:
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


def _names_whole(ctx: Context, q: Question, segs: list[str]) -> bool:
    """Whether the question names the whole a statement of the clause divides into its labelled kinds."""
    for seg in segs:
        m = WHOLE.match(seg)
        if m and any(len(name) >= 3 and name in q.asked for name in (m[1], WHOLE_SUFFIX.sub("", m[1]))):
            return True
    return False


def asks_all_or_one(text: str) -> bool:
    """Whether a question asks if every item of a list must hold, or one is enough.

    >>> asks_all_or_one("破格那几条要全部满足吗"), asks_all_or_one("满足一条就行吗"), asks_all_or_one("一共几条")
    (True, True, False)
    >>> asks_all_or_one("所有业绩成果都要有佐证吗"), asks_all_or_one("成果只要1项就够了吗")
    (False, False)
    """
    return bool((ALL_OF.search(text) or ONE_OF.search(text)) and OF_CONDITIONS.search(text))


def all_or_one(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
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


def by_rank(ctx: Context, q: Question, stated: list[tuple[int, str]], hits: list[Clause]) -> Draft | None:
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


def within_rank(question: str, sentence: str) -> bool:
    """Whether a rank the question states is within the one the sentence allows ("我排第五" vs
    "主持或参与（排名前三）"); True when either says none.

    >>> within_rank("我在那个报告里排第五，能拿来破格吗", "参与（排名前三）的报告"), within_rank("排第2", "排名前三")
    (False, True)
    """
    from ..text import cn_number

    stated, limit = RANK_STATED.search(question), RANK_LIMIT.search(sentence)
    return not (stated and limit) or cn_number(stated[1]) <= cn_number(limit[1])


def _owner(ctx: Context, rec: Clause, sentence: str) -> Clause:
    """The clause under ``rec`` (or ``rec``) whose own text holds ``sentence``."""
    under = [c for c in ctx.corpus.clauses.values() if c.id.startswith(rec.id + "-") and sentence in c.text]
    return min(under, key=lambda c: len(c.text)) if under else rec


def quoted_absent(ctx: Context, q: Question, name: str, hits: list[Clause]) -> Draft | None:
    """No, when the documents list the kind the quoted name claims to be (its last word: 方向) and it is
    not among them: "技术经纪专业包括“…研究方向”和“…运营服务方向”"."""
    head = name[-2:]
    for rec in pool(ctx, hits):
        for sent in segments(rec.full_text, rec.label):
            items = re.findall(rf"[^”“，。、和]+{re.escape(head)}", sent)
            if len(items) >= 2 and ENUMERATES.search(sent):
                if any(_shortens(name, item, items) for item in items):
                    return None  # "运营方向": the 运营服务方向 listed, said short
                return yes_no_draft(ctx, q, rec, sent, Reading(False, "not_listed", []), None)
    return None


def _shortens(name: str, item: str, items: list[str]) -> bool:
    """``name`` is ``item`` said short: it shares a word with what sets ``item`` apart from the other
    items (运营方向 ~ 技术转移转化运营服务方向; not 技术转移转化管理方向).

    >>> items = ["技术转移转化研究方向", "技术转移转化运营服务方向"]
    >>> _shortens("运营方向", items[1], items), _shortens("技术转移转化管理方向", items[1], items)
    (True, False)
    """
    prefix = items[0]
    for other in items[1:]:
        while not other.startswith(prefix):
            prefix = prefix[:-1]
    own = item[len(prefix) : -2]
    said = name[:-2]
    return any(own[i : i + 2] in said for i in range(len(own) - 1))
