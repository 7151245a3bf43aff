"""Two questions in one message ("网上申报什么时候？答辩几月？", "…还有你们咨询电话是多少"): the message is
split into the questions it asks, each is answered on its own, and the answers are joined into one, with
the citations numbered again.

    >>> split_questions("两个问题哈 一个是网上申报什么时候 二是答辩几月份")
    ['网上申报什么时候', '答辩几月份']
    >>> split_questions("中级评审结果在哪公示？还有交费的时候会有短信提醒吗")
    ['中级评审结果在哪公示？', '交费的时候会有短信提醒吗']
    >>> split_questions("我是硕士，毕业三年了，能报工程师吗？")
    ['我是硕士，毕业三年了，能报工程师吗？']
    >>> split_questions("工程师的成果要几项，高级工程师要几项？")
    ['工程师的成果要几项，', '高级工程师的成果要几项？']
    >>> split_questions("硕士申报工程师要干几年，高级工程师要几年")
    ['硕士申报工程师要干几年，', '硕士申报高级工程师要干几年？']
    >>> split_questions("博士毕业报工程师有没有年限要求？报高级工程师要干满几年？")
    ['博士毕业报工程师有没有年限要求？', '博士毕业，报高级工程师要干满几年？']
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from ..vocab import Grade, vocabulary
from .asks import SOME
from .followup import is_follow_up, resolve
from .model import MARK, Answer, Citation, Kind, Part, Trace

# where a second question starts: after a question mark, or where "还有/另外…" opens a clause (not "还有
# 其他条件吗", which asks one thing); "一个是…二是…" lists them; "两个问题哈" only announces them
PREAMBLE = re.compile(
    r"^\s*(?:我?有?(?:两|2|几)个问题(?:想问一?下|想请教)?[哈啊呀啦：:，,。\s]*|想问(?:两|2)件事[：:，,\s]*)"
)
OPENER = (
    r"(?:还有(?:就是|个问题|一个问题)?(?!其他|其它|别的|什么|没有|哪|吗|呢|啥|多|几|要|需|办法)|另外"
    r"|以及|再就是|再问一?下|顺便问一?下|还想问一?下)[，,：:\s]*"
)
BOUNDARY = re.compile(rf"(?<=[？?])\s*(?:{OPENER})?|[，,；;。\s]+{OPENER}")
ENUMERATED = re.compile(
    r"^(?:一个是|一是|第一个?(?:问题)?是?)[，,：:\s]*(?P<a>.+?)[，,；;。\s]*"
    r"(?:二是|另一个是|另一个|第二个?(?:问题)?是?)[，,：:\s]*(?P<b>.+)$"
)
# a clause after a comma is a question of its own only if it names its topic: not "是2项吗", "具体哪天"
# (a detail of the same), "需要什么条件" (of the same subject)
DEPENDENT = re.compile(
    r"^(?:比如|例如|譬如|像是|是|对|还是|具体|确切|那|这|如果|要是|需要|需|要|得|能|可以|可不可以|有没有|会不会|都|也|又|就|还)"
)
COMMA = re.compile(r"(?<=[，,；;])|(?<=[\u4e00-\u9fff] )(?=[\u4e00-\u9fff])")  # a space typed as a comma
# what is left of "高级工程师要几年" without the grade: the asking alone
ASKS_ONLY = re.compile(r"(?:又|也|还)?(?:要|需要|得|须|是|在)?(?:干|做|工作)?(?:满)?(?:几|多少|多久|哪|什么)\S{0,3}")
# what makes a part a question: it asks something (not "我是硕士，毕业三年了")
ASKS = re.compile(r"什么|啥|哪|几|多少|多久|怎么|怎样|如何|是否|有没有|是不是|能不能|要不要|[吗呢么]|[？?]")


def split_questions(text: str) -> list[str]:
    """The questions ``text`` asks, in order; ``[text]`` when it asks one. A part that asks nothing
    ("我是硕士，") is context and stays with the question after it."""
    each = _distributed(text)
    if each:
        return each
    body = PREAMBLE.sub("", text)
    m = ENUMERATED.match(body)
    pieces = [m["a"], m["b"]] if m else [p for p in BOUNDARY.split(body) if p and p.strip(" ，,；;。")]
    pieces = [c for p in pieces for c in _by_comma(p)]
    parts: list[str] = []
    context = ""
    for piece in pieces:
        if not ASKS.search(piece):
            context += piece
            continue
        parts.append(context + piece)
        context = ""
    if context and parts:
        parts[-1] += context
    if len(parts) < 2:
        return [text]
    return [parts[0], *(_completed(p, prev) for prev, p in itertools.pairwise(parts))]


# "高工和工程师的成果各要几项": grades joined, then asked of each
JOINED = re.compile(r"^\s*(?:和|与|及|以及|跟|、|或)\s*$")
EACH = re.compile(r"各自|分别|各")


def _distributed(text: str) -> list[str] | None:
    """One question per grade when grades joined by 和/与/、 are asked of each (各/分别).

    >>> _distributed("高工和工程师的成果各要几项")
    ['高工的成果要几项', '工程师的成果要几项']
    """
    if not EACH.search(text) or not ASKS.search(text):
        return None
    names = sorted(vocabulary().grade_names, key=lambda x: -len(x[0]))
    found: list[tuple[int, int]] = []
    for name, _ in names:
        for m in re.finditer(re.escape(name), text):
            if not any(a < m.end() and m.start() < b for a, b in found):
                found.append(m.span())
    found.sort()
    if len(found) < 2 or not all(JOINED.match(text[a[1] : b[0]]) for a, b in itertools.pairwise(found)):
        return None
    head, tail = text[: found[0][0]], EACH.sub("", text[found[-1][1] :], count=1)
    return [head + text[a:b] + tail for a, b in found]


def _by_comma(piece: str) -> list[str]:
    """``piece`` cut at the commas after which a question of its own starts."""
    out: list[str] = []
    for clause in COMMA.split(piece):
        own = len(re.sub(r"[^\u4e00-\u9fff]", "", clause)) >= 5 and not DEPENDENT.match(clause.strip())
        if out and own and ASKS.search(SOME.sub("", clause)) and ASKS.search(SOME.sub("", out[-1])):
            out.append(clause)
        elif out:
            out[-1] += clause
        else:
            out.append(clause)
    return out


def _name_of(text: str, grade: Grade) -> str:
    return next(n for n, g in sorted(vocabulary().grade_names, key=lambda x: -len(x[0])) if g == grade and n in text)


def _completed(part: str, previous: str) -> str:
    """A part that names only another grade ("高级工程师要几项") asks what the one before asked of it
    ("工程师的成果要几项"); "那硕士呢" is read as a follow-up of the one before; a part naming a grade and
    no degree is asked of the degree named before ("博士毕业报工程师…？报高工要几年？")."""
    if is_follow_up(part):
        return resolve(part, previous) or part
    vocab = vocabulary()
    grades, before = vocab.grades_in(part), vocab.grades_in(previous)
    if len(grades) == 1 and len(before) == 1 and grades != before:
        rest = re.sub(r"^[的又也]+", "", part.replace(_name_of(part, grades[0]), "", 1)).strip(" 呢？?，,")
        old = _name_of(previous, before[0])
        head, tail = previous[: previous.index(old)], previous[previous.index(old) + len(old) :].rstrip(" ，,？?")
        if rest and (tail.endswith(rest) or ASKS_ONLY.fullmatch(rest)):
            return f"{head}{grades[0]}{tail}？"
    degrees = vocab.degree_mentions(previous)
    if grades and degrees and not vocab.degree_mentions(part):
        d = degrees[0]
        return previous[d.start : d.end] + ("毕业" if previous[d.end :].startswith("毕业") else "") + "，" + part
    return part


CALL_END = re.compile(r"如需(?:了解|帮助)，请致电咨询：[^。]*。\s*$")  # M.CALL, and the refusals' ending


def combine(question: str, answers: list[Answer]) -> Answer:
    """One answer from the answers to the parts of ``question``: their leads and bodies in order, the
    citations numbered again (a clause quoted the same way twice is cited once)."""
    answered = [a for a in answers if not a.abstained]
    first = answered[0] if answered else answers[0]
    citations: list[Citation] = []
    lines: list[str] = []
    body: list[Part] = []
    notes: list[str] = []
    for a in answers:
        number = {}
        for n, c in enumerate(a.citations, start=1):
            if c not in citations:
                citations.append(c)
            number[n] = citations.index(c) + 1

        def renumber(text: str, number: dict[int, int] = number) -> str:
            return MARK.sub(lambda m: f"[{number.get(int(m[1]), int(m[1]))}]", text)

        lead = renumber(a.lead)
        if lead not in lines:
            lines.append(lead)
        body += [replace(p, text=renumber(p.text)) for p in a.body]
        notes += [n for n in a.notes if n not in notes]
    calls = [i for i, line in enumerate(lines) if CALL_END.search(line)]
    for i in calls[:-1]:  # the helpline once, after the last part that gives it
        lines[i] = CALL_END.sub("", lines[i])
    polar = [a.polarity for a in answers if a.polarity]
    trace = Trace(
        understood=first.trace.understood,
        retrieved=list(dict.fromkeys(r for a in answers for r in a.trace.retrieved)),
        route="split:" + "+".join(a.trace.route or str(a.kind) for a in answers),
        reasons=[r for a in answers for r in a.trace.reasons],
    )
    kinds = {a.kind for a in answered}
    kind = next(iter(kinds)) if len(kinds) == 1 else Kind.FACT if answered else Kind.NOT_IN_DOCUMENTS
    if len(answered) < len(answers) and kinds == {Kind.QUOTE}:
        # one part is not in the documents, the other only quotes a related clause ("缴费什么时候交，用什么
        # 方式交"): the documents do not answer; the quote stays as context
        kind = Kind.NOT_IN_DOCUMENTS
    return Answer(
        question=question,
        kind=kind,
        lead="\n".join(lines),
        body=body,
        citations=citations,
        notes=notes,
        trace=trace,
        polarity=polar[0] if len(polar) == 1 else None,  # the one yes/no part's, whatever else is asked
        tool_calls=[t for a in answers for t in a.tool_calls],
    )
