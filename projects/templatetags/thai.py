"""Template filters over ``projects.thai``: ``{% load thai %}``.

Every filter returns "" for None or "". Other bad input raises rather than rendering
an empty cell, because a silently blank amount in a published plan is worse than an error.
Thai digits are chosen per document by chaining: ``{{ amount|baht|thai_digits }}``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import template
from django.utils.translation import get_language

from projects import thai

register = template.Library()


def _empty(value: object) -> bool:
    return value is None or value == ""


def _as_date(value: date | str) -> date:
    # Dates are stored ISO, so a string coming from JSON or a raw query is accepted.
    return date.fromisoformat(value) if isinstance(value, str) else value


def _lang() -> str | None:
    # Dates and months follow the page's language; the Buddhist era stays in both.
    return get_language()


# expects_localtime: an aware datetime is shown on its Asia/Bangkok calendar day.
@register.filter(expects_localtime=True)
def thai_date(value: date | str | None) -> str:
    """{{ d|thai_date }} → "1 ตุลาคม พ.ศ. 2564"."""
    return "" if _empty(value) else thai.thai_date(_as_date(value), lang=_lang())


@register.filter(expects_localtime=True)
def thai_date_short(value: date | str | None) -> str:
    """{{ d|thai_date_short }} → "1 ต.ค. 64"."""
    return "" if _empty(value) else thai.thai_date(_as_date(value), short=True, lang=_lang())


@register.filter
def thai_month(value: date | str | None) -> str:
    """{{ d|thai_month }} → "ตุลาคม 2564": a month a project actually started or ended."""
    return "" if _empty(value) else thai.month_year(_as_date(value), lang=_lang())


# is_safe: swapping digits cannot create markup, so already-safe HTML stays safe;
# unsafe input is still autoescaped.
@register.filter(is_safe=True)
def thai_digits(value: object) -> str:
    """{{ value|thai_digits }} → the value's text with ๐-๙ for 0-9."""
    return "" if _empty(value) else thai.to_thai_digits(value)


@register.filter
def baht(value: Decimal | int | str | None) -> str:
    """{{ amount|baht }} → "12,500.00"."""
    return "" if _empty(value) else thai.baht(value)


@register.filter
def baht_text(value: Decimal | int | str | None) -> str:
    """{{ amount|baht_text }} → "หนึ่งหมื่นสองพันห้าร้อยบาทถ้วน"."""
    return "" if _empty(value) else thai.baht_text(value)


@register.filter
def percent(value: Decimal | int | str | None) -> str:
    """{{ ratio|percent }} → "12.34"."""
    return "" if _empty(value) else thai.percent(value)


@register.filter
def fiscal_year_label(value: int | str | None) -> str:
    """{{ plan.year_be|fiscal_year_label }} → "ปีงบประมาณ พ.ศ. 2565"."""
    if _empty(value):
        return ""
    return thai.fiscal_year_label(int(thai.to_arabic_digits(str(value))))


@register.filter(expects_localtime=True)
def be_year(value: date | int | None) -> int | str:
    """{{ d|be_year }} → 2564 for a date, or for a CE year given as int."""
    return "" if _empty(value) else thai.buddhist_year(value)
