"""Reading an uploaded workbook into rows of cell values, with a Thai error per bad cell.

The columns are recognised by their Thai headings (projects/exports.py: the downloads' list,
the template's month cells and budget-line cells), wherever the heading row is in the first
rows, and across a heading of two or three rows with merged cells as offices make them
("งบประมาณ" over งบ/หมวด/จำนวนเงิน, "พ.ศ. 2564" over ต.ค.–ธ.ค.). Budget lines come from the
row's own line cells, from the rows below it that carry only line cells, and from a
"รายการงบประมาณ" sheet keyed by project id (the downloads' XLSX).

Limits protect the server: file size, unpacked size, rows, columns and cell length.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from projects import cells
from projects.errors import DomainError
from projects.exports import COLUMNS, LINE_COLUMNS, MONTH_COLUMNS, Column

MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 80
MAX_CELL_CHARS = 2000
HEADING_SEARCH_ROWS = 10
LINES_SHEET = "รายการงบประมาณ"

PROJECT_COLUMNS = [c for c in COLUMNS if c.parse] + MONTH_COLUMNS
BY_KEY: dict[str, Column] = {c.key: c for c in PROJECT_COLUMNS + LINE_COLUMNS}
LINE_KEYS = frozenset(c.key for c in LINE_COLUMNS)
_TRAILING_YEAR = re.compile(r"[0-9]{2,4}$")


class ImportFileError(DomainError):
    pass


@dataclass
class CellProblem:
    ref: str  # "E12", or "รายการงบประมาณ!C4"
    label: str
    message: str


@dataclass
class LineCells:
    values: dict[str, object] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)


@dataclass
class SheetRow:
    number: int
    values: dict[str, object] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)
    lines: list[LineCells] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)


@dataclass
class Sheet:
    rows: list[SheetRow]
    keys: frozenset[str]  # the columns the file has: a missing column keeps today's value
    letters: dict[str, str]  # column key → its letter, to point at a cell left empty
    has_lines: bool  # line cells on the main sheet, or a budget-line sheet
    problems: list[CellProblem]  # not tied to a project row (the budget-line sheet)


def _squash(text: str) -> str:
    return cells.normal(text).rstrip("*").replace(" ", "")


def _heading_index(columns: list[Column]) -> dict[str, str]:
    index = {}
    for column in columns:
        for heading in (column.label, *column.aliases):
            index[_squash(heading)] = column.key
    return index


PROJECT_HEADINGS = _heading_index(PROJECT_COLUMNS + LINE_COLUMNS)
LINE_SHEET_HEADINGS = _heading_index([BY_KEY["id"], BY_KEY["title"], *LINE_COLUMNS])


def _key_of(value, headings: dict[str, str]) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    squashed = _squash(value)
    # "ต.ค. 64" under a merged "พ.ศ. 2564": the month heading with its year.
    return headings.get(squashed) or headings.get(_TRAILING_YEAR.sub("", squashed))


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float):
        # Excel keeps numbers as binary floats; the shortest repr is what the officer typed.
        return str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _check_container(data: bytes) -> None:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            "ไฟล์นี้เป็น Excel รุ่นเก่า (.xls) กรุณาเปิดใน Excel แล้วบันทึกเป็น .xlsx ก่อนอัปโหลด"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
    except zipfile.BadZipFile:
        raise ImportFileError(
            "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) กรุณาใช้แม่แบบที่ดาวน์โหลดจากหน้านี้ หรือบันทึกจาก Excel เป็น .xlsx"
        ) from None
    if "xl/workbook.xml" not in names:
        raise ImportFileError("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ที่อ่านได้")
    if len(members) > 500 or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise ImportFileError("ไฟล์มีข้อมูลมากเกินกว่าที่ระบบรับได้ กรุณาแบ่งเป็นหลายไฟล์")


def _open(data: bytes):
    from openpyxl import load_workbook

    if len(data) > MAX_BYTES:
        raise ImportFileError(f"ไฟล์ใหญ่เกิน {MAX_BYTES // (1024 * 1024)} MB กรุณาแบ่งเป็นหลายไฟล์")
    _check_container(data)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        # openpyxl raises many kinds (KeyError, ValueError, XML errors) on a broken file.
        raise ImportFileError("เปิดไฟล์ Excel นี้ไม่ได้ ไฟล์อาจเสียหาย กรุณาบันทึกใหม่จาก Excel") from None


def _find_headings(rows: list[tuple], headings: dict[str, str]):
    """The heading block (first row with two known headings, and up to two rows of
    sub-headings under it) and, per column, the lowest heading found in it."""
    starts = (i for i, row in enumerate(rows) if sum(1 for v in row if _key_of(v, headings)) >= 2)
    start = next(starts, None)
    if start is None:
        return None, {}
    end = start + 1
    while end < min(start + 3, len(rows)) and _is_sub_heading(rows[start:end], rows[end], headings):
        end += 1
    keys: dict[int, str] = {}
    width = max(len(r) for r in rows[start:end])
    for col in range(width):
        for row in reversed(rows[start:end]):
            key = _key_of(row[col], headings) if col < len(row) else None
            if key:
                keys[col] = key
                break
    seen: dict[str, int] = {}
    for col, key in keys.items():
        if key in seen:
            from openpyxl.utils import get_column_letter

            raise ImportFileError(
                f"มีหัวคอลัมน์ “{BY_KEY[key].label}” ซ้ำกัน (คอลัมน์ "
                f"{get_column_letter(seen[key] + 1)} และ {get_column_letter(col + 1)}) "
                "กรุณาเหลือไว้คอลัมน์เดียว"
            )
        seen[key] = col
    return end, keys


def _is_sub_heading(above: list[tuple], row: tuple, headings: dict[str, str]) -> bool:
    """Sub-headings sit under a merged group ("งบประมาณ", "พ.ศ. 2564"), never under a known
    heading: a data row that happens to say "ต.ค." under "เดือนที่ดำเนินการ" is data."""
    filled = [(col, v) for col, v in enumerate(row) if v is not None and str(v).strip()]
    if not filled:
        return False
    for col, value in filled:
        if not _key_of(value, headings):
            return False
        if any(col < len(r) and _key_of(r[col], headings) for r in above):
            return False
    return True


def _rows(worksheet):
    """The sheet's rows as tuples, refusing a sheet with more rows than the limit."""
    rows = []
    for number, row in enumerate(worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), 1):
        if any(v is not None and v != "" for v in row):
            if len(rows) > MAX_ROWS + HEADING_SEARCH_ROWS:
                raise ImportFileError(f"ไฟล์มีเกิน {MAX_ROWS:,} แถว กรุณาแบ่งเป็นหลายไฟล์ แล้วนำเข้าทีละไฟล์")
            rows.append((number, row))
    return rows


