"""The Gradio app: applicants' chat, the eligibility form, the staff lookup desk, feedback.

Presentation only: every answer comes from ``Assistant.ask`` / ``lookup`` / ``check`` /
``round`` — the same functions as the CLI. Every text shown is HTML-escaped first
(questions, answers, corpus text), so a question containing ``<script>`` shows as text.

    >>> to_markdown("截止日期为7月17日[1]。<b>")
    '截止日期为7月17日[\\\\[1\\\\]](#src-1)。&lt;b&gt;'
"""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Iterator
from typing import Any

from .. import messages as M
from ..answer import Answer
from ..rules.model import EligibilityInputError
from ..vocab import Degree, Grade, Level
from .feedback import FeedbackStore

MARK = re.compile(r"\[(\d+)\]")
STREAM_UPDATES = 6  # a reply streams in this many growing pieces
EXAMPLES = [
    "个人网上申报什么时候截止？",
    "本科毕业3年，能申报工程师吗？",
    "我能申报高级工程师吗？",
    "高级职称的评审结果在哪里公示？",
    "咨询电话是多少？",
]
EDU_CHOICES = [d.value for d in Degree]
UNKNOWN = "不确定/未填"
CSS = ".src-clause{white-space:pre-wrap;margin:.4em 0;padding:.5em;border-left:3px solid #2b6cb0;background:#f7fafc}"


def to_markdown(text: str) -> str:
    """Escape ``text`` and turn each [n] into a link to source n."""
    return MARK.sub(lambda m: f"[\\[{m[1]}\\]](#src-{m[1]})", html.escape(text, quote=False))


def sources_html(answer: Answer | None) -> str:
    """The cited clauses, verbatim, with their section paths; anchors src-1, src-2…"""
    if answer is None or not answer.citations:
        return f"<p>{html.escape(M.WEB_NO_SOURCES)}</p>"
    parts = []
    for n, c in enumerate(answer.citations, start=1):
        parts.append(
            f'<div id="src-{n}" class="src-clause"><b>[{n}] {html.escape(c.source)}</b><br>'
            f"<i>{html.escape(c.section)}</i>（{html.escape(c.id)}）<br>{html.escape(c.text)}</div>"
        )
    return "".join(parts)


def answer_markdown(answer: Answer) -> str:
    """The answer's lead, body and notes (its sources go to the panel), one part a line."""
    lines = [answer.lead, *(p.text for p in answer.body), *answer.notes]
    return to_markdown("\n".join(line for line in lines if line))


def banner(bot: Any) -> str:
    return html.escape(M.WEB_BANNER.format(window=bot.round().note))


