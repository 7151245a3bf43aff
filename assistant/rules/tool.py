"""The rulebook as a LangChain tool: ``Facts`` in (its JSON schema is the tool's), the result dict out.

>>> from assistant.ingest.corpus import Corpus, PROJECT_CORPUS
>>> from assistant.rules.rulebook import Rulebook
>>> tool = eligibility_tool(Rulebook.load(Corpus.load(PROJECT_CORPUS)))
>>> tool.invoke({"grade": "工程师", "education": "本科", "years_in_field": 3})["verdict"]
'not_eligible'
"""

from __future__ import annotations

from typing import Any

from langchain_core.tools import StructuredTool

from ..vocab import Grade
from .model import Facts
from .rulebook import Rulebook

TOOL_NAME = "check_eligibility"
TOOL_DESCRIPTION = (
    "按北京市工程技术人才（技术经纪）职称评价基本标准条件，核对一个人能否申报某个级别"
    f"（{'、'.join(Grade)}）。未知的事实留空。"
)


def eligibility_tool(book: Rulebook) -> StructuredTool:
    """``check_eligibility``: the verdict always comes from the rules, never from a model."""

    def check_eligibility(**facts: Any) -> dict[str, Any]:
        return book.check(Facts.parse(facts)).to_dict()

    return StructuredTool.from_function(
        func=check_eligibility, name=TOOL_NAME, description=TOOL_DESCRIPTION, args_schema=Facts
    )
