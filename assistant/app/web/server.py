"""The web server: Gradio pages mounted on our own FastAPI app, behind one guard.

- ``/`` the applicants' page; ``/staff/`` the staff desk and ``/staff/export/*.csv`` the feedback
  exports, behind HTTP Basic auth when ``ASSISTANT_STAFF_PASSWORD`` is set. Bound beyond loopback
  without a password, the staff desk is not served at all (the applicants' page is), and the
  start-up line says why.
- ``/healthz`` says the server is up and which index it answers from.
- The guard (pure ASGI, before Gradio sees a byte): a request body over ``MAX_BODY`` → 413; the
  work of a question (answer, lookup, check, the API) counted per client address with ``limits``
  (moving window, ``ASSISTANT_RATE_LIMIT``) and capped in flight (``ASSISTANT_CLIENT_CONCURRENCY``)
  → 429 with a Chinese message and ``Retry-After``; an API route that names no endpoint → 404
  (Gradio answers 500); Gradio routes this app never uses (uploads, proxy, vibe editing, run
  history, profiling) → 404. Every message is Chinese JSON: ``{"error": "…"}``.
- The page is Chinese whatever the browser's language: a script at the top of ``<head>`` sets it
  before Gradio picks its interface language. Analytics are off; no share links.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import json
import os
import re
import secrets
import socket
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from ... import messages as M
from . import assets

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 64 * 1024  # bytes; a 2,000-character question is ~6 KB as JSON
REST = {"/api/ask": "ask_api"}  # our own routes that do the work of a question
API = re.compile(r"^(?P<prefix>/staff)?/gradio_api/(?:run|call/v2|call|api)/(?P<name>[^/]+)")
JOIN = re.compile(r"^(?P<prefix>/staff)?/gradio_api/(?:run/predict|queue/join)/?$")
UNUSED = re.compile(
    r"^(/staff)?/gradio_api/(upload|upload_progress|proxy=|vibe|undo-vibe|run-history|runs|profiling|dev/|"
    r"process_recording|stream/|mcp)"
)
STAFF = "/staff"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


UNITS = {"second": "秒", "minute": "分钟", "hour": "小时", "day": "天", "month": "月", "year": "年"}


def describe(limits: Any) -> str:
    """The limits in Chinese: ``20/minute;5/10 seconds`` → 每分钟20个、每10秒5个问题.

    >>> from limits import parse_many
    >>> describe(parse_many("20/minute;5/10 seconds"))
    '每分钟20个、每10秒5个问题'
    """
    parts = []
    for limit in limits:
        unit = UNITS.get(limit.GRANULARITY.name, limit.GRANULARITY.name)
        count = "" if limit.multiples == 1 else str(limit.multiples)
        parts.append(f"每{count}{unit}{limit.amount}个")
    return "、".join(parts) + "问题"


@dataclass
class Endpoints:
    """What a mounted Gradio page's requests mean: fn_index → handler name, and its API names."""

    names: dict[int, str]  # fn_index → the handler's Python name
    apis: dict[str, str]  # api_name → the handler's Python name

    @classmethod
    def of(cls, blocks: Any) -> Endpoints:
        names, apis = {}, {"predict": ""}
        for index, fn in blocks.fns.items():
            names[int(index)] = getattr(fn.fn, "__name__", "") if fn.fn else ""
            if fn.api_name:
                apis[str(fn.api_name)] = names[int(index)]
        return cls(names, apis)


