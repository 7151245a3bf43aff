"""Probes (issue 13): hostile inputs and careless operation, replayed so that none regresses.

Fast: a hash embedder instead of the model; the command line runs in-process (``cli.main``) or,
where the process itself is the point (a read-only mount, a process that must exit), as a
subprocess whose embedder is swapped the same way.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.ingest.corpus import Corpus, CorpusError
from assistant.ingest.index import MAX_EMBED_CHARS, ensure_index
from assistant.settings import E5_FAMILY, PROJECT_CORPUS, Settings, SettingsError

from .conftest import HashEmbedder
from .fake_openai import FakeOpenAI

ROOT = Path(__file__).resolve().parent.parent
KEY = "sk-probe-secret-4242"


class FakeE5(HashEmbedder):
    """The hash embedder under the real model's name, so ``assistant ingest`` takes its index as current."""

    model_id = E5_FAMILY


# the command line with FakeE5 for the model, in a fresh interpreter
SUBPROCESS = (
    f"import sys; sys.path.insert(0, {str(ROOT)!r}); from tests.test_probes import FakeE5; "
    "import assistant.ingest.embed as e; e.make_embedder = lambda settings: FakeE5(); "
    "from assistant.app.cli import main; sys.argv = ['assistant', *sys.argv[1:]]; main()"
)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """ASSISTANT_* for a fresh data dir (and a copy of the corpus to damage), set in this process too."""
    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT_CORPUS, corpus)
    e = {
        "ASSISTANT_DATA_DIR": str(tmp_path / "data"),
        "ASSISTANT_CORPUS_DIR": str(corpus),
        "ASSISTANT_TODAY": "2026-11-28",
        "ASSISTANT_CONFIG": str(tmp_path / "none.toml"),
        "HF_HUB_OFFLINE": "1",
    }
    for k, v in e.items():
        monkeypatch.setenv(k, v)
    for k in ("ASSISTANT_LLM_BASE_URL", "ASSISTANT_LLM_MODEL", "ASSISTANT_LLM_TIMEOUT", "ASSISTANT_CHROMA_URL"):
        monkeypatch.delenv(k, raising=False)
    return e


def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> SimpleNamespace:
    """``assistant ARGS`` in this process (FakeE5 for the model): exit code, stdout, stderr."""
    import assistant.ingest.embed as embed
    from assistant.app.cli import main

    monkeypatch.setattr(embed, "make_embedder", lambda settings: FakeE5())
    monkeypatch.setattr(sys, "argv", ["assistant", *args])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return SimpleNamespace(code=code, out=out, err=err)


def one_line_error(r: SimpleNamespace, *words: str) -> None:
    assert r.code == 2, (r.code, r.err[-2000:])
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1, r.err[-2000:]
    assert r.err.startswith("error: ") and all(w in r.err for w in words), r.err
    assert len(r.err) < 400  # never a huge value echoed whole


def settings_of(env: dict[str, str]) -> Settings:
    return Settings.from_env(env)


