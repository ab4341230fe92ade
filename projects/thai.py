"""Thai formatting: digits, Buddhist-era dates, fiscal years, baht amounts and collation.

Pure functions only; templates use them through ``projects.templatetags.thai``.
Money is always Decimal: floats are refused so no binary rounding can creep in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from pythainlp.util import collate, num_to_thaiword

T = TypeVar("T")
Amount = Decimal | int | str

BE_OFFSET = 543
_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# ASCII only: Python's \d (and Decimal()) would also accept e.g. Arabic-Indic digits.
_AMOUNT_RE = re.compile(r"-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)")
_CENT = Decimal("0.01")

MONTH_NAMES: dict[int, str] = {
    1: "มกราคม",
    2: "กุมภาพันธ์",
    3: "มีนาคม",
    4: "เมษายน",
    5: "พฤษภาคม",
    6: "มิถุนายน",
    7: "กรกฎาคม",
    8: "สิงหาคม",
    9: "กันยายน",
    10: "ตุลาคม",
    11: "พฤศจิกายน",
    12: "ธันวาคม",
}
MONTH_ABBRS: dict[int, str] = {
    1: "ม.ค.",
    2: "ก.พ.",
    3: "มี.ค.",
    4: "เม.ย.",
    5: "พ.ค.",
    6: "มิ.ย.",
    7: "ก.ค.",
    8: "ส.ค.",
    9: "ก.ย.",
    10: "ต.ค.",
    11: "พ.ย.",
    12: "ธ.ค.",
}
# English pages keep the Buddhist era: the year a Thai office works in does not change with
# the reader's language.
MONTH_NAMES_EN: dict[int, str] = {
    1: "January",
    2: "February",
    3: "March",
    4: "April",
    5: "May",
    6: "June",
    7: "July",
    8: "August",
    9: "September",
    10: "October",
    11: "November",
    12: "December",
}
MONTH_ABBRS_EN: dict[int, str] = {m: name[:3] for m, name in MONTH_NAMES_EN.items()}
# Months in the order a Thai fiscal year runs (October first).
FISCAL_MONTHS: tuple[int, ...] = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)


def to_thai_digits(value: object) -> str:
    """Return ``str(value)`` with 0-9 replaced by ๐-๙."""
    return str(value).translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    """Return ``text`` with ๐-๙ replaced by 0-9."""
    return text.translate(_TO_ARABIC)


def parse_amount(text: str) -> Decimal:
    """Parse a typed baht amount ("๑๒,๕๐๐.๕๐ บาท") into an exact Decimal.

    Commas are dropped wherever they are; an optional leading "-" is allowed.
    NaN, Infinity and exponents ("1e3") are rejected, since Decimal() would take them.
    """
    cleaned = to_arabic_digits(text).strip()
    cleaned = cleaned.removesuffix("บาท").strip().replace(",", "")
    if not _AMOUNT_RE.fullmatch(cleaned):
        raise ValueError(f"not an amount: {text!r}")
    return Decimal(cleaned)


def _decimal(amount: Amount) -> Decimal:
    if isinstance(amount, float):
        raise TypeError("money must be Decimal, int or str, not float")
    if isinstance(amount, str):
        return parse_amount(amount)
    value = Decimal(amount)
    if not value.is_finite():
        raise ValueError(f"not a finite amount: {amount!r}")
    return value


def _round(value: Decimal) -> Decimal:
    rounded = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded  # no "-0.00"


def _digits(text: str, thai_digits: bool) -> str:
    return to_thai_digits(text) if thai_digits else text


def buddhist_year(value: date | int) -> int:
    """Buddhist-era year of a date/datetime, or of a CE year given as int."""
    if isinstance(value, date):
        return value.year + BE_OFFSET
    if isinstance(value, int) and not isinstance(value, bool):
        return value + BE_OFFSET
    raise TypeError(f"expected a date or an int year, got {type(value).__name__}")


def _english(lang: str | None) -> bool:
    return bool(lang) and lang.startswith("en")


def month_abbr(month: int, *, lang: str | None = "th") -> str:
    """ "ต.ค." in Thai, "Oct" in English."""
    return (MONTH_ABBRS_EN if _english(lang) else MONTH_ABBRS)[month]


def month_from_abbr(text: str) -> int | None:
    """The month a Thai or English abbreviation names ("ต.ค.", "Oct"), None if neither."""
    for month in MONTH_ABBRS:
        if text in (MONTH_ABBRS[month], MONTH_ABBRS_EN[month]):
            return month
    return None


def month_labels(months, *, lang: str | None = "th") -> str:
    """The months' abbreviations in fiscal order: "ต.ค. พ.ย." (or "Oct Nov")."""
    return " ".join(month_abbr(m, lang=lang) for m in FISCAL_MONTHS if m in months)


