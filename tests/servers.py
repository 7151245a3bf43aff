"""Servers the tests (and scripts/scale_bench.py) start on loopback and stop: a Chroma server, `assistant serve`,
llama.cpp's OpenAI-compatible server. One place for start → wait until it answers → stop."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ready(url: str) -> bool:
    if url.startswith("tcp://"):
        host, port = url[6:].split(":")
        try:
            with socket.create_connection((host, int(port)), timeout=1):
                return True
        except OSError:
            return False
    try:
        urllib.request.urlopen(url, timeout=2)
        return True
    except OSError:
        return False


@contextmanager
def process(
    args: Sequence[str], ready_url: str, log: Path, env: dict[str, str] | None = None, wait: float = 120
) -> Iterator[None]:
    """Run ``args`` (output to ``log``) until ``ready_url`` answers; terminate it on exit."""
    with log.open("w") as out:
        proc = subprocess.Popen(list(args), stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        try:
            deadline = time.time() + wait
            while not _ready(ready_url):
                if proc.poll() is not None:
                    raise RuntimeError(f"{args[0]} exited with {proc.returncode}: {log.read_text()[-2000:]}")
                if time.time() > deadline:
                    raise RuntimeError(f"{ready_url} did not answer in {wait:g} s")
                time.sleep(0.3)
            yield
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextmanager
def chroma_server(path: Path, log: Path | None = None) -> Iterator[str]:
    """`chroma run --path <path> --host 127.0.0.1 --port <free>`; yields its URL."""
    port = free_port()
    chroma = str(Path(sys.executable).parent / "chroma")
    args = [chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    with process(args, f"tcp://127.0.0.1:{port}", log or path.parent / f"chroma-{port}.log", wait=60):
        yield f"http://127.0.0.1:{port}"


@contextmanager
def assistant_server(env: dict[str, str], log: Path, host: str = "127.0.0.1") -> Iterator[str]:
    """`assistant serve` on a free port of ``host`` (loopback) with ``env`` (ASSISTANT_*); yields its URL.

    Ready when ``/healthz`` answers. The server sets its own Gradio settings (analytics off), so
    none are passed here: what the tests see is what a user's ``assistant serve`` does.
    """
    port = free_port()
    args = [sys.executable, "-m", "assistant", "serve", "--host", host, "--port", str(port)]
    url = f"http://{host}:{port}/"
    with process(args, url + "healthz", log, env={"HF_HUB_OFFLINE": "1", **env}):
        yield url
