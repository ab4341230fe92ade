"""Pieces of a project row, drawn in Python: a table of 1,000 projects draws each twice
(phone and desktop layouts), and a template include per piece cost half the page's time."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from projects.models.organization import UnitKind

register = template.Library()
ON, OFF = '<span class="on"></span>', "<span></span>"


@register.filter
def where(project) -> str:
    """Location text and village numbers: "บ้านสูงเม่น · หมู่ที่ 1, 2" (or "ชุมชนที่ 1, 2" where
    the organization's units are communities)."""
    villages = list(project.villages.all())
    numbers = ", ".join(str(v.number) for v in villages)
    word = _("ชุมชนที่") if villages and villages[0].unit == UnitKind.COMMUNITY else _("หมู่ที่")
    villages = f"{word} {numbers}" if numbers else ""
    return " · ".join(part for part in (project.location, villages) if part)


@register.filter
def month_bar(project):
    """Twelve cells in fiscal order, filled where the project runs, and the months in words
    for screen readers."""
    # Two fixed strings, nothing from the data: safe to mark as such.
    cells = mark_safe("".join(ON if on else OFF for on in project.month_flags))
    return format_html(
        '<div class="months" aria-hidden="true">{}</div><span class="visually-hidden">{}</span>',
        cells,
        project.month_labels,
    )
