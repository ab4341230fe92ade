"""Filters for the plan document: ``{% load plan_document %}``."""

import re

from django import template

from notices import monthbars
from projects import thai

register = template.Library()


# is_safe: swapping digits cannot create markup, so already-safe HTML stays safe.
@register.filter(is_safe=True)
def numerals(value: object, use_thai: bool) -> object:
    """{{ amount|baht|numerals:thai_forms }}: ๐-๙ for 0-9 when the document asks for them.

    Thai digits are a per-document choice in the forms, so the choice travels as an argument;
    that condition is all this adds to thai_digits ({% load thai %}), which always swaps.
    """
    if not use_thai or value is None or value == "":
        return value
    return thai.to_thai_digits(value)


@register.filter
def month_bar_class(months: list[int]) -> str:
    """{{ project.months|month_bar_class }} → the CSS class that draws its month bar."""
    return monthbars.css_class(monthbars.month_mask(months))


_VILLAGE_NUMBERS = re.compile(r"หมู่(?:ที่)?\s*([0-9]+(?:\s*(?:[-–,]|และ)\s*[0-9]+)*)")
_RANGE = re.compile(r"([0-9]+)\s*[-–]\s*([0-9]+)|([0-9]+)")


def _numbers_named(location: str) -> set[int]:
    """The village numbers a location text already gives: "หมู่ที่ 1–3, 5" → {1, 2, 3, 5}."""
    named: set[int] = set()
    for listing in _VILLAGE_NUMBERS.findall(thai.to_arabic_digits(location)):
        for first, last, single in _RANGE.findall(listing):
            named.update(range(int(first), int(last) + 1) if first else [int(single)])
    return named


@register.filter
def location_lines(project) -> list[str]:
    """สถานที่ดำเนินการ: the location typed, then the villages ticked that it does not name.

    A location of "หมู่ที่ 3 บ้านดอนสว่าง" with village 3 ticked printed "หมู่ที่ 3" a second
    time; a village counts as named by its number ("หมู่ที่ 1–10", "หมู่ 2, 5") or its name.
    """
    location = project.location or ""
    numbers = _numbers_named(location)
    rest = [
        v.number
        for v in project.villages.all()
        if v.number not in numbers and v.name not in location
    ]
    lines = [location] if location else []
    if rest:
        lines.append("หมู่ที่ " + ", ".join(map(str, rest)))
    return lines


@register.filter
def breaks(value: object, breaker) -> object:
    """{{ p.title|numerals:thai_forms|breaks:breaker }}: Thai text that wraps between words and
    never inside a proper name (notices/linebreaks.py); escaped, so it is safe to print."""
    return breaker(value)