class WebApp:
    """Handlers for the Gradio events; each one calls the same functions as the CLI."""

    def __init__(self, bot: Any, feedback: FeedbackStore) -> None:
        self.bot = bot
        self.feedback = feedback

    # ---- chat ----------------------------------------------------------------------------
    def chat(self, message: str, history: list[dict[str, str]], state: dict[str, Any]) -> Iterator[Any]:
        from ..pipeline import BadQuestion

        history = list(history or [])
        message = (message or "").strip()
        if not message:
            yield history, sources_html(None), state, ""
            return
        history.append({"role": "user", "content": html.escape(message, quote=False)})
        try:
            answer = self.bot.ask(message, session=state["session"])
        except BadQuestion as exc:
            history.append({"role": "assistant", "content": html.escape(M.WEB_BAD_QUESTION.format(why=exc))})
            state["answers"].append(None)  # keeps answers aligned with the assistant messages
            yield history, sources_html(None), state, ""
            return
        state["answers"].append(answer)
        text = answer_markdown(answer)
        history.append({"role": "assistant", "content": ""})
        piece = max(1, -(-len(text) // STREAM_UPDATES))
        for end in range(piece, len(text) + piece, piece):
            history[-1] = {"role": "assistant", "content": text[:end]}
            yield history, sources_html(answer), state, ""

    def rate(self, rating: int, comment: str, state: dict[str, Any], index: int | None = None) -> str:
        answers: list[Answer | None] = state["answers"]
        try:
            answer = answers[-1] if index is None else answers[index]
        except IndexError:
            answer = None
        if answer is None:
            return M.WEB_FEEDBACK_NOTHING
        self.feedback.add(
            question=answer.question,
            answer=answer.text,
            citations=[c.id for c in answer.citations],
            rating=rating,
            comment=(comment or "").strip(),
            session=state["id"],
        )
        return M.WEB_FEEDBACK_THANKS

    # ---- eligibility form -----------------------------------------------------------------
    def like(self, data: Any, comment: str, state: dict[str, Any]) -> str:
        """👍/👎 on any answer in the chat (Gradio's per-message buttons)."""
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        liked = data.liked if isinstance(data.liked, bool) else data.liked == "Like"
        return self.rate(1 if liked else -1, comment, state, index=int(index) // 2)

    def check(
        self,
        grade: str,
        education: str,
        years: float | None,
        title_level: str,
        title_series: str,
        title_years: float | None,
        performance: str,
        achievements: float | None,
        breakthrough: list[str],
        basic: str,
    ) -> tuple[str, dict[str, Any]]:
        facts: dict[str, Any] = {"grade": grade}
        if education != UNKNOWN:
            facts["education"] = education
        if years is not None:
            facts["years_in_field"] = years
        if title_level == M.WEB_NO_TITLE:
            facts["titles"] = []
        elif title_level != UNKNOWN:
            title: dict[str, Any] = {
                "level": title_level,
                "series": "other" if title_series == M.WEB_OTHER_SERIES else "this",
            }
            if title_years is not None:
                title["years"] = title_years
            facts["titles"] = [title]
        yes_no = {M.WEB_YES: True, M.WEB_NO: False}
        if performance in yes_no:
            facts["performance_met"] = yes_no[performance]
        if achievements is not None:
            facts["achievements"] = int(achievements)
        if breakthrough:
            facts["breakthrough"] = [] if M.WEB_NONE in breakthrough else [int(b[0]) for b in breakthrough]
        if basic in yes_no:
            facts["basic_met"] = yes_no[basic]
        try:
            answer = self.bot.check(facts)
        except EligibilityInputError as exc:
            return html.escape(M.WEB_BAD_FACTS.format(why=exc)), {}
        return answer_markdown(answer).replace("\n", "  \n"), answer.tool_calls[0].result

    # ---- staff lookup ----------------------------------------------------------------------
    def lookup(self, query: str) -> tuple[list[list[Any]], str]:
        from ..pipeline import BadQuestion

        try:
            hits = self.bot.lookup(query, k=10)
            answer = self.bot.ask(query)
        except BadQuestion as exc:
            return [], M.WEB_BAD_QUESTION.format(why=exc)
        rows = [[n, round(score, 4), rec.id, rec.section, rec.text] for n, (rec, score) in enumerate(hits, start=1)]
        return rows, answer.text


def build_app(bot: Any, feedback: FeedbackStore) -> Any:
    """The Gradio Blocks (Chinese UI); launched by ``assistant serve``."""
    import gradio as gr

    web = WebApp(bot, feedback)
    with gr.Blocks(title=M.WEB_TITLE) as app:
        gr.Markdown(f"## {html.escape(M.WEB_TITLE)}")
        gr.Markdown(banner(bot), elem_id="banner")

        def new_state() -> dict[str, Any]:
            """Per-browser state: the conversation, the answers shown, an id for feedback."""
            return {"session": bot.new_session(), "answers": [], "id": uuid.uuid4().hex[:12]}

        state = gr.State(new_state)
        with gr.Tab(M.WEB_TAB_CHAT):
            with gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(label=M.WEB_CHAT_LABEL, height=460, elem_id="chat", sanitize_html=True)
                    msg = gr.Textbox(
                        label=M.WEB_INPUT_LABEL, placeholder=EXAMPLES[0], elem_id="question", max_length=2000
                    )
                    send = gr.Button(M.WEB_SEND, variant="primary", elem_id="send")
                    gr.Examples(EXAMPLES, inputs=msg, label=M.WEB_EXAMPLES)
                    with gr.Row():
                        up = gr.Button("👍", elem_id="thumbs-up", scale=0)
                        down = gr.Button("👎", elem_id="thumbs-down", scale=0)
                        comment = gr.Textbox(label=M.WEB_COMMENT, elem_id="comment", scale=4)
                    thanks = gr.Markdown(elem_id="feedback-status")
                with gr.Column(scale=2):
                    sources = gr.HTML(sources_html(None), label=M.WEB_SOURCES, elem_id="sources")
            send.click(web.chat, [msg, chatbot, state], [chatbot, sources, state, msg], api_name="chat")
            msg.submit(web.chat, [msg, chatbot, state], [chatbot, sources, state, msg], api_visibility="private")
            up.click(lambda c, s: web.rate(1, c, s), [comment, state], thanks, api_name="thumbs_up")
            down.click(lambda c, s: web.rate(-1, c, s), [comment, state], thanks, api_name="thumbs_down")

            def on_like(data: Any, c: str, s: dict[str, Any]) -> str:
                return web.like(data, c, s)

            on_like.__annotations__["data"] = gr.LikeData  # Gradio injects the event data by this type
            chatbot.like(on_like, [comment, state], thanks, api_visibility="private")
        with gr.Tab(M.WEB_TAB_CHECK):
            with gr.Row():
                grade = gr.Dropdown(
                    [g.value for g in Grade], value=Grade.ENGINEER.value, label=M.WEB_F_GRADE, elem_id="f-grade"
                )
                edu = gr.Dropdown([UNKNOWN, *EDU_CHOICES], value=UNKNOWN, label=M.WEB_F_EDU, elem_id="f-edu")
                years = gr.Number(label=M.WEB_F_YEARS, minimum=0, maximum=60, elem_id="f-years")
            with gr.Row():
                tlevel = gr.Dropdown(
                    [UNKNOWN, M.WEB_NO_TITLE, *(lvl.value for lvl in Level)], value=UNKNOWN, label=M.WEB_F_TITLE
                )
                tseries = gr.Radio(
                    [M.WEB_THIS_SERIES, M.WEB_OTHER_SERIES], value=M.WEB_THIS_SERIES, label=M.WEB_F_SERIES
                )
                tyears = gr.Number(label=M.WEB_F_TITLE_YEARS, minimum=0, maximum=60)
            with gr.Row():
                perf = gr.Radio([UNKNOWN, M.WEB_YES, M.WEB_NO], value=UNKNOWN, label=M.WEB_F_PERF)
                ach = gr.Number(label=M.WEB_F_ACH, minimum=0, precision=0)
                brk = gr.CheckboxGroup(
                    [M.WEB_NONE, "1 政策法规被采纳", "2 国家重大科技项目转化", "3 典型案例获报道"], label=M.WEB_F_BREAK
                )
                basic = gr.Radio([UNKNOWN, M.WEB_YES, M.WEB_NO], value=UNKNOWN, label=M.WEB_F_BASIC)
            check_btn = gr.Button(M.WEB_CHECK, variant="primary", elem_id="check")
            verdict = gr.Markdown(elem_id="verdict")
            with gr.Accordion(M.WEB_JSON, open=False):
                result_json = gr.JSON()
            check_btn.click(
                web.check,
                [grade, edu, years, tlevel, tseries, tyears, perf, ach, brk, basic],
                [verdict, result_json],
                api_name="check",
            )
        with gr.Tab(M.WEB_TAB_LOOKUP):
            query = gr.Textbox(label=M.WEB_LOOKUP_LABEL, elem_id="lookup-query")
            find = gr.Button(M.WEB_LOOKUP, variant="primary", elem_id="lookup")
            table = gr.Dataframe(headers=M.WEB_LOOKUP_HEADERS, wrap=True, elem_id="lookup-table", interactive=False)
            short = gr.Textbox(
                label=M.WEB_SHORT_ANSWER, lines=6, buttons=["copy"], elem_id="short-answer", interactive=False
            )
            find.click(web.lookup, query, [table, short], api_name="lookup")
            query.submit(web.lookup, query, [table, short], api_visibility="private")
    return app


def serve(bot: Any, feedback: FeedbackStore, host: str, port: int) -> None:
    import gradio as gr

    app = build_app(bot, feedback)
    app.queue(default_concurrency_limit=8).launch(
        server_name=host, server_port=port, share=False, show_error=False, css=CSS, theme=gr.themes.Soft()
    )
