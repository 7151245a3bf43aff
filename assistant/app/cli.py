"""The ``assistant`` command line. Heavy libraries load only inside the commands that need them,
so ``assistant --help`` is instant. Errors become one-line messages here, and only here.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

import click

EXIT_USAGE = 2
MAX_FACTS_BYTES = 65_536  # a facts object is a few hundred bytes


def _settings() -> Any:
    from ..settings import Settings, SettingsError

    try:
        return Settings.from_env()
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from None


def _progress(msg: str) -> None:
    click.echo(msg, err=True)


def _load_assistant() -> Any:
    from ..pipeline import Assistant

    return Assistant.load(_settings(), progress=_progress)


# line breaks other than \n that JSON leaves unescaped: escaped, so that one object is one line to any reader
_BREAKS = str.maketrans({c: f"\\u{ord(c):04x}" for c in "\u0085\u2028\u2029"})


def _emit(obj: dict[str, Any]) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False).translate(_BREAKS))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tech-broker-assistant")
@click.option("-v", "--verbose", is_flag=True, help="Log details (to stderr).")
def cli(verbose: bool) -> None:
    """技术经纪职称政策问答助手 — cited answers from the 2023 notice and standards.

    Settings come from ASSISTANT_* environment variables (see README).
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )


@cli.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON answer object on stdout.")
@click.option(
    "--batch",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A UTF-8 file, one question or JSON row a line; JSON Lines out, one object per line, same order.",
)
def ask(question: str | None, as_json: bool, batch: Path | None) -> None:
    """Answer QUESTION from the documents, citing the clauses [n] it rests on."""
    from ..pipeline import BadQuestion, validate_question

    if batch is not None:
        if question:
            raise click.UsageError("give either a QUESTION or --batch FILE, not both")
        if not as_json:
            raise click.UsageError("--batch writes JSON Lines; add --json")
        _ask_batch(batch)
        return
    if question is None:
        raise click.UsageError("missing QUESTION (or --batch FILE)")
    try:
        validate_question(question)
    except BadQuestion as exc:
        raise click.UsageError(str(exc)) from None
    answer = _load_assistant().ask(question)
    if as_json:
        _emit(answer.to_dict())
    else:
        click.echo(answer.text)


