"""Screenshots for the README: the chat on a desktop and on a phone, and the staff desk.

.venv/bin/assistant serve --port 7860 &   # on loopback, or with ASSISTANT_STAFF_PASSWORD (then pass it too)
.venv/bin/python scripts/screenshots.py http://127.0.0.1:7860/ docs/ [staff password]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import expect, sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"]


def ask(page: Any, question: str) -> Any:
    turns = page.locator("#conversation article.turn")
    n = turns.count()
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    expect(turns.nth(n)).to_have_attribute("data-state", "answered", timeout=30_000)
    page.wait_for_timeout(400)
    return turns.nth(n)


def main(url: str, out: Path, password: str = "") -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page.goto(url)
        ask(page, "咨询电话是多少？")
        turn = ask(page, "本科毕业3年，能申报工程师吗？")
        turn.locator("details.more summary").click()
        turn.locator("details.more a.cite").nth(1).click()  # the 业绩 clause, with its items
        page.wait_for_timeout(600)
        turn.locator(".badge").scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, -60)")
        page.wait_for_timeout(300)
        page.screenshot(path=str(out / "chat.png"))

        phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN", device_scale_factor=2)
        phone.goto(url)
        ask(phone, "个人网上申报什么时候截止？")
        ask(phone, "我能申报高级工程师吗？")
        phone.screenshot(path=str(out / "chat-phone.png"))

        staff = browser.new_page(
            viewport={"width": 1280, "height": 900},
            locale="zh-CN",
            http_credentials={"username": "staff", "password": password} if password else None,
        )
        staff.goto(url.rstrip("/") + "/staff/")
        staff.locator("#lookup-query textarea").fill("高级职称评审结果在哪里公示")
        staff.locator("#lookup").click()
        expect(staff.locator("#short-answer textarea")).to_have_value(re.compile("公示"), timeout=30_000)
        staff.wait_for_timeout(600)
        staff.screenshot(path=str(out / "lookup.png"))
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), *(sys.argv[3:4]))
