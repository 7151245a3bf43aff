"""Screenshots for the README: the chat with a cited answer, and the staff lookup.

.venv/bin/assistant serve --port 7860 &   # then:
.venv/bin/python scripts/screenshots.py http://127.0.0.1:7860/ docs/
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"]


def main(url: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        page.locator("#question textarea").fill("个人网上申报什么时候截止？")
        page.locator("#send").click()
        expect(page.locator("#sources")).to_contain_text("（一）时间安排", timeout=30_000)
        page.wait_for_timeout(800)
        page.screenshot(path=str(out / "chat.png"), full_page=True)
        page.get_by_role("tab", name="条款查询（工作人员）").click()
        page.locator("#lookup-query textarea").fill("高级职称评审结果在哪里公示")
        page.locator("#lookup").click()
        expect(page.locator("#short-answer textarea")).to_have_value(re.compile("公示"), timeout=30_000)
        page.wait_for_timeout(800)
        page.screenshot(path=str(out / "lookup.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
