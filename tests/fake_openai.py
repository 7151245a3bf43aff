"""A scripted OpenAI-compatible server (FastAPI + uvicorn) for the LLM-mode tests.

The model name picks the script. ``{key}`` in a reply becomes the number [n] of the first clause
in the system prompt that contains ``key`` — so a lie can cite a real clause. Faults: ``hang``,
``error`` (HTTP 500), ``garbage``, ``echo-key`` (HTTP 401 quoting the API key), ``endless``
(a stream that never ends).
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import threading
import time
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, StreamingResponse

SCRIPTS: dict[str, Any] = {
    # truthful paraphrases: each must be kept
    "truthful": "咨询电话是010—88828948和010—88827905[{联系电话}]。",
    "truthful-date": "2023年度个人网上申报时间为7月4日至7月17日[{网上申报}]。",
    "truthful-defense": "高级和中级需要答辩，初级不需要[{答辩评审}]。",
    "truthful-evidence": "没有佐证材料的业绩成果不予认可[{佐证材料}]。",
    "truthful-past": "今天是2026年11月28日，2023年度的个人网上申报已于7月17日结束[{网上申报}]。",
    "truthful-publish": "高级职称的评审结果在市人力资源社会保障局政府网站公示[{评审结果公示}]。",
    "truthful-years": "大学本科毕业后从事本专业技术工作满5年，可以申报工程师[{满5年}]。",
    # lies: each must be rejected by the grounding check
    "lie-date": "个人网上申报截止到8月1日[{网上申报}]。",
    "lie-phone": "咨询电话是010—88886666[{联系电话}]。",
    "lie-grade": "本次评审包括正高级工程师[{网上申报}]。",
    "lie-years": "大学本科毕业后从事本专业技术工作满3年即可申报工程师[{大学本科毕业后}]。",
    "lie-marker": "个人网上申报截止到7月17日[9]。",
    "lie-nocite": "个人网上申报截止到7月17日。",
    "lie-year": "2024年度个人网上申报截止到7月17日[{网上申报}]。",
    "lie-no-defense": "技术经纪专业职称不需要答辩[{答辩评审}]。",  # the clause: 高、中级需进行答辩评审
    "lie-no-review": "个人网上申报后无需单位审核[{单位审核推荐}]。",  # 单位审核推荐 is a step
    "lie-2026": "2026年度个人网上申报正在进行[{网上申报}]。",  # today's year; the window is past
    "lie-evidence": "无佐证材料的业绩成果也可认可[{佐证材料}]。",  # the clause: 不予认可
    "lie-step": "个人网上申报后还需参加笔试[{网上申报}]。",
    "lie-level": "初级需要答辩[{答辩评审}]。",
    "lie-place": "个人网上申报要到海淀区政务服务中心办理[{网上申报}]。",
    "lie-open": "今天可以进行个人网上申报[{网上申报}]。",
    "lie-fee": "个人网上申报需缴纳评审费300元[{网上申报}]。",
    "lie-wrong-clause": "高级专业技术资格评审结果在市人力资源社会保障局政府网站公示[{网上申报}]。",
    "lie-words": "个人网上申报需通过人社局官网提交纸质材料[{网上申报}]。",
    "lie-extended": "个人网上申报截止日期已延长至8月1日[{网上申报}]。",
    # tool calling: the verdict must come from the rules, not from the model's words
    "tool": {
        "content": "你可以申报工程师。",
        "tool": {"grade": "工程师", "education": "大学本科", "years_in_field": 3},
    },
    "rewrite": "硕士毕业几年可以申报高级工程师？",
}
LIES = [k for k in SCRIPTS if k.startswith("lie-")]
TRUTHS = [k for k in SCRIPTS if k.startswith("truthful")]
QUESTIONS = {  # the question each script answers (default: 个人网上申报什么时候截止？)
    "truthful": "咨询电话是多少？",
    "truthful-defense": "初级职称需要答辩吗？",
    "truthful-evidence": "没有佐证材料的业绩成果会被认可吗？",
    "truthful-publish": "高级职称评审结果在哪里公示？",
    "truthful-years": "本科毕业几年可以申报工程师？",
    "lie-phone": "咨询电话是多少？",
    "lie-years": "本科毕业几年可以申报工程师？",
    "lie-no-defense": "技术经纪专业职称需要答辩吗？",
    "lie-no-review": "个人网上申报后还需要单位审核吗？",
    "lie-evidence": "没有佐证材料的业绩成果会被认可吗？",
    "lie-level": "初级职称需要答辩吗？",
    "lie-wrong-clause": "高级职称评审结果在哪里公示？",
}


def _fill(template: str, system: str) -> str:
    clauses = re.findall(r"^\[(\d+)\] (.*)$", system, flags=re.MULTILINE)

    def number(m: re.Match[str]) -> str:
        key = m[1]  # a key no clause holds: the last clause (the first is usually the right one)
        return next((n for n, text in clauses if key in text), clauses[-1][0] if clauses else "1")

    return re.sub(r"\{([^{}]+)\}", number, template)


def _chunk(model: str, delta: dict[str, Any], finish: str | None = None) -> str:
    body = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"


async def _endless(model: str) -> Any:
    yield _chunk(model, {"role": "assistant", "content": ""})
    while True:
        yield _chunk(model, {"content": "文件"})
        await asyncio.sleep(0.1)


def make_app() -> FastAPI:
    app = FastAPI()
    app.state.requests = []

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> Any:
        body = await request.json()
        app.state.requests.append(body)
        model = body.get("model", "")
        if model == "hang":
            await asyncio.sleep(60)
        if model == "error":
            return JSONResponse({"error": {"message": "internal error", "type": "server_error"}}, status_code=500)
        if model == "echo-key":  # an endpoint that quotes the caller's key back in its error
            key = request.headers.get("authorization", "").removeprefix("Bearer ")
            return JSONResponse({"error": {"message": f"invalid api key {key}", "type": "auth"}}, status_code=401)
        if model == "endless":  # a stream that never ends: a chunk every 0.1 s, forever
            return StreamingResponse(_endless(model), media_type="text/event-stream")
        if model == "garbage":
            return PlainTextResponse("<html>502 bad gateway</html>", status_code=200)
        system = next((m["content"] for m in body["messages"] if m["role"] == "system"), "")
        script = SCRIPTS.get(model, "文件没有规定[1]。")
        content = script["content"] if isinstance(script, dict) else _fill(script, system)
        tool = script.get("tool") if isinstance(script, dict) and body.get("tools") else None

        def stream() -> Any:
            yield _chunk(model, {"role": "assistant", "content": ""})
            for i in range(0, len(content), 6):  # token-ish pieces
                yield _chunk(model, {"content": content[i : i + 6]})
            if tool is not None:
                call = {"index": 0, "id": "call_1", "type": "function"}
                call["function"] = {"name": "check_eligibility", "arguments": json.dumps(tool, ensure_ascii=False)}
                yield _chunk(model, {"tool_calls": [call]})
            yield _chunk(model, {}, "tool_calls" if tool is not None else "stop")
            yield "data: [DONE]\n\n"

        if body.get("stream"):
            return StreamingResponse(stream(), media_type="text/event-stream")
        message: dict[str, Any] = {"role": "assistant", "content": content}
        return JSONResponse(
            {
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            }
        )

    return app


class FakeOpenAI:
    """Runs the app on a free loopback port in a thread; ``url`` ends in /v1."""

    def __init__(self) -> None:
        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        self.app = make_app()
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started and time.time() < deadline:
            time.sleep(0.05)
        if not self.server.started:
            raise RuntimeError("fake OpenAI server did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
