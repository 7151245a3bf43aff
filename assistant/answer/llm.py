"""Optional LLM answers through an OpenAI-compatible endpoint, held to the extractive standard.

The model sees today's date, the round's year and the retrieved clauses numbered [1]..[k]. Its
answer is kept only if it passes ``grounding_check``: every [n] exists, and every number, date,
phone number and grade it states appears in a clause that sentence cites (or is today's date or
the round's year, both given in the prompt). Anything else — a wrong date with a real [n], an
endpoint that is down, slow, or returns garbage — falls back to the extractive answer.

    >>> grounding_check("网申截止到7月17日[1]。", ["个人网上申报，7月4日-7月17日"]).ok
    True
    >>> grounding_check("网申截止到8月1日[1]。", ["个人网上申报，7月4日-7月17日"]).reason
    '“8月1日” is not in the clauses cited by its sentence ([1])'
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .. import messages as M
from ..text import PHONE
from ..vocab import vocabulary

log = logging.getLogger(__name__)

MARKER = re.compile(r"\[(\d+)\]")
SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?(?:\s*\[\d+\])*")
DATE = re.compile(r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?")
NUMBER = re.compile(r"\d+(?:\.\d+)?\s*(?:年|个月|月|日|项|篇|个|元|万元|%)?")
MAX_TOKENS = 400  # answers are short; this also bounds a runaway model


@dataclass
class Grounding:
    ok: bool
    reason: str = ""


def _facts(sentence: str) -> list[str]:
    """The checkable facts of a sentence: phones, dates, grades, then other numbers."""
    text = MARKER.sub("", sentence)
    found: list[str] = []
    for pat in (PHONE, DATE):
        for m in pat.finditer(text):
            found.append(m[0])
            text = text.replace(m[0], " ")
    for name in sorted({n for n, _ in vocabulary().grade_names if not n.isascii()}, key=len, reverse=True):
        if name in text:
            found.append(name)
            text = text.replace(name, " ")
    found += NUMBER.findall(text)
    return found


def _normal(s: str) -> str:
    return re.sub(r"[\s—\-－–]", "", s)


def grounding_check(answer: str, clauses: list[str], known: Iterable[str] = ()) -> Grounding:
    """Is every fact of ``answer`` in a clause its sentence cites? ``clauses[n-1]`` is [n]."""
    marks = [int(m) for m in MARKER.findall(answer)]
    if not marks:
        return Grounding(False, "no [n] citation")
    bad = sorted({n for n in marks if not 1 <= n <= len(clauses)})
    if bad:
        return Grounding(False, f"cites [{bad[0]}], which does not exist")
    allowed = [_normal(k) for k in known]
    for sentence in SENTENCE.findall(answer):
        cited = [clauses[int(n) - 1] for n in MARKER.findall(sentence)]
        pool = _normal("\n".join(cited))
        for fact in _facts(sentence):
            f = _normal(fact)
            if f in pool or any(f in a for a in allowed):
                continue
            where = ",".join(f"[{n}]" for n in MARKER.findall(sentence)) or "no citation"
            return Grounding(False, f"“{fact}” is not in the clauses cited by its sentence ({where})")
    return Grounding(True)


class LLMError(RuntimeError):
    """The endpoint could not give a usable answer (down, slow, HTTP error, garbage)."""


class LLMClient:
    """A chat model behind an OpenAI-compatible endpoint (``langchain-openai``'s ``ChatOpenAI``)."""

    def __init__(self, base_url: str, model: str, api_key: str, timeout: float, chat_model: Any = None) -> None:
        if not base_url or not model:
            raise ValueError("LLM mode needs ASSISTANT_LLM_BASE_URL and ASSISTANT_LLM_MODEL")
        self.timeout = timeout
        if chat_model is None:
            from langchain_openai import ChatOpenAI

            chat_model = ChatOpenAI(
                base_url=base_url,
                model=model,
                api_key=api_key or "not-needed",  # type: ignore[arg-type]
                timeout=timeout,
                max_retries=0,
                temperature=0,
                max_tokens=MAX_TOKENS,  # type: ignore[call-arg]
                # sent as max_completion_tokens; llama.cpp and older vLLM read only max_tokens
                extra_body={"max_tokens": MAX_TOKENS},
            )
        self.model = chat_model

    @classmethod
    def from_settings(cls, settings: Any) -> LLMClient | None:
        if not settings.llm_base_url:
            return None
        return cls(settings.llm_base_url, settings.llm_model, settings.llm_api_key, settings.llm_timeout)

    def _invoke(self, messages: list[tuple[str, str]], tools: list[Any] | None = None) -> Any:
        import concurrent.futures as cf

        model = self.model.bind_tools(tools) if tools else self.model
        # the client's own timeout covers the connection; this one covers a stream that never ends
        pool = cf.ThreadPoolExecutor(max_workers=1)
        future = pool.submit(lambda: _collect(model.stream(messages)))
        try:
            return future.result(timeout=self.timeout)
        except cf.TimeoutError:
            raise LLMError(f"no answer within {self.timeout:g} s") from None
        except Exception as exc:  # any transport or protocol failure: the caller falls back
            raise LLMError(f"{type(exc).__name__}: {str(exc)[:200]}") from None
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    def answer(self, question: str, clauses: list[Any], today: str, year: int | None, tools: list[Any] | None) -> Any:
        """The model's message (text and/or tool calls) for ``question`` over numbered ``clauses``."""
        numbered = "\n".join(
            f"[{n}] 《{c.doc_short}》{c.section}：{c.full_text}" for n, c in enumerate(clauses, start=1)
        )
        system = M.LLM_SYSTEM.format(today=today, year=year or "", clauses=numbered)
        return self._invoke([("system", system), ("human", question)], tools)

    def rewrite(self, previous: str, follow_up: str) -> str:
        msg = self._invoke(
            [("system", M.LLM_REWRITE), ("human", M.LLM_REWRITE_INPUT.format(previous=previous, follow_up=follow_up))]
        )
        text = str(getattr(msg, "content", "") or "").strip()
        if not text or len(text) > 200:
            raise LLMError("rewrite returned nothing usable")
        return text.splitlines()[0]


def _collect(chunks: Iterable[Any]) -> Any:
    """Join a streamed reply (text and tool-call chunks) into one message."""
    total = None
    for chunk in chunks:
        total = chunk if total is None else total + chunk
    if total is None:
        raise LLMError("empty stream")
    return total
