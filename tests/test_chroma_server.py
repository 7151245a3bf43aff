"""Server mode: the same store contract, ingest, retrieval and answers against `chroma run` on loopback,
and two web workers answering from one server."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import yaml

from assistant.ingest.store import ChromaStore
from assistant.settings import PROJECT_CORPUS, Settings

from .conftest import TODAY
from .servers import assistant_server, chroma_server
from .test_store import StoreContract

pytestmark = pytest.mark.e2e
CASES = yaml.safe_load((Path(__file__).parent / "e2e_cases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    with chroma_server(tmp_path_factory.mktemp("chroma-server") / "db") as url:
        yield url


@pytest.fixture(scope="module")
def server_settings(tmp_path_factory, chroma_url) -> Settings:
    return Settings(
        data_dir=tmp_path_factory.mktemp("server-mode"),
        corpus_dir=PROJECT_CORPUS,
        today_override=TODAY,
        chroma_url=chroma_url,
    )


@pytest.fixture(scope="module")
def server_bot(server_settings, bot):
    from assistant.pipeline import Assistant

    return Assistant.load(server_settings, embedder=bot.retriever.dense.embedder)


class TestChromaServerStore(StoreContract):
    @pytest.fixture(autouse=True)
    def _url(self, chroma_url):
        self.url = chroma_url

    def make(self, tmp_path):
        return ChromaStore.create(ChromaStore.client(url=self.url), f"contract-{uuid.uuid4().hex[:8]}")


def test_ingest_goes_to_the_server(server_bot, server_settings):
    client = ChromaStore.client(url=server_settings.chroma_url)
    names = [c.name if hasattr(c, "name") else str(c) for c in client.list_collections()]
    assert f"clauses-{server_bot.index.build}" in names
    assert not list(server_settings.index_dir.glob("*/chroma"))  # no embedded store was written


@pytest.mark.parametrize("case", [c for c in CASES if not c.get("abstain")][:15], ids=lambda c: c["q"][:20])
def test_answers_from_the_server_match_embedded(server_bot, bot, case):
    served, local = server_bot.ask(case["q"]).to_dict(), bot.ask(case["q"]).to_dict()
    assert served["answer"] == local["answer"]
    assert [c["id"] for c in served["citations"]] == [c["id"] for c in local["citations"]]


def test_retrieval_from_the_server(server_bot):
    docs = server_bot.retriever.dense.invoke("咨询电话是多少")
    assert docs[0].metadata["id"] == "notice-3-4"


def test_two_web_workers_share_one_server(server_bot, server_settings, tmp_path):
    from gradio_client import Client

    env = {
        "ASSISTANT_DATA_DIR": str(server_settings.data_dir),
        "ASSISTANT_CHROMA_URL": server_settings.chroma_url,
        "ASSISTANT_TODAY": TODAY.isoformat(),
    }
    with assistant_server(env, tmp_path / "w1.log") as one, assistant_server(env, tmp_path / "w2.log") as two:
        for url in (one, two):
            answer = Client(url, verbose=False).predict("咨询电话是多少？", api_name="/ask")
            assert "010—88828948" in answer["answer"] and answer["citations"][0]["id"] == "notice-3-4"