# ---- 1. faults: a clear one-line message or a rebuild -------------------------------------------
@pytest.mark.parametrize("force", [False, True])
def test_non_utf8_current_pointer_is_rebuilt(env, monkeypatch, capsys, force):
    assert cli(monkeypatch, capsys, "ingest").code == 0
    (Path(env["ASSISTANT_DATA_DIR"]) / "index" / "CURRENT").write_bytes(b"\xff\xfe\x00\x81garbage")
    r = cli(monkeypatch, capsys, "ingest", *(["--force"] if force else []))
    assert r.code == 0 and "已重建" in r.err and "Traceback" not in r.err


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda d: (d / "notice-2023.yaml").write_text("id: notice\ntitle: [unclosed\n"), ["notice-2023.yaml", "YAML"]),
        (lambda d: (d / "notice-2023.yaml").write_text("- id\n- title\n"), ["notice-2023.yaml", "mapping", "list"]),
        (lambda d: (d / "notice-2023.yaml").write_text(""), ["notice-2023.yaml", "mapping", "empty"]),
        (lambda d: _edit(d / "notice-2023.yaml", "year: 2023", "year: 二〇二三"), ["notice-2023.yaml", "year"]),
        (
            lambda d: _edit(d / "notice-2023.yaml", "round_grades: [副高级, 中级, 初级]", "round_grades: 3"),
            ["round_grades"],
        ),
        (lambda d: _edit(d / "standards.yaml", "id: standards", "id: [a, b]"), ["standards.yaml", "id"]),
        (lambda d: _recode(d / "notice-2023.txt"), ["notice-2023.txt", "not UTF-8"]),
        (lambda d: _recode(d / "standards.yaml"), ["standards.yaml", "not UTF-8"]),
    ],
    ids=["malformed", "list", "empty", "year", "round_grades", "id", "gbk_text", "gbk_yaml"],
)
def test_bad_corpus_file_is_named_in_one_line(env, monkeypatch, capsys, tmp_path, damage, words):
    damage(Path(env["ASSISTANT_CORPUS_DIR"]))
    facts = tmp_path / "facts.json"
    facts.write_text('{"grade": "工程师"}', encoding="utf-8")
    for args in (("ingest",), ("ask", "咨询电话是多少？"), ("check", str(facts))):
        one_line_error(cli(monkeypatch, capsys, *args), *words)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _recode(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))


@pytest.mark.parametrize(
    ("facts", "words"),
    [
        (b"[" * 100_000 + b"]" * 100_000, ["over 65,536 bytes"]),  # RecursionError before
        (b'{"titles": ' + b"[" * 5_000 + b"]" * 5_000 + b"}", ["nested too deeply"]),
        (b'{"education": "' + b"x" * 90_000_000 + b'"}', ["over 65,536 bytes"]),  # echoed whole before
        (b'{"education": "' + b"x" * 60_000 + b'"}', ["education", "..."]),  # under the cap: clipped
        (b'{"' + b"k" * 60_000 + b'": 1}', ["Extra inputs", "..."]),
    ],
    ids=["deep", "deep-under-cap", "90MB", "long-value", "long-key"],
)
def test_check_bounds_its_input_and_its_messages(env, monkeypatch, capsys, tmp_path, facts, words):
    path = tmp_path / "facts.json"
    path.write_bytes(facts)
    one_line_error(cli(monkeypatch, capsys, "check", str(path)), *words)


@pytest.mark.parametrize(
    ("variables", "words"),
    [
        ({"ASSISTANT_LLM_BASE_URL": "http://127.0.0.1:9/v1"}, ["ASSISTANT_LLM_MODEL"]),
        ({"ASSISTANT_LLM_BASE_URL": "http://127.0.0.1:9/v1", "ASSISTANT_LLM_MODEL": "m", "ASSISTANT_LLM_TIMEOUT": "nan"},
         ["ASSISTANT_LLM_TIMEOUT", "nan"]),
        ({"ASSISTANT_LLM_TIMEOUT": "inf"}, ["ASSISTANT_LLM_TIMEOUT", "inf"]),
        ({"ASSISTANT_LLM_TIMEOUT": "-1"}, ["ASSISTANT_LLM_TIMEOUT"]),
        ({"ASSISTANT_LLM_BASE_URL": "localhost:8000/v1", "ASSISTANT_LLM_MODEL": "m"}, ["ASSISTANT_LLM_BASE_URL"]),
        ({"ASSISTANT_CHROMA_URL": "http://127.0.0.1:port"}, ["ASSISTANT_CHROMA_URL"]),
        ({"ASSISTANT_TOP_K": "7" * 10_000}, ["ASSISTANT_TOP_K"]),
        ({"ASSISTANT_TODAY": "x" * 10_000}, ["ASSISTANT_TODAY", "..."]),
        ({"ASSISTANT_MAX_DOCUMENT_BYTES": "2MB"}, ["ASSISTANT_MAX_DOCUMENT_BYTES"]),
    ],
    ids=["model-unset", "timeout-nan", "timeout-inf", "timeout-negative", "url-no-scheme", "chroma-port", "top-k",
         "today-huge", "doc-limit"],
)  # fmt: skip
def test_settings_errors_at_start_up_name_the_variable(env, monkeypatch, capsys, variables, words):
    for k, v in variables.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(SettingsError):
        Settings.from_env()
    for args in (("ask", "咨询电话是多少？"), ("ingest",)):
        one_line_error(cli(monkeypatch, capsys, *args), *words)


