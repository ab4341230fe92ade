"""One date field for every form: dates as Thai users type them, in พ.ศ. or ค.ศ.

"20/12/2564", "20/12/64", "๒๐/๑๒/๒๕๖๔", "2564-12-20" and "2021-12-20" all mean the same day.
A year of 2400 or more is Buddhist era; a two-digit year is the Buddhist era's last two
digits, as Thai offices write it. A value is shown back in the Buddhist era ("20/12/2564").
A year that fits neither era (543 added or taken away twice) is refused with a message that
says which year was probably meant. static/js/thai_date.js adds a calendar in พ.ศ.
"""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from projects import thai
from projects.dates import EARLIEST, LATEST, DateField, out_of_range_message

# Calendar years (ค.ศ.) a plan's dates can fall in.
FIRST_CE, LAST_CE = 1900, 2299
BE_FROM = 2400

_DMY = re.compile(r"([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{2,4})")
_YMD = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


def _era_slips(ce_year: int) -> int:
    """+1 when the year reads as 543 added twice, -1 as taken away twice, 0 otherwise: the
    mistakes the messages below name."""
    if ce_year > LAST_CE:
        return 1
    if ce_year < FIRST_CE:
        return -1
    return 0


def parse_thai_date(text: str) -> date:
    """The day ``text`` names; ValidationError with a Thai message otherwise."""
    cleaned = thai.to_arabic_digits(text).strip()
    if match := _YMD.fullmatch(cleaned):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DMY.fullmatch(cleaned):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year += 2500
    else:
        raise ValidationError(_("วันที่ไม่ถูกต้อง กรุณาพิมพ์ วัน/เดือน/ปี เช่น 20/12/2564"), code="invalid")
    ce_year = year - thai.BE_OFFSET if year >= BE_FROM else year
    if not EARLIEST.year - 1 <= ce_year - thai.BE_OFFSET * _era_slips(ce_year) <= LATEST.year + 1:
        # Not a year of the product in either era, however it was mistyped: say the range.
        raise ValidationError(out_of_range_message(EARLIEST, LATEST), code="range")
    if ce_year > LAST_CE:
        raise ValidationError(
            _("ปี %(year)s ดูเหมือนบวก 543 สองครั้ง: ถ้าเป็นปี พ.ศ. ให้พิมพ์ %(meant)s")
            % {"year": year, "meant": year - thai.BE_OFFSET},
            code="era",
        )
    if ce_year < FIRST_CE:
        raise ValidationError(
            _("ปี %(year)s ไม่ใช่ทั้งปี พ.ศ. และ ค.ศ.: ถ้าเป็นปี ค.ศ. ให้พิมพ์ %(meant)s (พ.ศ. %(be)s)")
            % {"year": year, "meant": year + thai.BE_OFFSET, "be": year + 2 * thai.BE_OFFSET},
            code="era",
        )
    try:
        return date(ce_year, month, day)
    except ValueError:
        raise ValidationError(
            _("ไม่มีวันที่ %(day)s เดือน %(month)s ในปีนั้น") % {"day": day, "month": month},
            code="invalid",
        ) from None


def format_thai_date(value: date) -> str:
    """ "20/12/2564": how the field shows a date back."""
    return f"{value.day:02d}/{value.month:02d}/{thai.buddhist_year(value)}"


class ThaiDateInput(forms.TextInput):
    """A text box (a native date input shows the Western calendar) with a พ.ศ. calendar."""

    def __init__(self, attrs=None):
        defaults = {
            "class": "form-control",
            "inputmode": "numeric",
            "autocomplete": "off",
            "placeholder": _("วว/ดด/ปปปป (พ.ศ.)"),
            "data-thai-date": "",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, date):
            return format_thai_date(value)
        return super().format_value(value)


class ThaiDateField(DateField):
    """A date as Thai users type it, refused outside the years the product knows
    (projects.dates.DateField)."""

    widget = ThaiDateInput

    def __init__(self, *, required_message=None, **kwargs):
        super().__init__(**kwargs)
        if required_message:
            self.error_messages["required"] = required_message

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        return parse_thai_date(str(value))
