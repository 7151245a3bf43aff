"""Mask personal data in free text before it is stored: resident ID numbers, bank card numbers,
mobile and landline numbers, e-mail addresses. The helpline numbers of the notice stay as written.

    >>> mask("身份证110101199001011234，手机+86 138 1234 5678，邮箱zhang.san@example.com")
    '身份证[身份证号]，手机[电话]，邮箱[邮箱]'
    >>> mask("打010—88828948没人接，我的座机010-62345678", keep=["010—88828948"])
    '打010—88828948没人接，我的座机[电话]'

``keep`` is the helplines the documents give (``RoundInfo.helplines``); no number is written here.

Phone numbers are found by ``phonenumbers`` (Google's libphonenumber metadata: area codes, brackets,
spaces, dashes of every width, +86/0086, full-width digits), then by a plain pattern for what it
leaves (extensions such as ``021-62345678-8001``, mobile prefixes its metadata does not know yet) and
for a bare 7–8 digit number right after a word like 电话. An ID number is masked whether or not its
check digit is right: a mistyped ID is still someone's ID.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers

ID_MASK, CARD_MASK, PHONE_MASK, EMAIL_MASK = "[身份证号]", "[卡号]", "[电话]", "[邮箱]"

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+[@＠][A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
RESIDENT_ID = re.compile(r"(?<!\d)(?:\d{6}[ -]?\d{8}[ -]?\d{3}[\dXxＸｘ]|\d{15})(?![\dXxＸｘ])")
CARD = re.compile(r"(?<!\d)\d{16,19}(?!\d)")
# any personal number a caller may type (mobile, landline with or without separators, +86): wider than
# text.PHONE, which finds a number as the documents write it
PERSONAL_NUMBER = re.compile(
    r"(?<!\d)(?:(?:\+|00)?86[ -]?)?(?:1[3-9]\d(?:[ -]?\d{4}){2}|0\d{2,3}[ \-－—–]*\d{7,8})(?!\d)"
)
LOCAL = re.compile(r"(?:电话|座机|固话|手机|号码|[Tt][Ee][Ll])\D{0,4}?(\d{7,8})(?!\d)")


def mask(text: str, keep: Iterable[str] = ()) -> str:
    """``text`` with every ID, card and phone number (except those in ``keep``) and e-mail replaced."""
    kept = {_national(n) for n in keep}
    text = EMAIL.sub(EMAIL_MASK, text)
    text = RESIDENT_ID.sub(ID_MASK, text)
    text = CARD.sub(CARD_MASK, text)
    found = phonenumbers.PhoneNumberMatcher(text, "CN", leniency=phonenumbers.Leniency.VALID)
    for m in sorted(found, key=lambda m: m.start, reverse=True):
        if _national(m.raw_string) not in kept:
            text = text[: m.start] + PHONE_MASK + text[m.end :]
    text = PERSONAL_NUMBER.sub(lambda m: m[0] if _national(m[0]) in kept else PHONE_MASK, text)
    return LOCAL.sub(lambda m: m[0] if any(k.endswith(m[1]) for k in kept) else m[0].replace(m[1], PHONE_MASK), text)


def _national(number: str) -> str:
    """The digits of a Chinese number without country code or trunk 0: '010—88828948' → '1088828948'."""
    digits = "".join(str(int(c)) for c in number if c.isdecimal())
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) > 11:
        digits = digits[2:]
    return digits.lstrip("0")