def test_malformed_config_file_is_one_line(env, monkeypatch, capsys, tmp_path):
    cfg = Path(env["ASSISTANT_CONFIG"])
    cfg.write_text("llm_timeout = = 3\n", encoding="utf-8")
    one_line_error(cli(monkeypatch, capsys, "ask", "咨询电话是多少？"), str(cfg))


def _read_only(path: Path) -> list[str]:
    """A command prefix under which ``path`` is read-only (a bind mount for root, file modes otherwise)."""
    if os.geteuid() != 0:
        for p in [path, *path.rglob("*")]:
            p.chmod(p.stat().st_mode & ~0o222)
        return []
    script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'
    probe = subprocess.run(["unshare", "-m", "sh", "-c", script, str(path), "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a read-only mount here: {probe.stderr.decode()[:200]}")
    return ["unshare", "-m", "sh", "-c", script, str(path)]


def test_read_only_data_dir_still_answers_and_building_says_why(env, monkeypatch, capsys):
    assert cli(monkeypatch, capsys, "ingest").code == 0
    data = Path(env["ASSISTANT_DATA_DIR"])
    prefix = _read_only(data)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        cmd = [*prefix, sys.executable, "-c", SUBPROCESS, *args]
        return subprocess.run(cmd, env=dict(os.environ), capture_output=True, text=True, timeout=300, cwd=ROOT)

    try:
        r = run("ask", "--json", "咨询电话是多少？")
        assert r.returncode == 0, r.stderr[-2000:]
        assert "010—88828948" in json.loads(r.stdout)["answer"]
        r = run("ingest")
        assert r.returncode == 0 and "无需重建" in r.stderr, r.stderr[-2000:]
        r = run("ingest", "--force")
        one_line_error(SimpleNamespace(code=r.returncode, out=r.stdout, err=r.stderr), "not writable", str(data))
    finally:
        for p in [data, *data.rglob("*")]:
            p.chmod(p.stat().st_mode | 0o200)


def test_read_only_index_is_opened_from_a_writable_copy(tmp_settings, hash_embedder, monkeypatch):
    import assistant.ingest.index as index

    idx, _ = ensure_index(tmp_settings, hash_embedder)
    chroma = tmp_settings.index_dir / idx.build / "chroma"
    for p in [chroma, *chroma.rglob("*")]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    copy = index._readable_copy(chroma)
    assert copy != chroma and (copy / "chroma.sqlite3").is_file()
    assert all(p.stat().st_mode & 0o200 for p in [copy, *copy.rglob("*")])  # chmod a-w is copied too
    monkeypatch.undo()
    again, built = ensure_index(tmp_settings, hash_embedder)
    assert not built and again.store.count() == len(idx.units)


# ---- 2. integrity: an edited build file is rebuilt, never served --------------------------------
def _forge(bdir: Path, name: str, old: str, new: str, *, fix_manifest: bool) -> None:
    """Edit build file ``name`` (still valid JSON); with ``fix_manifest``, its hash in the manifest too."""
    import hashlib

    path = bdir / name
    data = path.read_text(encoding="utf-8")
    assert old in data
    path.write_text(data.replace(old, new, 1), encoding="utf-8")
    if fix_manifest:
        manifest = json.loads((bdir / "manifest.json").read_text(encoding="utf-8"))
        manifest["files"][name] = hashlib.sha256(path.read_bytes()).hexdigest()
        (bdir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "old", "new", "fix_manifest"),
    [
        ("round.json", "88828948", "88820000", False),  # a changed phone number
        ("round.json", "88828948", "88820000", True),  # … with its hash forged in the manifest too
        ("round.json", '"2023-07-17"', '"2027-07-17"', True),  # the window moved
        ("tokens.json", '"咨询"', '"缴费"', False),  # an edited token list
    ],
    ids=["phone", "phone-forged-hash", "window-forged-hash", "tokens"],
)
def test_edited_build_file_is_rebuilt_never_served(tmp_settings, hash_embedder, name, old, new, fix_manifest):
    idx, _ = ensure_index(tmp_settings, hash_embedder)
    _forge(tmp_settings.index_dir / idx.build, name, old, new, fix_manifest=fix_manifest)
    again, built = ensure_index(tmp_settings, hash_embedder)
    assert built and again.build != idx.build
    assert again.round.helplines == ["010—88828948", "010—88827905"]
    assert again.round.window is not None and again.round.window.end.isoformat() == "2023-07-17"
    assert again.tokens == idx.tokens


