"""What a user would otherwise build: a naive LangChain RAG over the same corpus.

``RecursiveCharacterTextSplitter`` (500 characters, 50 overlap) → the same embedding model →
Chroma → top-4 chunks; its "answer" is the top chunk, verbatim (a simple extractive answer).
It never refuses. The eval scores it beside the project in the same run.

    >>> NaiveRAG.CHUNK_SIZE, NaiveRAG.CHUNK_OVERLAP, NaiveRAG.K
    (500, 50, 4)
"""

from __future__ import annotations

import tempfile
import uuid
from dataclasses import dataclass
from typing import Any

from langchain_core.embeddings import Embeddings

from ..ingest.documents import Document


@dataclass
class Chunk:
    doc_id: str
    start: int  # character offset in the document's text
    text: str


class NaiveRAG:
    CHUNK_SIZE = 500
    CHUNK_OVERLAP = 50
    K = 4

    def __init__(self, documents: list[Document], embedder: Embeddings) -> None:
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from ..ingest.store import ChromaStore

        splitter = RecursiveCharacterTextSplitter(
            chunk_size=self.CHUNK_SIZE, chunk_overlap=self.CHUNK_OVERLAP, add_start_index=True
        )
        self.chunks = splitter.create_documents(
            [d.text for d in documents], metadatas=[{"doc_id": d.id} for d in documents]
        )
        self._dir = tempfile.TemporaryDirectory(prefix="baseline-chroma-")
        client = ChromaStore.client(path=__import__("pathlib").Path(self._dir.name))
        self.store = Chroma.from_documents(
            self.chunks, embedding=embedder, client=client, collection_name=f"baseline-{uuid.uuid4().hex[:8]}"
        )
        self.retriever = self.store.as_retriever(search_kwargs={"k": self.K})

    def retrieve(self, question: str) -> list[Chunk]:
        docs: list[Any] = self.retriever.invoke(question)
        return [Chunk(d.metadata["doc_id"], int(d.metadata["start_index"]), d.page_content) for d in docs]

    def answer(self, question: str) -> tuple[str, list[Chunk]]:
        chunks = self.retrieve(question)
        return (chunks[0].text if chunks else ""), chunks

    def close(self) -> None:
        self._dir.cleanup()
