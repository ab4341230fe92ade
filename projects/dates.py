"""The dates the product accepts, and day arithmetic that no stored date can break.

Every date a person types is checked against the fiscal years an organization can have
(พ.ศ. 2500–2700, the range the plan form accepts): a date such as 9999-12-31 would be
stored, and adding a 30-day deadline to it overflows Python's date. The arithmetic below
saturates instead of raising, so a value stored before this check (or by the admin) still
gives a page, never a server error.
"""

from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from projects import thai

FIRST_FISCAL_YEAR = 2500
LAST_FISCAL_YEAR = 2700
# A budget may be set, or an agency may write, up to a year before its fiscal year starts.
EARLIEST = thai.fiscal_year_dates(FIRST_FISCAL_YEAR - 1)[0]
LATEST = thai.fiscal_year_dates(LAST_FISCAL_YEAR)[1]


def add_days(day: date, days: int) -> date:
    """``day`` plus ``days``, held at the calendar's ends instead of overflowing."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def out_of_range_message(earliest: date, latest: date) -> str:
    return _("วันที่ต้องอยู่ระหว่าง %(earliest)s ถึง %(latest)s") % {
        "earliest": thai.thai_date(earliest),
        "latest": thai.thai_date(latest),
    }


class DateField(forms.DateField):
    """A date input with Thai messages, refused outside the years the product knows."""

    widget = forms.DateInput(attrs={"type": "date"})
    default_error_messages = {
        "required": _("กรุณาระบุวันที่"),
        "invalid": _("วันที่ไม่ถูกต้อง กรุณาเลือกวันที่จากปฏิทิน"),
    }

    def __init__(self, *, earliest: date = EARLIEST, latest: date = LATEST, **kwargs):
        super().__init__(**kwargs)
        self.earliest, self.latest = earliest, latest
        self.widget.attrs.update(min=earliest.isoformat(), max=latest.isoformat())

    def validate(self, value):
        super().validate(value)
        if value is not None and not self.earliest <= value <= self.latest:
            raise ValidationError(out_of_range_message(self.earliest, self.latest), code="range")