# ---- 3. batch alignment: only \n ends a line; conversation rows --------------------------------
def test_batch_of_8_lines_gives_8_objects(env, monkeypatch, capsys, tmp_path):
    lines = [
        "咨询电话\u2028是多少？",
        "答辩\f几月？",
        "网申\x85截止？",
        "咨询\r电话？",
        "电话\x1c？",
        "电话\u2029？",
        "电话\v？",
    ]
    lines.append('{"id": "q8", "session": "s", "question": "咨询电话是多少？"}')
    path = tmp_path / "q.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = cli(monkeypatch, capsys, "ask", "--json", "--batch", str(path))
    assert r.code == 0, r.err
    rows = [json.loads(line) for line in r.out.splitlines()]
    assert len(rows) == 8 and [row["question"] for row in rows[:7]] == lines[:7]
    assert rows[7]["id"] == "q8" and rows[7]["session"] == "s" and rows[7]["question"] == "咨询电话是多少？"


# ---- 4. documents: a size limit, and progress on a large one ------------------------------------
def _big_document(corpus: Path, size: int, numbered: bool) -> Path:
    """A ~``size``-byte document: many numbered clauses, or one clause of continuation lines."""
    sentence = "申报人员应当如实填写个人信息，提交业绩成果佐证材料，单位审核后报送评审委员会。"
    lines, n, total = ["大文件"], 0, 10
    while total < size:
        n += 1
        lines.append(f"（{n}）{sentence * 3}" if numbered else sentence * 3)
        total += len(lines[-1].encode()) + 1
    (corpus / "big.txt").write_text("\n".join(lines), encoding="utf-8")
    (corpus / "big.yaml").write_text("id: big\ntitle: 大文件\n", encoding="utf-8")
    return corpus / "big.txt"


def test_document_over_the_limit_is_refused_naming_file_and_limit(env, monkeypatch, capsys):
    corpus = Path(env["ASSISTANT_CORPUS_DIR"])
    _big_document(corpus, 2_100_000, numbered=False)
    with pytest.raises(CorpusError, match=r"big\.txt is 2,1\d\d,\d\d\d bytes; the limit is 2,000,000"):
        Corpus.load(corpus)
    one_line_error(cli(monkeypatch, capsys, "ingest"), "big.txt", "2,000,000", "ASSISTANT_MAX_DOCUMENT_BYTES")
    monkeypatch.setenv("ASSISTANT_MAX_DOCUMENT_BYTES", "3000000")
    assert Corpus.load(corpus, Settings.from_env().max_document_bytes).documents["big"]


class Recording(HashEmbedder):
    """Remembers the longest text it was asked to embed."""

    def __init__(self) -> None:
        self.longest = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.longest = max([self.longest, *map(len, texts)])
        return super().embed_documents(texts)