def thai_date(
    value: date | None,
    *,
    short: bool = False,
    thai_digits: bool = False,
    lang: str | None = "th",
) -> str:
    """Long "1 ตุลาคม พ.ศ. 2564" or short "1 ต.ค. 64" (two-digit BE year); None gives "".

    In English (``lang="en"``): "1 October B.E. 2564" and "1 Oct 64", still Buddhist era.
    """
    if value is None:
        return ""
    year = buddhist_year(value)
    if short:
        text = f"{value.day} {month_abbr(value.month, lang=lang)} {year % 100:02d}"
    elif _english(lang):
        text = f"{value.day} {MONTH_NAMES_EN[value.month]} B.E. {year}"
    else:
        text = f"{value.day} {MONTH_NAMES[value.month]} พ.ศ. {year}"
    return _digits(text, thai_digits)


def month_year(value: date, *, lang: str | None = "th") -> str:
    """A month with its Buddhist-era year: "ตุลาคม 2564" ("October 2564" in English)."""
    names = MONTH_NAMES_EN if _english(lang) else MONTH_NAMES
    return f"{names[value.month]} {buddhist_year(value)}"


def fiscal_year_dates(year_be: int) -> tuple[date, date]:
    """First and last day of Thai fiscal year ``year_be`` (1 Oct of the year before to 30 Sep)."""
    year_ce = year_be - BE_OFFSET
    return date(year_ce - 1, 10, 1), date(year_ce, 9, 30)


def fiscal_year_of(d: date) -> int:
    """BE fiscal year that ``d`` falls in: October onwards counts towards the next year."""
    return buddhist_year(d) + (1 if d.month >= 10 else 0)


def fiscal_month_year_be(month: int, fiscal_year_be: int) -> int:
    """BE calendar year of ``month`` within a fiscal year: Oct-Dec belong to the year before."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")
    return fiscal_year_be - 1 if month >= 10 else fiscal_year_be


def fiscal_year_label(year_be: int, *, thai_digits: bool = False) -> str:
    """Heading form, e.g. "ปีงบประมาณ พ.ศ. 2565"."""
    return _digits(f"ปีงบประมาณ พ.ศ. {year_be}", thai_digits)


def baht(amount: Amount | None, *, thai_digits: bool = False) -> str:
    """E.g. "12,500.00": thousands separators, two decimals rounded half-up; None gives ""."""
    if amount is None:
        return ""
    return _digits(f"{_round(_decimal(amount)):,.2f}", thai_digits)


def baht_text(amount: Amount) -> str:
    """Amount in Thai words as written on cheques and notices ("…บาทถ้วน").

    Unlike pythainlp's bahttext, amounts under one baht have no "ศูนย์บาท" prefix.
    """
    value = _round(_decimal(amount))
    if value == 0:
        return "ศูนย์บาทถ้วน"
    whole, fraction = divmod(abs(value), 1)
    satang = int(fraction * 100)
    text = f"{num_to_thaiword(int(whole))}บาท" if whole else ""
    text += f"{num_to_thaiword(satang)}สตางค์" if satang else "ถ้วน"
    return f"ลบ{text}" if value < 0 else text


def percent(value: Amount | None, *, thai_digits: bool = False) -> str:
    """E.g. "12.34": two decimals rounded half-up, no separators; None gives ""."""
    if value is None:
        return ""
    return _digits(f"{_round(_decimal(value)):.2f}", thai_digits)


def thai_sorted(items: Iterable[T], key: Callable[[T], str] | None = None) -> list[T]:
    """Sort in Thai dictionary order, as ``pythainlp.util.collate`` does.

    collate only sorts strings, so the distinct keys are collated once and items sorted
    by their key's rank. Keys are pre-sorted by code point so ties stay deterministic.
    """
    values = list(items)
    keys: list[Any] = [key(item) if key else item for item in values]
    rank = {k: n for n, k in enumerate(collate(sorted(set(keys))))}
    order = sorted(range(len(values)), key=lambda i: rank[keys[i]])
    return [values[i] for i in order]
