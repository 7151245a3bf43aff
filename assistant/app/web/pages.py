"""The Gradio pages: the applicants' chat and eligibility form (``/``) and the staff desk (``/staff/``).

Layout and wiring only; the handlers are ``app.WebApp``'s. Every chat event runs outside Gradio's
queue (``queue=False``): the server's guard then sees each piece of work as one HTTP request, which
its per-client concurrency cap counts; a burst is never dropped (``trigger_mode="multiple"``).
"""

from __future__ import annotations

import html
from typing import Any

from ... import messages as M
from ...vocab import Grade, Level
from . import assets
from .app import EDU_CHOICES, EXAMPLES, MAX_CHARS, MAX_TYPED, Conversation, WebApp
from .render import check_html, topics_html


def build_applicant(web: WebApp) -> Any:
    """The applicants' page: 政策问答 and 申报资格自测."""
    import gradio as gr

    bot = web.bot
    with gr.Blocks(title=M.WEB_TITLE, analytics_enabled=False) as page:
        gr.Markdown(f"## {M.WEB_TITLE}")
        gr.Markdown(_escape_md(M.WEB_BANNER.format(window=web.round_note)), elem_id="banner")
        conv = gr.State(lambda: Conversation(bot))  # made on first use, one per browser or API session
        with gr.Tab(M.WEB_TAB_CHAT, elem_id="tab-chat"):
            view = gr.HTML(web.view(web.new_conversation()), js_on_load=assets.CONVERSATION_JS, elem_id="conversation")
            msg = gr.Textbox(
                label=M.WEB_INPUT_LABEL,
                placeholder=M.WEB_INPUT_PLACEHOLDER,
                elem_id="question",
                max_length=MAX_TYPED,
                lines=1,
                max_lines=8,
                submit_btn=False,
            )
            gr.HTML(
                f'<span class="ok">0 / {MAX_CHARS} 字</span>',
                elem_id="counter",
                js_on_load=assets.COUNTER_JS.replace("LIMIT", str(MAX_CHARS)),
            )
            gr.Markdown(M.WEB_PRIVACY, elem_id="privacy")
            with gr.Row():
                send = gr.Button(M.WEB_SEND, variant="primary", elem_id="send", scale=2)
                new = gr.Button(M.WEB_NEW_CHAT, elem_id="new-chat", scale=1)
            examples = gr.Dataset(
                components=[gr.Textbox(visible=False)],
                samples=[[e] for e in EXAMPLES],
                label=M.WEB_EXAMPLES,
                elem_id="examples",
                layout="table",
            )
            last = gr.Textbox(visible=False)  # the id of the message just posted
            api_question = gr.Textbox(visible=False)
            api_answer = gr.JSON(visible=False)
            api_button = gr.Button(visible=False)
        for trigger in (msg.submit, send.click):
            trigger(
                web.post, [msg, conv], [view, msg, last, conv], queue=False, trigger_mode="multiple",
                api_visibility="private",
            ).then(
                web.answer, [last, conv], [view, conv], queue=False, trigger_mode="multiple",
                api_visibility="private",
            )  # fmt: skip
        examples.click(lambda s: s[0], examples, msg, queue=False, api_visibility="private").then(
            web.post, [msg, conv], [view, msg, last, conv], queue=False, api_visibility="private"
        ).then(web.answer, [last, conv], [view, conv], queue=False, api_visibility="private")
        new.click(web.new_chat, conv, [view, msg, conv], queue=False, api_visibility="private")

        def on_rate(c: Conversation, evt: gr.EventData) -> str:
            return web.rate(c, dict(getattr(evt, "_data", None) or {}))

        on_rate.__annotations__["evt"] = gr.EventData  # Gradio injects the event data by this type
        view.select(on_rate, conv, view, queue=False, trigger_mode="multiple", api_visibility="private")
        api_button.click(
            web.ask_api, [api_question, conv], [api_answer, conv], api_name="ask", queue=False, concurrency_limit=4
        )

        with gr.Tab(M.WEB_TAB_CHECK, elem_id="tab-check"):
            gr.Markdown(M.WEB_F_INTRO)
            with gr.Row():
                grade = gr.Dropdown(
                    [g.value for g in Grade], value=Grade.ENGINEER.value, label=M.WEB_F_GRADE, elem_id="f-grade"
                )
                edu = gr.Dropdown(
                    [M.WEB_UNKNOWN, *EDU_CHOICES], value=M.WEB_UNKNOWN, label=M.WEB_F_EDU, elem_id="f-edu"
                )
                years = gr.Textbox(label=M.WEB_F_YEARS, placeholder=M.WEB_F_BLANK, elem_id="f-years", max_length=20)
            with gr.Row():
                tlevel = gr.Dropdown(
                    [M.WEB_UNKNOWN, M.WEB_NO_TITLE, *(lvl.value for lvl in Level)],
                    value=M.WEB_UNKNOWN,
                    label=M.WEB_F_TITLE,
                    elem_id="f-title",
                )
                tseries = gr.Radio(
                    [M.WEB_THIS_SERIES, M.WEB_OTHER_SERIES], value=M.WEB_THIS_SERIES, label=M.WEB_F_SERIES
                )
                tyears = gr.Textbox(
                    label=M.WEB_F_TITLE_YEARS, placeholder=M.WEB_F_BLANK, elem_id="f-title-years", max_length=20
                )
            with gr.Row():
                perf = gr.Radio([M.WEB_UNKNOWN, M.WEB_YES, M.WEB_NO], value=M.WEB_UNKNOWN, label=M.WEB_F_PERF)
                ach = gr.Textbox(label=M.WEB_F_ACH, placeholder=M.WEB_F_BLANK, elem_id="f-ach", max_length=20)
            with gr.Row():
                brk = gr.CheckboxGroup([M.WEB_NONE, *M.WEB_BREAK_ITEMS], label=M.WEB_F_BREAK)
                basic = gr.Radio([M.WEB_UNKNOWN, M.WEB_YES, M.WEB_NO], value=M.WEB_UNKNOWN, label=M.WEB_F_BASIC)
            check_btn = gr.Button(M.WEB_CHECK, variant="primary", elem_id="check")
            verdict = gr.HTML(check_html(None), js_on_load=assets.CONVERSATION_JS, elem_id="verdict")
            with gr.Accordion(M.WEB_JSON, open=False):
                result_json = gr.JSON(show_label=False)
            check_btn.click(
                web.check,
                [grade, edu, years, tlevel, tseries, tyears, perf, ach, brk, basic],
                [verdict, result_json],
                api_name="check",
                queue=False,
            )
    return page