def _cells(number, row, keys, into, problems, prefix=""):
    from openpyxl.utils import get_column_letter

    for col, key in keys.items():
        text = cell_text(row[col]) if col < len(row) else ""
        if not text:
            continue
        column = BY_KEY[key]
        ref = f"{prefix}{get_column_letter(col + 1)}{number}"
        into.refs[key] = ref
        if len(text) > MAX_CELL_CHARS:
            problems.append(
                CellProblem(ref, column.label, f"ข้อความยาวเกิน {MAX_CELL_CHARS:,} ตัวอักษร")
            )
            continue
        if isinstance(into, SheetRow):
            into.texts[key] = text
        try:
            into.values[key] = column.parse(text)
        except cells.CellError as error:
            problems.append(CellProblem(ref, column.label, error.message))


def read_workbook(data: bytes) -> Sheet:
    book = _open(data)
    try:
        return _read(book)
    finally:
        book.close()


def _read(book) -> Sheet:
    main = None
    for worksheet in book.worksheets:
        if worksheet.title == LINES_SHEET:
            continue
        rows = _rows(worksheet)
        end, keys = _find_headings([r for _n, r in rows[:HEADING_SEARCH_ROWS]], PROJECT_HEADINGS)
        if "title" in keys.values():
            main = (rows[end:], keys)
            break
    if main is None:
        raise ImportFileError(
            "ไม่พบหัวตารางที่มีคอลัมน์ “โครงการ/กิจกรรม” กรุณาใช้แม่แบบที่ดาวน์โหลดจากหน้านี้ (หัวคอลัมน์ต้องตรงกับแม่แบบ)"
        )
    data_rows, keys = main
    if len(data_rows) > MAX_ROWS:
        raise ImportFileError(f"ไฟล์มีเกิน {MAX_ROWS:,} แถว กรุณาแบ่งเป็นหลายไฟล์ แล้วนำเข้าทีละไฟล์")
    result: list[SheetRow] = []
    for number, row in data_rows:
        sheet_row = SheetRow(number)
        _cells(number, row, keys, sheet_row, sheet_row.problems)
        filled = set(sheet_row.refs)
        if not filled:
            continue
        line = LineCells(
            {k: v for k, v in sheet_row.values.items() if k in LINE_KEYS},
            {k: v for k, v in sheet_row.refs.items() if k in LINE_KEYS},
        )
        if filled <= LINE_KEYS and result:
            # Only budget-line cells: one more line of the project above.
            result[-1].lines.append(line)
            result[-1].problems.extend(sheet_row.problems)
            continue
        if line.refs:
            sheet_row.lines.append(line)
        result.append(sheet_row)
    has_lines_sheet, problems = _read_lines_sheet(book, result)
    from openpyxl.utils import get_column_letter

    present = frozenset(keys.values())
    letters = {key: get_column_letter(col + 1) for col, key in keys.items()}
    return Sheet(result, present, letters, bool(present & LINE_KEYS) or has_lines_sheet, problems)


def _read_lines_sheet(book, rows: list[SheetRow]) -> tuple[bool, list[CellProblem]]:
    if LINES_SHEET not in book.sheetnames:
        return False, []
    table = _rows(book[LINES_SHEET])
    end, keys = _find_headings([r for _n, r in table[:HEADING_SEARCH_ROWS]], LINE_SHEET_HEADINGS)
    if end is None or "id" not in keys.values():
        return False, []
    by_id = {r.values["id"]: r for r in rows if isinstance(r.values.get("id"), int)}
    problems: list[CellProblem] = []
    prefix = f"{LINES_SHEET}!"
    for number, row in table[end:]:
        holder = SheetRow(number)
        _cells(number, row, keys, holder, problems, prefix)
        if not holder.refs:
            continue
        project_row = by_id.get(holder.values.get("id"))
        if project_row is None:
            problems.append(
                CellProblem(
                    holder.refs.get("id", f"{prefix}A{number}"),
                    BY_KEY["id"].label,
                    "รายการงบประมาณนี้อ้างรหัสโครงการที่ไม่มีในแผ่นงานโครงการ",
                )
            )
            continue
        project_row.lines.append(
            LineCells(
                {k: v for k, v in holder.values.items() if k in LINE_KEYS},
                {k: v for k, v in holder.refs.items() if k in LINE_KEYS},
            )
        )
    return True, problems