@pytest.mark.parametrize("numbered", [False, True], ids=["one-huge-clause", "many-clauses"])
def test_one_megabyte_document_finishes_with_progress(tmp_settings, tmp_path, monkeypatch, numbered):
    import assistant.ingest.index as index

    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT_CORPUS, corpus)
    _big_document(corpus, 1_000_000, numbered=numbered)
    monkeypatch.setattr(index, "PROGRESS_EVERY", 0.0)  # every batch (about once a second at real speed)
    said: list[tuple[float, str]] = []
    emb = Recording()
    t0 = time.perf_counter()
    idx, built = ensure_index(
        replace(tmp_settings, corpus_dir=corpus), emb, progress=lambda m: said.append((time.perf_counter(), m))
    )
    assert built and any(c.doc_id == "big" for c in idx.corpus.clauses.values())
    assert emb.longest <= MAX_EMBED_CHARS  # one huge clause is embedded by its beginning, not whole
    steps = [m for _, m in said if m.startswith("向量化")]
    assert steps[-1].startswith(f"向量化 {len(idx.units)}/{len(idx.units)}") and "（100%）" in steps[-1]
    assert len(steps) == -(-len(idx.units) // index.EMBED_BATCH)
    assert any(m.startswith("分词") for _, m in said) and any(m.startswith("写入向量库") for _, m in said)
    gaps = [b - a for (a, _), (b, _) in zip([(t0, ""), *said], said, strict=False)]
    assert max(gaps) < 30, said  # no long silence


# ---- 5. LLM mode: no lingering process, no key in any message -----------------------------------
@pytest.fixture(scope="module")
def fake():
    with FakeOpenAI() as server:
        yield server


def test_llm_error_never_carries_the_key(fake, caplog):
    from assistant.answer.llm import LLMClient, LLMError

    caplog.set_level(logging.DEBUG)
    clause = SimpleNamespace(doc_short="申报通知", section="（一）时间安排", full_text="个人网上申报，7月4日-7月17日")
    with pytest.raises(LLMError) as info:
        LLMClient(fake.url, "echo-key", KEY, 5.0).answer("网申什么时候截止？", [clause], "2026年11月28日", 2023, None)
    assert "401" in str(info.value) and KEY not in str(info.value) and KEY[:12] not in str(info.value)
    assert KEY not in caplog.text


def test_fallback_logs_no_key(env, fake, caplog):
    from assistant.answer.llm import LLMClient
    from assistant.pipeline import Assistant

    caplog.set_level(logging.DEBUG)
    bot = Assistant.load(Settings.from_env(), embedder=HashEmbedder())
    llm_bot = replace(bot, llm=LLMClient(fake.url, "echo-key", KEY, 5.0))
    answer = llm_bot.ask("个人网上申报什么时候截止？")
    assert any(r.startswith("llm failed") for r in answer.trace.reasons)
    assert "401" in caplog.text and KEY not in caplog.text and KEY not in "".join(answer.trace.reasons)


def test_process_exits_promptly_after_a_never_ending_stream(env, fake, monkeypatch, capsys):
    assert cli(monkeypatch, capsys, "ingest").code == 0
    e = dict(os.environ, ASSISTANT_LLM_BASE_URL=fake.url, ASSISTANT_LLM_MODEL="endless", ASSISTANT_LLM_TIMEOUT="2")
    cmd = [sys.executable, "-c", SUBPROCESS, "ask", "--json", "个人网上申报什么时候截止？"]
    proc = subprocess.Popen(cmd, env=e, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        answered = time.perf_counter()
        proc.wait(timeout=30)
        lingered = time.perf_counter() - answered
    finally:
        proc.kill()
        proc.wait()
    assert json.loads(line)["answer"].startswith("（大模型服务暂不可用"), line
    assert proc.returncode == 0 and lingered < 3.0, lingered