def build_staff(web: WebApp, export_base: str) -> Any:
    """The staff desk: ranked clauses with a readable match strength, and the unanswered questions."""
    import gradio as gr

    with gr.Blocks(title=M.WEB_STAFF_TITLE, analytics_enabled=False) as page:
        gr.Markdown(f"## {M.WEB_STAFF_TITLE}")
        with gr.Tab(M.WEB_TAB_LOOKUP, elem_id="tab-lookup"):
            query = gr.Textbox(label=M.WEB_LOOKUP_LABEL, elem_id="lookup-query", max_length=MAX_TYPED)
            find = gr.Button(M.WEB_LOOKUP, variant="primary", elem_id="lookup")
            short = gr.Textbox(
                label=M.WEB_SHORT_ANSWER, lines=6, buttons=["copy"], elem_id="short-answer", interactive=False
            )
            gr.Markdown(M.WEB_STRENGTH_HELP)
            hits = gr.HTML(f"<p>{M.WEB_LOOKUP_EMPTY}</p>", elem_id="lookup-hits")
            find.click(web.lookup, query, [hits, short], api_name="lookup", queue=False)
            query.submit(web.lookup, query, [hits, short], queue=False, api_visibility="private")
        with gr.Tab(M.WEB_TAB_OPEN, elem_id="tab-open"):
            gr.Markdown(M.WEB_OPEN_INTRO)
            with gr.Row():
                refresh = gr.Button(M.WEB_OPEN_REFRESH, elem_id="open-refresh", scale=0)
                gr.HTML(
                    f'<a href="{export_base}/unanswered.csv" download>{M.WEB_EXPORT_OPEN}</a> · '
                    f'<a href="{export_base}/feedback.csv" download>{M.WEB_EXPORT_ALL}</a>',
                    elem_id="exports",
                )
            table = gr.HTML(topics_html([]), elem_id="open-table")
            refresh.click(web.open_questions_html, None, table, queue=False, api_visibility="private")
            page.load(web.open_questions_html, None, table, queue=False, api_visibility="private")
    return page


def _escape_md(text: str) -> str:
    return html.escape(text, quote=False)
