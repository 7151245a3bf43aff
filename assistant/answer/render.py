"""The answer as text, for the command line and the contract's ``answer`` field.

Lead, then the body one part a line, then the notes; then "依据：" with each cited clause
quoted, numbered as in the text. (The web view renders the same ``Answer`` its own way.)

    >>> from assistant.answer.model import Answer, Citation, Kind
    >>> cite = Citation("n", "通知", "（四）咨询方式", "联系电话：010—88828948", "申报通知")
    >>> a = Answer("q", Kind.FACT, "咨询电话：010—88828948[1]。", citations=[cite])
    >>> print(to_text(a))
    咨询电话：010—88828948[1]。
    <BLANKLINE>
    依据：
    [1] 《申报通知》（四）咨询方式：“联系电话：010—88828948”
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import messages as M

if TYPE_CHECKING:  # the model renders itself through this module
    from .model import Answer


def sources_block(answer: Answer) -> str:
    lines = [M.SOURCES_HEADER]
    for n, c in enumerate(answer.citations, start=1):
        lines.append(M.SOURCE_LINE.format(n=n, source=c.short or c.source, section=c.section, quote=c.text))
    return "\n".join(lines)


def to_text(answer: Answer) -> str:
    lines = [answer.lead, *(p.text for p in answer.body), *answer.notes]
    text = "\n".join(line for line in lines if line)
    return text + ("\n\n" + sources_block(answer) if answer.citations else "")
