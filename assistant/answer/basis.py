"""Why, and by which clause: a follow-up asking for the basis of the answer just given ("为什么",
"依据是哪条", "按什么规定", "出处在哪", "原文怎么说") is answered by quoting the clauses that answer cited,
each with its document and section. The documents give rules, not reasons: the clause is the why.

    >>> [asks_basis(t) for t in ("为什么", "为啥不行呢", "依据是哪条", "按什么规定", "出处在哪", "有依据吗")]
    [True, True, True, True, True, True]
    >>> [asks_basis(t) for t in ("那是按什么规定报呢", "要按哪个办法申报", "按照什么文件来的？")]
    [True, True, True]
    >>> [asks_basis(t) for t in ("为什么高工要第一作者才行呢", "答辩是几月", "根据学历算吗", "依据")]
    [False, False, False, True]
"""

from __future__ import annotations

import re

from .. import messages as M
from .model import Answer, Citation, Kind, Trace

WHY = r"(?:为什么|为啥|为何|凭什么|咋回事|怎么回事|什么原因|啥原因|原因是什么|原因呢)[^，,。；;？?！!\s]{0,5}"
SOURCE = (
    r"(?:有|有什么|有啥|是)?(?:依据|根据|出处|来源|原文|条文|规定)(?:是|在)?(?:什么|啥|哪|哪条|哪一条|哪个|哪个文件|哪里|哪儿|呢|吗)?"
    r"(?:条|个|款|文件|规定)?"
    r"|(?:按|依据|根据|按照|依照|参照)(?:的是)?(?:什么|啥|哪个|哪些|哪一?条|哪)(?:规定|文件|办法|政策|标准|要求|条款)?"
    r"(?:申报|报|评|来|办|执行|走)?的?"
    r"|(?:哪|哪一|哪个)(?:条|款|个文件|份文件)?(?:规定|写)的|(?:文件|原文|条文)(?:里|上|中)?(?:怎么|是怎么)(?:说|写|规定)的?"
)
# the whole message asks for the basis (particles and a polite prefix aside)
BASIS_ASKED = re.compile(
    rf"^\s*(?:那|那么|请问|想问下|麻烦问下|好的|好吧|嗯|哦)?[，,\s]*(?:这|这个|那个|这是|那这|这条)?(?:是|要|得)?(?:{WHY}|{SOURCE})"
    r"[呢啊呀吗么嘛哈]*[？?。!！]*\s*$"
)


def asks_basis(text: str) -> bool:
    """Whether ``text`` asks only why, or by which rule, the last answer holds."""
    return bool(BASIS_ASKED.match(text))


def basis_answer(question: str, citations: list[Citation]) -> Answer:
    """The clauses the last answer cited, quoted with their document and section, as the answer."""
    cited = [
        M.BASIS_ITEM.format(source=c.source, section=c.section, quote=c.text, cite=f"[{n}]")
        for n, c in enumerate(citations, start=1)
    ]
    lead = M.BASIS_LEAD + "；".join(cited) + "。"
    return Answer(question, Kind.QUOTE, lead, citations=list(citations), trace=Trace(route="basis:last_answer"))
