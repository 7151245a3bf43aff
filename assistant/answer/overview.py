"""Overview of a grade: one cited line per part of its conditions, built from ``rules.yaml`` and the
standard's heading tree — a new standard gets overviews without new code.

Parts, in the standard's order: 学历和专业工作经历 (every route, one of them suffices), 业绩 (one of
the directions), 成果 (N项), 破格 (where the grade has it), 基本条件 (the general requirements and
the grade's professional ability).

    >>> overview_parts(book, corpus, Grade.SENIOR)[0][0]   # doctest: +SKIP
    '学历和专业工作经历'
"""

from __future__ import annotations

import re

from .. import messages as M
from ..ingest.corpus import Corpus
from ..rules.rulebook import Rulebook
from ..vocab import Grade
from .model import Sources

ITEM = re.compile(r"^(?:（[\d一二三四五六七八九十]+）|\d+[.．、])")


def _first_sentence(text: str) -> str:
    head = ITEM.sub("", text.splitlines()[0])
    return re.split(r"(?<=[。；;])", head)[0].rstrip("。；;")


def _route(quote: str) -> str:
    return quote.rstrip("。；;")


def overview_parts(book: Rulebook, corpus: Corpus, grade: Grade, src: Sources) -> list[tuple[str, str]]:
    """(part name, line with its [n]) for each part of ``grade``'s conditions."""
    g = book.rules["grades"][grade]
    parts: list[tuple[str, str]] = []
    routes = [_route(r["quote"]) for r in g["routes"]] + ([_route(g["refer"]["quote"])] if "refer" in g else [])
    first_route = corpus.clauses[g["routes"][0]["clause"]]
    heading = corpus.clauses[first_route.parent] if first_route.parent else first_route
    parts.append(
        (
            M.PART_ROUTES,
            M.OVERVIEW_ROUTES.format(routes="；".join(routes), cite=src.cite(heading)),
        )
    )
    if "performance" in g:
        p = g["performance"]
        clause = corpus.clauses[p["clause"]]
        options = "；或".join(_first_sentence(corpus.clauses[c].text) for c in clause.children)
        parts.append(
            (
                M.PART_PERFORMANCE,
                M.OVERVIEW_PERFORMANCE.format(quote=p["quote"], options=options, cite=src.cite(clause)),
            )
        )
    if "achievements" in g:
        a = g["achievements"]
        clause = corpus.clauses[a["clause"]]
        head = ITEM.sub("", clause.text.splitlines()[0]).split("（")[0].rstrip("：:")
        parts.append(
            (M.PART_ACHIEVEMENTS, M.OVERVIEW_ACHIEVEMENTS.format(head=head, count=a["quote"], cite=src.cite(clause)))
        )
    if "breakthrough" in g:
        b = g["breakthrough"]
        items = "；".join(f"{k}.{v['short']}" for k, v in b["items"].items())
        parts.append(
            (
                M.PART_BREAKTHROUGH,
                M.OVERVIEW_BREAKTHROUGH.format(items=items, cite=src.cite(corpus.clauses[b["clause"]])),
            )
        )
    basic = corpus.clauses[book.rules["basic"]["clause"]]
    ability = corpus.clauses[g["ability"]["clause"]]
    parts.append(
        (
            M.PART_BASIC,
            M.OVERVIEW_BASIC.format(
                basic=book.rules["basic"]["quote"],
                cite=src.cite(basic),
                ability=_first_sentence(ability.text),
                cite2=src.cite(ability),
            ),
        )
    )
    return parts
