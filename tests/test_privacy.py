"""Masking of personal data: what is masked, and what must stay (helplines, dates, the documents)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.corpus import Corpus
from assistant.ingest.roundfacts import RoundFacts
from assistant.privacy import EMAIL_MASK, ID_MASK, PHONE_MASK, mask
from assistant.settings import PROJECT_CORPUS

# the helplines as the documents give them (no number is written in the code)
HELPLINES = RoundFacts.from_corpus(Corpus.load(PROJECT_CORPUS)).helplines

MASKED = [
    # resident ID numbers: 18 digits (wrong or right check digit, X in either case), spaced, 15-digit old form
    ("身份证110101199001011234", f"身份证{ID_MASK}"),
    ("身份证号11010519491231002X，请查", f"身份证号{ID_MASK}，请查"),
    ("11010519491231002x", ID_MASK),
    ("110101 19900101 1234", ID_MASK),
    ("老证110101900101123", f"老证{ID_MASK}"),
    # mobiles, with or without +86 / 0086, spaces, dashes, dots, full-width digits
    ("电话13812345678", f"电话{PHONE_MASK}"),
    ("手机+86 138 1234 5678好", f"手机{PHONE_MASK}好"),
    ("+8613812345678", PHONE_MASK),
    ("0086 13812345678", PHONE_MASK),
    ("138-1234-5678；138.1234.5678", f"{PHONE_MASK}；{PHONE_MASK}"),
    ("１３８１２３４５６７８", PHONE_MASK),
    ("14912345678", PHONE_MASK),  # a prefix the phone metadata does not list
    # landlines: area code in any form, extensions, a bare local number after 电话/座机
    ("座机010-62345678", f"座机{PHONE_MASK}"),
    ("(010)62345678 （021）12345678 0755-12345678 010 6234 5678", " ".join([PHONE_MASK] * 4)),
    ("021-62345678-8001", f"{PHONE_MASK}-8001"),
    ("021-62345678转8001", f"{PHONE_MASK}转8001"),
    ("我的座机62345678打不通", f"我的座机{PHONE_MASK}打不通"),
    # e-mail, also a QQ-number address (the digits are not left behind as a phone number)
    ("邮箱zhang.san@example.com谢谢", f"邮箱{EMAIL_MASK}谢谢"),
    ("13812345678@qq.com", EMAIL_MASK),
]


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_personal_data_is_masked(text: str, expected: str) -> None:
    assert mask(text, HELPLINES) == expected


KEPT = [
    "咨询电话：010—88828948，010—88827905",  # the notice, verbatim
    "010-88828948 010–88827905 010－88828948 010 — 88827905 01088828948",  # every dash, or none
    "(010)88828948 +86 10 8882 8948 电话88828948",
    "个人网上申报，7月4日（周二）-7月17日（周一）；2023年度；20230704；2019年—2023年；满5年；第3条",
    "",
]


@pytest.mark.parametrize("text", KEPT)
def test_helplines_dates_and_plain_text_stay(text: str) -> None:
    assert HELPLINES == ["010—88828948", "010—88827905"]
    assert mask(text, HELPLINES) == text


def test_the_documents_are_left_as_they_are() -> None:
    for path in Path(PROJECT_CORPUS).glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        assert mask(text, HELPLINES) == text, path.name


def test_other_numbers_can_be_kept() -> None:
    assert mask("拨打010-12345678", keep=["010-12345678"]) == "拨打010-12345678"
    assert mask("拨打010—88828948", keep=[]) == f"拨打{PHONE_MASK}"
