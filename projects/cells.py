"""What one spreadsheet cell says, as an office types it: pure functions, no database.

Each parser takes the cell's text (already stripped, never empty) and returns a value or
raises CellError with a Thai message for the officer. Thai and Arabic digits are both read.
Looking names up (which strategy is "2"?) needs the plan and happens in projects/imports/.
"""

import re
from decimal import Decimal
from functools import cache

from django.core.exceptions import ValidationError

from projects import thai


class CellError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def text(value: str) -> str:
    return value


def integer(value: str) -> int:
    digits = thai.to_arabic_digits(value).strip().removesuffix(".0")
    if not digits.isascii() or not digits.isdigit():
        raise CellError(f"“{value}” ไม่ใช่ตัวเลขจำนวนเต็ม")
    return int(digits)


@cache
def _amount_field():
    from projects.forms import AmountField  # forms import the models; cells stay light

    return AmountField()  # built once: a field copies its widget, a cost per cell otherwise


def amount(value: str) -> Decimal:
    """Baht by the same rules and messages as the project form's amount field."""
    try:
        return _amount_field().clean(value)
    except ValidationError as error:
        raise CellError(f"“{value}”: {' '.join(error.messages)}") from None


def normal(value: str) -> str:
    """For comparing names: digits in Arabic, runs of spaces (and line breaks) as one."""
    return " ".join(thai.to_arabic_digits(value).split())


def choice(options: dict[str, str], what: str):
    """A parser accepting the labels (or stored values) of a TextChoices, spaces ignored."""
    by_text = {normal(k).replace(" ", ""): v for k, v in options.items()}

    def parse(value: str) -> str:
        found = by_text.get(normal(value).replace(" ", ""))
        if found is None:
            listed = ", ".join(k for k in options if not k.isascii())
            raise CellError(f"ไม่รู้จัก{what} “{value}” ใช้ได้: {listed}")
        return found

    return parse


# --- months -----------------------------------------------------------------------------


def _abbr_pattern(abbr: str) -> str:
    # "ม.ค." also as "ม.ค", "มค" or "ม. ค.": offices type them every way.
    parts = [re.escape(p) for p in abbr.split(".") if p]
    return r"\.?\s*".join(parts) + r"\.?"


_MONTH_WORDS = sorted(
    [(name, m) for m, name in thai.MONTH_NAMES.items()]
    + [(abbr, m) for m, abbr in thai.MONTH_ABBRS.items()],
    key=lambda pair: -len(pair[0]),
)
_MONTH_TOKEN = re.compile(
    "|".join(
        f"(?P<m{i}>{re.escape(w) if w in thai.MONTH_NAMES.values() else _abbr_pattern(w)})"
        for i, (w, _m) in enumerate(_MONTH_WORDS)
    )
    + r"|(?P<number>[0-9]+)|(?P<dash>-)|(?P<space>[\s,;/]+)"
)
_DASHES = re.compile(r"\s*(?:[-–—−~]|ถึง)\s*")
WHOLE_YEAR = ("ทั้งปี", "ตลอดปี", "ตลอดปีงบประมาณ", "12 เดือน")


def months(value: str) -> list[int]:
    """Calendar month numbers in fiscal order, from "ต.ค. พ.ย.", "10 11", "ม.ค.–เม.ย." …"""
    cleaned = normal(value)
    if cleaned in WHOLE_YEAR:
        return list(thai.FISCAL_MONTHS)
    cleaned = _DASHES.sub("-", cleaned)
    tokens: list[int | str] = []
    position = 0
    while position < len(cleaned):
        match = _MONTH_TOKEN.match(cleaned, position)
        if not match:
            raise CellError(
                f"ไม่เข้าใจเดือน “{value}” เขียนได้เช่น “ต.ค. พ.ย. ธ.ค.”, “ม.ค.–เม.ย.” หรือ “10 11 12”"
            )
        position = match.end()
        kind = match.lastgroup
        if kind == "space":
            continue
        if kind == "dash":
            tokens.append("-")
        elif kind == "number":
            number = int(match.group())
            if not 1 <= number <= 12:
                raise CellError(f"เดือน “{number}” ไม่มี เลขเดือนต้องเป็น 1–12 (10 = ตุลาคม)")
            tokens.append(number)
        else:
            tokens.append(_MONTH_WORDS[int(kind[1:])][1])
    return _expand_ranges(tokens, value)


def _expand_ranges(tokens: list[int | str], value: str) -> list[int]:
    order = thai.FISCAL_MONTHS
    chosen: set[int] = set()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "-":
            raise CellError(f"ช่วงเดือน “{value}” ต้องมีเดือนทั้งสองข้างของขีด")
        if i + 2 < len(tokens) and tokens[i + 1] == "-":
            end = tokens[i + 2]
            if end == "-":
                raise CellError(f"ช่วงเดือน “{value}” ต้องมีเดือนทั้งสองข้างของขีด")
            first, last = order.index(token), order.index(end)
            if last < first:
                raise CellError(
                    f"ช่วงเดือน “{value}” ต้องเรียงตามปีงบประมาณ (ต.ค. ถึง ก.ย.) เช่น “ต.ค.–ธ.ค.”"
                )
            chosen.update(order[first : last + 1])
            i += 3
            continue
        if i + 1 < len(tokens) and tokens[i + 1] == "-":
            raise CellError(f"ช่วงเดือน “{value}” ต้องมีเดือนทั้งสองข้างของขีด")
        chosen.add(token)
        i += 1
    if not chosen:
        raise CellError(f"ไม่เข้าใจเดือน “{value}”")
    return [m for m in order if m in chosen]


# --- villages ---------------------------------------------------------------------------

_VILLAGE_NUMBER = re.compile(r"^(?:หมู่(?:ที่)?|ม\.)\s*([0-9]+)")


def villages(value: str) -> list[int | str]:
    """Village numbers ("1, 2", "หมู่ที่ 1 บ้านสูงเม่น; หมู่ที่ 2") or names ("บ้านดอนมูล")."""
    found: list[int | str] = []
    for item in re.split(r"[;,\n]+", thai.to_arabic_digits(value)):
        item = " ".join(item.split())
        if not item:
            continue
        match = _VILLAGE_NUMBER.match(item)
        if match:
            found.append(int(match.group(1)))
        elif item.isascii() and item.isdigit():
            found.append(int(item))
        else:
            found.append(item.removeprefix("บ้าน").strip())
    return found