def _ask_batch(path: Path) -> None:
    from .batch import answer_all, parse_lines

    try:
        items = parse_lines(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise click.UsageError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise click.UsageError(f"{path} is not UTF-8 (byte {exc.start})") from None
    for obj in answer_all(_load_assistant(), items):
        _emit(obj)


@cli.command()
@click.option("--force", is_flag=True, help="Rebuild even if the corpus has not changed.")
def ingest(force: bool) -> None:
    """(Re)build the index from the corpus directory (a no-op when nothing changed)."""
    from ..ingest.corpus import Corpus
    from ..ingest.index import current_build

    settings = _settings()
    build = current_build(settings)
    if build and not force:
        _progress(f"索引 {build}：语料未变，无需重建")
        return
    corpus = Corpus.load(settings.corpus_dir, settings.max_document_bytes)  # a bad file stops us before the model loads
    from ..ingest.embed import make_embedder
    from ..ingest.index import ensure_index

    index, built = ensure_index(settings, make_embedder(settings), corpus=corpus, force=force, progress=_progress)
    units = len(index.units)
    _progress(f"索引 {index.build}：{units} 个检索单元" + ("（已重建）" if built else "（语料未变，无需重建）"))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
@click.option("--port", default=7860, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
def serve(host: str, port: int) -> None:
    """Start the web app: chat and eligibility form at /, staff desk at /staff/ (no share links).

    Beyond loopback the staff desk needs ASSISTANT_STAFF_PASSWORD; without it only the applicants'
    pages are served.
    """
    from .feedback import FeedbackStore, feedback_path
    from .web import PortError
    from .web import serve as run
    from .web.server import bind

    # One OpenMP thread per embedding: a server's parallelism is its concurrent requests. With two
    # threads per call, a short question's embedding stalls at every barrier while a long one holds
    # the cores (read when the engine's library loads, so set before the models load).
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    settings = _settings()
    try:
        bind(host, port).close()  # a busy port or a bad host is one line, before the models load
    except PortError as exc:
        raise click.UsageError(str(exc)) from None
    bot = _load_assistant()
    from ..pipeline import Assistant

    long_bot = Assistant.load(settings)  # the long-question lane: its own embedding engine (same index)
    store = FeedbackStore(
        feedback_path(settings.data_dir), keep_days=settings.feedback_keep_days, helplines=bot.round().helplines
    )
    try:
        run(bot, settings, store, host, port, _progress, long_bot)
    except PortError as exc:
        raise click.UsageError(str(exc)) from None


@cli.group()
def feedback() -> None:
    """Feedback given in the web chat (👍/👎 and comments)."""


@feedback.command("export")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="CSV file to write (default: stdout).")
def feedback_export(out: Path | None) -> None:
    """Write every feedback row as CSV (UTF-8, header first; a file is written owner-only)."""
    from .feedback import FeedbackStore, feedback_path

    if out is not None and not out.parent.is_dir():
        raise click.UsageError(f"--out: folder does not exist: {out.parent}")
    settings = _settings()
    store = FeedbackStore(
        feedback_path(settings.data_dir), keep_days=settings.feedback_keep_days, helplines=_helplines(settings)
    )
    n = store.export_csv(sys.stdout) if out is None else store.export_file(out)
    _progress(f"{n} 条反馈")


def _helplines(settings: Any) -> list[str]:
    """The helplines of the documents (parsed, not embedded): masking keeps them as written."""
    from ..ingest.corpus import Corpus
    from ..ingest.roundfacts import RoundFacts

    return RoundFacts.from_corpus(Corpus.load(settings.corpus_dir, settings.max_document_bytes)).helplines


@cli.command()
@click.argument("query")
@click.option("-k", default=10, show_default=True, type=click.IntRange(1, 50), help="How many clauses.")
def lookup(query: str, k: int) -> None:
    """Ranked clauses for QUERY (helpline staff): score, id, section, text — JSON Lines."""
    from ..pipeline import BadQuestion, validate_question

    try:
        validate_question(query)
    except BadQuestion as exc:
        raise click.UsageError(str(exc)) from None
    for rec, score in _load_assistant().lookup(query, k=k):
        _emit(
            {"id": rec.id, "score": round(score, 4), "section": rec.section, "source": rec.doc_title, "text": rec.text}
        )


@cli.command("eval")
@click.option(
    "--reports",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where report.md, report.json and chart.png go (default: <data dir>/reports).",
)
@click.option("--no-timing", is_flag=True, help="Skip the cold-start and fresh-ingest measurements (faster).")
@click.option("--no-stability", is_flag=True, help="Skip the reworded variants (faster).")
def eval_(reports: Path | None, no_timing: bool, no_stability: bool) -> None:
    """Run the eval suite (eval/<split>/*.yaml) and the naive-RAG baseline; write the report.

    Exits 1 when a metric falls outside eval/thresholds.yaml.
    """
    from tqdm import tqdm

    from ..evaluation.datasets import Datasets
    from ..evaluation.report import write
    from ..evaluation.runner import evaluate
    from ..ingest.embed import make_embedder
    from ..pipeline import Assistant

    settings = _settings()
    try:
        datasets = Datasets.load(settings.eval_dir)
    except (ValueError, OSError) as exc:
        raise click.UsageError(f"eval datasets: {exc}") from None
    embedder = make_embedder(settings)
    bot = Assistant.load(settings, embedder=embedder, progress=_progress)

    def progress(items: Any, desc: str) -> Any:
        return tqdm(items, desc=desc, file=sys.stderr, leave=False, disable=None)

    report = evaluate(bot, embedder, datasets, progress, timing=not no_timing, stability=not no_stability)
    report["today"] = settings.today.isoformat()
    command = "assistant eval" + (" --no-timing" if no_timing else "") + (" --no-stability" if no_stability else "")
    paths = write(report, reports or settings.data_dir / "reports", command)
    for name, split in report["splits"].items():
        _progress(f"{name}: " + ", ".join(f"{k} {v}" for k, v in split["metrics"].items()))
    _progress(", ".join(f"{k} {v}" for k, v in report["run"].items()))
    _progress("报告：" + ", ".join(str(p) for p in paths))
    if report["gate"]:
        raise click.ClickException("below threshold: " + "; ".join(report["gate"]))


@cli.command()
@click.argument("facts_file", required=False, type=click.File("rb"), default="-")
def check(facts_file: Any) -> None:
    """Check eligibility: a JSON object of facts in (FACTS_FILE or stdin), the result JSON out.

    \b
    Fields (all optional; unknown = leave out):
      grade            助理工程师 | 工程师 | 高级工程师 | 正高级工程师 (高工, 中级… accepted)
      education        博士研究生 | 硕士研究生 | 大学本科 | 大学专科 | 中等职业学校 | 技工院校 | 高中及以下
      years_in_field   years in this field since graduating
      titles           [{"level": 初级|中级|副高级|正高级, "series": this|other, "years": N}]
      direction        research | operations
      performance_met  true | false
      achievements     how many
      breakthrough     [1, 2, 3] items of 破格 met ([] = none)
      basic_met        true | false
    Example: echo '{"grade":"工程师","education":"本科","years_in_field":3}' | assistant check
    """
    from ..ingest.corpus import Corpus
    from ..rules.model import EligibilityInputError
    from ..rules.rulebook import Rulebook

    raw = facts_file.read(MAX_FACTS_BYTES + 1)  # never more: a facts object is small
    if len(raw) > MAX_FACTS_BYTES:
        raise click.UsageError(f"facts are over {MAX_FACTS_BYTES:,} bytes; send one small JSON object")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise click.UsageError(f"facts are not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise click.UsageError(f"facts are not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise click.UsageError("facts are nested too deeply to be a facts object") from None
    if not isinstance(data, dict):
        raise click.UsageError('facts must be one JSON object, e.g. {"grade": "工程师"}')
    try:
        settings = _settings()
        corpus = Corpus.load(settings.corpus_dir, settings.max_document_bytes)
        result = Rulebook.load(corpus, settings.rules_file).check(data)
    except EligibilityInputError as exc:
        raise click.UsageError(str(exc)) from None
    _emit(result.to_dict())


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.UsageError as exc:
        click.echo(f"error: {exc.format_message()}", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except Exception as exc:
        from ..ingest.documents import CorpusError
        from ..ingest.index import BuildError

        if isinstance(exc, CorpusError | BuildError):  # a file or folder the operator can fix: one line
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        raise
