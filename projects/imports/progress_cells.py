"""What one cell of the progress file says, as an office types it: pure functions, no database.

Each parser takes the cell as openpyxl gives it (text, a number, or a date when the office's
Excel made one) and returns a value or raises CellError with a Thai message. Thai and
Arabic digits are both read; dates and months in the Buddhist era or the common one.
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache

from django.core.exceptions import ValidationError

from projects import cells, thai
from projects.dates import EARLIEST, LATEST, out_of_range_message
from projects.fields import parse_thai_date
from projects.imports.progress_template import choice_labels
from projects.imports.reader import cell_text
from projects.models import Procurement, ProgressStatus, ProjectProgress
from projects.text import visible

_MONTH_NUMBER = re.compile(r"([0-9]{1,2})\s*[/.\-]\s*([0-9]{2}|[0-9]{4})")
_MONTH_WORD = re.compile(r"([^0-9]+?)\s*([0-9]{2}|[0-9]{4})")
_MONTH_EXAMPLE = "เขียนเป็นเดือนและปี พ.ศ. เช่น “ต.ค. 2564”, “ตุลาคม 64” หรือ “10/2564”"
_MONTH_WORDS = {name: m for m, name in thai.MONTH_NAMES.items()} | {
    abbr.replace(".", ""): m for m, abbr in thai.MONTH_ABBRS.items()
}


@cache
def _choice(vocabulary, what: str):
    choices = vocabulary.choices
    labels = choice_labels(choices)
    options = {label: value for label, (value, _l) in zip(labels, choices, strict=True)}
    return cells.choice(options | {value: value for value, _l in choices}, what)


def _text(limit: int):
    def parse(raw) -> str:
        text = visible(cell_text(raw)).strip()
        if len(text) > limit:
            raise cells.CellError(
                f"ข้อความยาวเกินไป กรอกได้ไม่เกิน {limit:,} ตัวอักษร (ตอนนี้ {len(text):,})"
            )
        return text

    return parse


def _day(raw) -> date:
    if isinstance(raw, datetime):
        day = raw.date()
    elif isinstance(raw, date):
        day = raw
    else:
        try:
            day = parse_thai_date(cell_text(raw))
        except ValidationError as error:
            raise cells.CellError(f"“{cell_text(raw)}”: {' '.join(error.messages)}") from None
    if not EARLIEST <= day <= LATEST:
        raise cells.CellError(out_of_range_message(EARLIEST, LATEST))
    return day


def _year(text: str) -> int:
    """A year as typed beside a month, in the Buddhist era ("2564", "64") or the common one."""
    year = int(text)
    if len(text) == 2:
        return year + 2500 - thai.BE_OFFSET
    return year - thai.BE_OFFSET if year >= 2400 else year


def _month(raw) -> date:
    """The first day of a month: "ต.ค. 2564", "ตุลาคม 64", "10/2564", or a date cell."""
    if isinstance(raw, date):
        return _day(raw).replace(day=1)
    text = cells.normal(cell_text(raw))
    month = year = None
    if match := _MONTH_NUMBER.fullmatch(text):
        month, year = int(match.group(1)), _year(match.group(2))
    elif match := _MONTH_WORD.fullmatch(text):
        month = _MONTH_WORDS.get(match.group(1).replace(".", "").replace(" ", ""))
        year = _year(match.group(2))
    if month is None or not 1 <= month <= 12:
        try:  # a whole date typed in the cell: its month
            return _day(raw).replace(day=1)
        except cells.CellError:
            raise cells.CellError(f"ไม่เข้าใจเดือน “{text}” {_MONTH_EXAMPLE}") from None
    if not EARLIEST <= date(year, month, 1) <= LATEST:
        raise cells.CellError(out_of_range_message(EARLIEST, LATEST))
    return date(year, month, 1)


def _percent(raw) -> Decimal:
    text = thai.to_arabic_digits(cell_text(raw)).strip().removesuffix("%").strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise cells.CellError(f"“{cell_text(raw)}” ไม่ใช่ตัวเลขร้อยละ กรอก 0 ถึง 100 เช่น 45 หรือ 45.5")
    # Above 1,000 it is out of range anyway (check_values says so); quantizing a huge
    # number would overflow Decimal's context.
    if abs(value) < 1000 and value != value.quantize(Decimal("0.01")):
        raise cells.CellError("ร้อยละมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง")
    return value


def _amount(raw) -> Decimal:
    return cells.amount(cell_text(raw))


PARSERS = {
    "id": lambda raw: cells.integer(cell_text(raw)),
    "title": cell_text,
    "status": lambda raw: _choice(ProgressStatus, "สถานะ")(cell_text(raw)),
    "procurement_method": lambda raw: _choice(Procurement, "วิธีจัดซื้อจัดจ้าง")(cell_text(raw)),
    "cancel_reason": _text(ProjectProgress._meta.get_field("cancel_reason").max_length),
    "problems": _text(ProjectProgress._meta.get_field("problems").max_length),
    "contract_amount": _amount,
    "contract_on": _day,
    "percent_done": _percent,
    "actual_start": _month,
    "actual_end": _month,
    "paid_on": _day,
    "paid_amount": _amount,
    "stamp": lambda raw: tuple(cell_text(raw).split(":", 1)),
}
EMPTY = {"contract_amount": None, "contract_on": None, "actual_start": None, "actual_end": None}
