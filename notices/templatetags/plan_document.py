"""Filters for the plan document: ``{% load plan_document %}``."""

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
