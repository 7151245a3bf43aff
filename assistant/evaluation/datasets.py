"""The eval datasets: YAML files with a schema (validated on load), and the gate's thresholds.

>>> ds = Datasets.load(PROJECT_EVAL)
>>> len(ds.questions) > 100, ds.thresholds.min["fact_accuracy"] > 0.5
(True, True)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..rules.model import Kind as ConditionKind
from ..rules.model import Status, Verdict
from ..settings import PROJECT_EVAL

__all__ = ["PROJECT_EVAL", "Datasets", "EligibilityCase", "QACase", "RefusalCase", "Thresholds"]


class QACase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    cat: str
    q: str = Field(min_length=1)
    facts: list[list[str]] = Field(min_length=1)  # each fact: accepted alternatives
    clauses: list[str] = Field(min_length=1)

    @field_validator("facts", mode="before")
    @classmethod
    def _alts(cls, v: Any) -> Any:
        return [f if isinstance(f, list) else [f] for f in v] if isinstance(v, list) else v


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


class Thresholds(BaseModel):
    """Minimums (and maximums for rates and latency) the project must meet; the gate."""

    model_config = ConfigDict(extra="forbid")
    min: dict[str, float]
    max: dict[str, float] = {}


class Datasets(BaseModel):
    questions: list[QACase]
    refusals: list[RefusalCase]
    eligibility: list[EligibilityCase]
    thresholds: Thresholds

    @classmethod
    def load(cls, directory: Path) -> Datasets:
        """Read and validate ``eval/*.yaml`` (ids must be unique, clause ids are checked later)."""

        def read(name: str) -> Any:
            return yaml.safe_load((directory / name).read_text(encoding="utf-8"))

        ds = cls(
            questions=read("questions.yaml"),
            refusals=read("refusals.yaml"),
            eligibility=read("eligibility.yaml"),
            thresholds=read("thresholds.yaml"),
        )
        ids = [c.id for c in ds.questions] + [c.id for c in ds.refusals] + [c.id for c in ds.eligibility]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate case ids in {directory}: {', '.join(dupes)}")
        return ds
