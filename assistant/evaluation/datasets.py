"""The eval datasets: YAML files with a schema (validated on load), in splits, and the gate's thresholds.

``eval/dev/`` is tuned on freely; ``eval/test/`` was written before the fixes it measures, by a
different method (a separate session, from the documents and the question classes only) and is
never tuned on. Each split holds questions, must-refuse questions, grade checks and conversations.

    >>> ds = Datasets.load(PROJECT_EVAL)
    >>> sorted(ds.splits), len(ds.splits["dev"].questions) > 100
    (['dev', 'test'], True)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..rules.model import Kind as ConditionKind
from ..rules.model import Status, Verdict
from ..settings import PROJECT_EVAL

__all__ = ["PROJECT_EVAL", "Datasets", "Split", "Thresholds"]
SPLITS = ("dev", "test")
Facts = list[list[str]]  # each fact: accepted alternatives


def _alternatives(v: Any) -> Any:
    return [f if isinstance(f, list) else [f] for f in v] if isinstance(v, list) else v


class QACase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    cat: str
    q: str = Field(min_length=1)
    facts: Facts = Field(min_length=1)
    clauses: list[str] = Field(min_length=1)  # gold clause ids: any of them holds the answer
    kind: Literal["fact", "quote", "yes_no", "list", "overview"] | None = None
    polarity: Literal["yes", "no"] | None = None  # the answer to the question as worded (yes_no)
    grade: str | None = None  # the grade an overview is about

    @field_validator("facts", mode="before")
    @classmethod
    def _alts(cls, v: Any) -> Any:
        return _alternatives(v)

    @model_validator(mode="after")
    def _shape(self) -> QACase:
        if (self.kind == "yes_no") != (self.polarity is not None):
            raise ValueError(f"{self.id}: polarity is given exactly for kind yes_no")
        return self


class RefusalCase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    cat: str
    q: str = Field(min_length=1)


class EligibilityCase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    turns: list[str] = Field(min_length=1)
    verdict: Verdict
    conditions: dict[ConditionKind, Status] = {}
    detours: list[int] = []  # turns (1-based) that ask the documents something else mid-check ("对了，答辩几月？")


class ConversationCase(BaseModel):
    """A conversation whose last turn asks the documents something (or must be refused)."""

    model_config = ConfigDict(extra="forbid")
    id: str
    turns: list[str] = Field(min_length=2)
    facts: Facts = []
    clauses: list[str] = []
    abstain: bool = False

    @field_validator("facts", mode="before")
    @classmethod
    def _alts(cls, v: Any) -> Any:
        return _alternatives(v)

    @model_validator(mode="after")
    def _expectation(self) -> ConversationCase:
        if self.abstain == bool(self.facts and self.clauses):
            raise ValueError(f"{self.id}: give facts and clauses, or abstain: true")
        return self


class Split(BaseModel):
    questions: list[QACase]
    refusals: list[RefusalCase]
    eligibility: list[EligibilityCase]
    conversations: list[ConversationCase] = []

    def ids(self) -> list[str]:
        return [c.id for group in (self.questions, self.refusals, self.eligibility, self.conversations) for c in group]


class Thresholds(BaseModel):
    """Minimums (and maximums for rates and latency) the project must meet; the gate."""

    model_config = ConfigDict(extra="forbid")
    min: dict[str, float]
    max: dict[str, float] = {}


class Datasets(BaseModel):
    splits: dict[str, Split]
    thresholds: dict[str, Thresholds]  # split name (or "all" for run-wide measures) -> thresholds

    @classmethod
    def load(cls, directory: Path) -> Datasets:
        """Read and validate ``<directory>/<split>/*.yaml`` and ``thresholds.yaml`` (ids unique)."""

        def read(path: Path) -> Any:
            return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else []

        splits = {}
        for name in SPLITS:
            d = directory / name
            if not d.is_dir():
                continue
            files = ("questions", "refusals", "eligibility", "conversations")
            splits[name] = Split(**{f: read(d / f"{f}.yaml") or [] for f in files})
        if not splits:
            raise ValueError(f"no eval splits ({', '.join(SPLITS)}) in {directory}")
        ds = cls(splits=splits, thresholds=read(directory / "thresholds.yaml") or {})
        ids = [i for s in ds.splits.values() for i in s.ids()]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate case ids in {directory}: {', '.join(dupes)}")
        return ds