class Guard:
    """Size cap, per-client rate limit and concurrency cap, 404s, staff auth, Chinese page (ASGI)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        rate_limit: str,
        concurrency: int,
        pages: dict[str, Endpoints],
        rate_limited: frozenset[str],
        concurrency_capped: frozenset[str],
        staff_password: str,
        staff_enabled: bool,
    ) -> None:
        from limits import parse_many
        from limits.storage import MemoryStorage
        from limits.strategies import MovingWindowRateLimiter

        self.app = app
        self.limits = parse_many(rate_limit)
        self.limit_text = describe(self.limits)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        self.concurrency = concurrency
        self.pages = pages
        self.rate_limited = rate_limited
        self.concurrency_capped = concurrency_capped
        self.password = staff_password
        self.staff_enabled = staff_enabled
        self.in_flight: dict[str, int] = {}
        self.lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        if path == STAFF or path.startswith(STAFF + "/"):
            if not self.staff_enabled:
                await _reply(send, 404, M.WEB_NOT_FOUND)
                return
            if self.password and not self._authorized(scope):
                await _reply(send, 401, M.WEB_STAFF_LOGIN, {"www-authenticate": 'Basic realm="staff", charset="UTF-8"'})
                return
        if UNUSED.match(path):
            await _reply(send, 404, M.WEB_NOT_FOUND)
            return
        length = _header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            await _reply(send, 413, M.WEB_BODY_TOO_LARGE.format(limit=MAX_BODY))
            return
        if scope["method"] == "GET" and path in ("/", STAFF + "/"):
            await self.app(scope, receive, _chinese_page(send))
            return
        if scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        if body is None:
            await _reply(send, 413, M.WEB_BODY_TOO_LARGE.format(limit=MAX_BODY))
            return
        handler, known = self._handler(path, body)
        if not known:
            await _reply(send, 404, M.WEB_NOT_FOUND)
            return
        replay = _replay(body)
        client = (scope.get("client") or ("?", 0))[0]
        if handler in self.rate_limited and not all(self.limiter.hit(limit, "q", client) for limit in self.limits):
            reset = min(self.limiter.get_window_stats(limit, "q", client).reset_time for limit in self.limits)
            import time

            wait = max(1, int(reset - time.time() + 0.999))
            await _reply(
                send, 429, M.WEB_RATE_LIMITED.format(seconds=wait, limit=self.limit_text), {"retry-after": str(wait)}
            )
            return
        if handler not in self.concurrency_capped:
            await self.app(scope, replay, send)
            return
        with self.lock:
            if self.in_flight.get(client, 0) >= self.concurrency:
                busy = True
            else:
                busy = False
                self.in_flight[client] = self.in_flight.get(client, 0) + 1
        if busy:
            await _reply(send, 429, M.WEB_TOO_MANY_AT_ONCE.format(n=self.concurrency), {"retry-after": "2"})
            return
        try:
            await self.app(scope, replay, send)
        finally:
            with self.lock:
                self.in_flight[client] -= 1
                if not self.in_flight[client]:
                    del self.in_flight[client]

    def _authorized(self, scope: Scope) -> bool:
        value = _header(scope, b"authorization") or ""
        if not value.lower().startswith("basic "):
            return False
        try:
            _, _, password = base64.b64decode(value[6:], validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return secrets.compare_digest(password.encode(), self.password.encode())

    def _handler(self, path: str, body: bytes) -> tuple[str, bool]:
        """(handler name, whether the route names a known endpoint) for a POST."""
        if path in REST:
            return REST[path], True
        m = JOIN.match(path)
        if m:
            page = self.pages.get(m["prefix"] or "")
            try:
                index = int(json.loads(body or b"{}").get("fn_index"))
            except (ValueError, TypeError, AttributeError):
                return "", True  # Gradio answers malformed bodies itself (422)
            if page is None or index not in page.names:
                return "", False
            return page.names[index], True
        m = API.match(path)
        if m:
            page = self.pages.get(m["prefix"] or "")
            if page is None or m["name"] not in page.apis:
                return "", False
            return page.apis[m["name"]], True
        return "", True


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


async def _read_body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


async def _reply(send: Send, status: int, text: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"error": text}, ensure_ascii=False).encode()
    raw = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def _chinese_page(send: Send) -> Send:
    """Rewrites the page's HTML: lang="zh-CN" and the language script first in <head>."""
    start: dict[str, Any] = {}
    chunks: list[bytes] = []

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
            return
        if message["type"] != "http.response.body":
            await send(message)
            return
        chunks.append(message.get("body", b""))
        if message.get("more_body"):
            return
        body = b"".join(chunks)
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        if any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers):
            body = re.sub(rb'<html(\s+)lang="en"', rb'<html\1lang="zh-CN"', body, count=1)
            body = body.replace(b"<head>", b"<head>" + assets.FORCE_CHINESE.encode(), 1)
        headers.append((b"content-length", str(len(body)).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return wrapped


def make_server(bot: Any, settings: Any, host: str, feedback: Any = None, long_bot: Any = None) -> tuple[Any, bool]:
    """The ASGI app for ``host``; returns (app, whether the staff desk is served).

    ``long_bot`` (a second ``Assistant``) answers the long questions, one at a time (``app.Lanes``).
    """
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # read when gradio is imported: no start-up DNS lookup
    import gradio as gr
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse, PlainTextResponse
    from starlette.concurrency import run_in_threadpool

    from .app import CONCURRENCY_CAPPED, RATE_LIMITED, WebApp
    from .pages import build_applicant, build_staff

    staff_enabled = bool(settings.staff_password) or is_loopback(host)
    web = WebApp(bot, feedback, long_bot)
    api = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    async def ask(request: Request) -> JSONResponse:
        """{"question": "…", "session": "optional id"} → the contract's answer object (+ "message")."""
        try:
            body = json.loads(await request.body())
        except ValueError:
            body = None
        question = body.get("question") if isinstance(body, dict) else None
        session = body.get("session") if isinstance(body, dict) else None
        if not isinstance(question, str) or not (session is None or isinstance(session, str)):
            return JSONResponse({"error": M.WEB_API_BAD}, status_code=400)
        conv = web.api_conversation(request.client.host if request.client else "?", session)
        answer, _ = await run_in_threadpool(web.ask_api, question, conv)
        if answer.pop("busy", False):  # the long-question lane is full: come back later
            return JSONResponse({"error": answer["error"]}, status_code=429, headers={"retry-after": "5"})
        return JSONResponse(answer, status_code=400 if "error" in answer else 200)

    ask.__annotations__["request"] = Request  # this module's annotations are strings; FastAPI needs the class
    api.add_api_route("/api/ask", ask, methods=["POST"])

    @api.get("/healthz")
    def healthz() -> JSONResponse:
        info = bot.round()
        return JSONResponse({"status": "ok", "index": bot.index.build, "year": info.year, "window": info.status})

    pages = {}
    common = {"footer_links": [], "show_error": False, "css": assets.CSS, "theme": gr.themes.Soft()}
    common["max_file_size"] = 1  # this app takes no uploads
    # Gradio announces finished events with keys its Chinese translation lacks ("common.complete")
    common["i18n"] = gr.I18n(**{"zh-CN": {"common.complete": "已完成", "common.error": "出错了"}})
    if staff_enabled:

        @api.get(STAFF + "/export/unanswered.csv")
        def export_open() -> PlainTextResponse:
            return _csv(web.open_questions_csv(), "unanswered.csv")

        @api.get(STAFF + "/export/feedback.csv")
        def export_all() -> PlainTextResponse:
            import io

            out = io.StringIO()
            if feedback is not None:
                feedback.export_csv(out)
            return _csv(out.getvalue(), "feedback.csv")

        staff = build_staff(web, STAFF + "/export")
        gr.mount_gradio_app(api, staff, path=STAFF, **common)
        pages[STAFF] = Endpoints.of(staff)
    applicant = build_applicant(web)
    gr.mount_gradio_app(api, applicant, path="/", **common)
    pages[""] = Endpoints.of(applicant)
    guard = Guard(
        api,
        rate_limit=settings.rate_limit,
        concurrency=settings.client_concurrency,
        pages=pages,
        rate_limited=RATE_LIMITED,
        concurrency_capped=CONCURRENCY_CAPPED,
        staff_password=settings.staff_password,
        staff_enabled=staff_enabled,
    )
    return guard, staff_enabled


def _csv(text: str, name: str) -> Any:
    from fastapi.responses import PlainTextResponse

    return PlainTextResponse(
        "\ufeff" + text,  # a BOM, so spreadsheets read UTF-8
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"', "cache-control": "no-store"},
    )


class PortError(OSError):
    """The address cannot be bound (one line, for the command line)."""


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on (host, port), or ``PortError`` with a one-line Chinese reason."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise PortError(M.WEB_HOST_BAD.format(host=host, port=port, why=exc.strerror)) from None
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        import errno

        if exc.errno == errno.EADDRINUSE:
            raise PortError(M.WEB_PORT_BUSY.format(port=port, host=host, other=port + 1)) from None
        raise PortError(M.WEB_HOST_BAD.format(host=host, port=port, why=exc.strerror or exc)) from None
    sock.set_inheritable(True)
    return sock


def serve(
    bot: Any, settings: Any, feedback: Any, host: str, port: int, say: Callable[[str], None], long_bot: Any = None
) -> None:
    """Bind (a busy port is one line, not a traceback), build the app, serve until stopped."""
    import uvicorn

    sock = bind(host, port)
    app, staff = make_server(bot, settings, host, feedback, long_bot)
    if not staff:
        say(M.WEB_PUBLIC_NO_PASSWORD.format(host=host))
    shown = f"[{host}]" if ":" in host else host
    say(
        M.WEB_LISTENING.format(
            host=shown, port=port, staff=f"http://{shown}:{port}{STAFF}/" if staff else M.WEB_STAFF_OFF
        )
    )
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=5)
    uvicorn.Server(config).run(sockets=[sock])
