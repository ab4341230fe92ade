"""From the filled progress file (progress_template.py) to what its import will do, row by row.

Each row is matched to a project of the plan by its id and becomes a change (old → new of
its record, a payment to add), "unchanged", or a list of Thai errors by cell. The record's
rules are projects/progress.py's own (check_values, check_payment, planned_changes), so a
row passes exactly when the same values typed into the project's progress page would, and
the preview shows what progress_apply will write. The plan's projects, their records and
payments are read once for the whole file: the number of queries does not grow with rows.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from projects import cells, thai
from projects.history import readable_rows
from projects.imports.progress_cells import EMPTY, PARSERS
from projects.imports.progress_template import (
    COLUMNS,
    PLAN_MARK,
    RECORD,
    digest,
    month_text,
)
from projects.imports.reader import (
    HEADING_SEARCH_ROWS,
    MAX_CELL_CHARS,
    MAX_ROWS,
    CellProblem,
    ImportFileError,
    _open,
    _rows,
    _squash,
    cell_text,
)
from projects.models import (
    Disbursement,
    OperationsPlan,
    Project,
    ProjectProgress,
)
from projects.progress import (
    FIELDS,
    ProgressError,
    check_payment,
    check_values,
    disbursed_by,
    planned_changes,
    progress_of,
)

CHANGE, UNCHANGED, ERROR = "change", "unchanged", "error"
LABELS = {c.key: c.label for c in COLUMNS}
HEADINGS = {_squash(c.label): c.key for c in COLUMNS}
RECORD_KEYS = tuple(c.key for c in RECORD)
# An empty cell clears the field, except these two, which cannot be empty: it keeps them.
KEPT_WHEN_EMPTY = ("status", "percent_done")
_PLAN_MARK = re.compile(PLAN_MARK + r"\s*:?\s*([0-9]+)")
# Which rule of check_values a cell answers for, tried one by one once the whole row failed,
# so that each message points at the cell to correct.
RULE_CELLS = (
    (("status", "cancel_reason"), "cancel_reason"),
    (("percent_done",), "percent_done"),
    (("status", "percent_done"), "percent_done"),
    (("contract_amount",), "contract_amount"),
    (("contract_on",), "contract_on"),
    (("actual_start",), "actual_start"),
    (("actual_start", "actual_end"), "actual_end"),
)


@dataclass
class FileRow:
    number: int
    values: dict = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)
    problems: list[CellProblem] = field(default_factory=list)


@dataclass
class ProgressSheet:
    plan_id: int | None  # the plan the file says it belongs to, if its first row says
    rows: list[FileRow]
    keys: frozenset[str]
    letters: dict[str, str]


@dataclass
class ProgressRow:
    number: int
    project_id: int | None
    title: str
    action: str
    problems: list[CellProblem] = field(default_factory=list)
    values: dict = field(default_factory=dict)  # the record's fields the file sets
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # label, old, new
    payment: tuple[date, Decimal] | None = None


@dataclass
class ProgressPreview:
    rows: list[ProgressRow]
    # Project id → [the record's version (0: none yet), total disbursed], as read now: the
    # import is refused if either moved on before the confirmation.
    seen: dict[int, list]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def has_errors(self) -> bool:
        return any(r.action == ERROR for r in self.rows)

    @property
    def changes(self) -> list[ProgressRow]:
        return [r for r in self.rows if r.action == CHANGE]

    @property
    def payments(self) -> int:
        return sum(1 for r in self.changes if r.payment)


# --- the file ---------------------------------------------------------------------------


def read_progress(data: bytes) -> ProgressSheet:
    book = _open(data)
    try:
        worksheet = book.worksheets[0]
        rows = _rows(worksheet)
    finally:
        book.close()
    from openpyxl.utils import get_column_letter

    start = next(
        (
            i
            for i, (_n, row) in enumerate(rows[:HEADING_SEARCH_ROWS])
            if sum(1 for v in row if isinstance(v, str) and _squash(v) in HEADINGS) >= 2
        ),
        None,
    )
    if start is None:
        raise ImportFileError(
            "ไม่พบหัวตารางผลการดำเนินงาน กรุณาใช้แม่แบบที่ดาวน์โหลดจากหน้านี้ (หัวคอลัมน์ต้องตรงกับแม่แบบ)"
        )
    keys: dict[int, str] = {}
    for col, value in enumerate(rows[start][1]):
        key = HEADINGS.get(_squash(value)) if isinstance(value, str) else None
        if key in keys.values():
            raise ImportFileError(f"มีหัวคอลัมน์ “{LABELS[key]}” ซ้ำกัน กรุณาเหลือไว้คอลัมน์เดียว")
        if key:
            keys[col] = key
    present = frozenset(keys.values())
    if "id" not in present:
        raise ImportFileError(
            "ไม่พบคอลัมน์ “รหัสโครงการ” ซึ่งใช้จับคู่แถวกับโครงการ กรุณาใช้แม่แบบที่ดาวน์โหลดจากหน้านี้"
        )
    if not present & {*RECORD_KEYS, "paid_on", "paid_amount"}:
        raise ImportFileError(
            "ไฟล์นี้ไม่มีคอลัมน์ผลการดำเนินงาน (สถานะ ความก้าวหน้า การเบิกจ่าย) "
            "กรุณาใช้แม่แบบผลการดำเนินงานที่ดาวน์โหลดจากหน้านี้"
        )
    if len(rows) - start - 1 > MAX_ROWS:
        raise ImportFileError(f"ไฟล์มีเกิน {MAX_ROWS:,} แถว กรุณาแบ่งเป็นหลายไฟล์ แล้วนำเข้าทีละไฟล์")
    above = " ".join(cell_text(v) for _n, row in rows[:start] for v in row)
    mark = _PLAN_MARK.search(thai.to_arabic_digits(above))
    result = []
    for number, row in rows[start + 1 :]:
        file_row = FileRow(number)
        for col, key in keys.items():
            raw = row[col] if col < len(row) else None
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            ref = f"{get_column_letter(col + 1)}{number}"
            file_row.refs[key] = ref
            if key not in PARSERS:
                continue  # read-only: never read back
            if len(cell_text(raw)) > MAX_CELL_CHARS:
                message = f"ข้อความยาวเกิน {MAX_CELL_CHARS:,} ตัวอักษร"
                file_row.problems.append(CellProblem(ref, LABELS[key], message))
                continue
            try:
                file_row.values[key] = PARSERS[key](raw)
            except cells.CellError as error:
                file_row.problems.append(CellProblem(ref, LABELS[key], error.message))
        if file_row.refs:
            result.append(file_row)
    letters = {key: get_column_letter(col + 1) for col, key in keys.items()}
    return ProgressSheet(int(mark.group(1)) if mark else None, result, present, letters)


# --- the preview ------------------------------------------------------------------------


def build_progress_preview(
    plan: OperationsPlan, sheet: ProgressSheet, departments: frozenset[int] | None = None
) -> ProgressPreview:
    """What the file would do; with ``departments``, a row of any other department's
    project (or another agency's) is an error of its own: the importer may not record it."""
    if sheet.plan_id is not None and sheet.plan_id != plan.pk:
        raise ImportFileError(
            f"ไฟล์นี้เป็นของแผนอื่น ({PLAN_MARK} {sheet.plan_id}) ไม่ใช่{plan.title} "
            "กรุณาดาวน์โหลดแม่แบบผลการดำเนินงานจากหน้านี้"
        )
    projects = {
        p.pk: p for p in Project.objects.filter(plan=plan).select_related("progress", "department")
    }
    paid = disbursed_by(projects)
    ids = [r.values.get("id") for r in sheet.rows]
    elsewhere = set(
        Project.objects.filter(pk__in=[i for i in ids if i and i not in projects]).values_list(
            "pk", flat=True
        )
    )
    paying = [r.values.get("id") for r in sheet.rows if "paid_on" in r.values]
    recorded = set(
        Disbursement.objects.filter(project_id__in=set(paying) & set(projects)).values_list(
            "project_id", "paid_on", "amount"
        )
    )
    reader = _Rows(plan, sheet, projects, elsewhere, recorded)
    reader.departments = departments
    rows = [reader.row(r) for r in sheet.rows]
    seen = {}
    for row in rows:
        if row.project_id in projects and row.project_id not in seen:
            record = progress_of(projects[row.project_id])
            total = paid.get(row.project_id, Decimal("0"))
            seen[row.project_id] = [record.version if record.pk else 0, f"{total:.2f}"]
    return ProgressPreview(rows, seen)


def _readable(name: str, pair: list[str]) -> tuple[str, str, str]:
    """(label, old, new) as the history shows them; the actual months as months."""
    label, old, new = readable_rows({name: pair})[0]
    if name in ("actual_start", "actual_end"):
        old, new = (month_text(date.fromisoformat(v)) if v else "" for v in pair)
    return label, old, new


class _Rows:
    def __init__(self, plan, sheet, projects, elsewhere, recorded):
        self.plan, self.sheet, self.projects = plan, sheet, projects
        self.elsewhere, self.recorded = elsewhere, recorded
        self.departments: frozenset[int] | None = None  # None: every project of the plan
        self.numbers: dict[int, int] = {}  # project id → the first row that names it

    def row(self, file_row: FileRow) -> ProgressRow:
        self.file_row, self.problems = file_row, list(file_row.problems)
        self.failed = {p.label for p in file_row.problems}
        project = self._project()
        title = project.title if project else file_row.values.get("title", "")
        result = ProgressRow(file_row.number, project.pk if project else None, title, ERROR)
        if project is not None:
            record = progress_of(project)
            result.values = self._values()
            if self._as_written(result.values):
                result.values = {}  # the row as the file was made: nothing to write
            elif self._moved_on(record):
                result.values = {}
            changes = self._changes(record, result.values)
            result.changes = [_readable(name, pair) for name, pair in changes.items()]
            result.payment = self._payment(project)
            if not self.problems:
                result.action = CHANGE if changes or result.payment else UNCHANGED
        result.problems = self.problems
        return result

    def error(self, key: str, message: str) -> None:
        ref = self.file_row.refs.get(key)
        if ref is None:
            letter = self.sheet.letters.get(key)
            ref = f"{letter}{self.file_row.number}" if letter else f"แถว {self.file_row.number}"
        self.problems.append(CellProblem(ref, LABELS[key], message))
        self.failed.add(LABELS[key])

    def _project(self) -> Project | None:
        if LABELS["id"] in self.failed:
            return None
        project_id = self.file_row.values.get("id")
        if project_id is None:
            if LABELS["id"] not in self.failed:
                self.error(
                    "id",
                    "ไม่มีรหัสโครงการ แถวนี้จับคู่กับโครงการไม่ได้ (ไฟล์ผลการดำเนินงานเพิ่มโครงการใหม่ไม่ได้)",
                )
            return None
        if project_id in self.numbers:
            self.error("id", f"รหัสโครงการ {project_id} ซ้ำกับแถว {self.numbers[project_id]} ในไฟล์")
            return None
        self.numbers[project_id] = self.file_row.number
        project = self.projects.get(project_id)
        if project is None:
            where = "เป็นโครงการของแผนอื่น" if project_id in self.elsewhere else "ไม่มีโครงการรหัสนี้"
            self.error("id", f"รหัสโครงการ {project_id}: {where} ไม่ใช่โครงการในแผนนี้")
        elif self.departments is not None and project.department_id not in self.departments:
            self.error(
                "id",
                f"รหัสโครงการ {project_id}: เป็นโครงการของ{project.responsible or 'หน่วยงานอื่น'} "
                "คุณบันทึกผลการดำเนินงานได้เฉพาะโครงการของกอง/ส่วนของคุณ ลบแถวนี้ออกจากไฟล์",
            )
            return None
        return project

    def _as_written(self, values: dict) -> bool:
        written = self.file_row.values.get("stamp")
        return bool(written) and len(written) == 2 and written[1] == digest(values)

    def _moved_on(self, record: ProjectProgress) -> bool:
        """A changed row of a record someone updated after the file was made: refused."""
        written = self.file_row.values.get("stamp")
        version = record.version if record.pk else 0
        if not written or not written[0].isdigit() or int(written[0]) == version:
            return False
        self.error(
            "status",
            f"มีผู้บันทึกผลการดำเนินงานของโครงการนี้หลังจากสร้างไฟล์นี้ (ฉบับที่ {written[0]} "
            f"ตอนนี้ฉบับที่ {version}) แถวนี้จึงอาจย้อนข้อมูลของผู้อื่น "
            "กรุณาดาวน์โหลดไฟล์ใหม่แล้วกรอกแถวนี้อีกครั้ง หรือลบแถวนี้ออกจากไฟล์",
        )
        return True

    def _values(self) -> dict:
        values = {}
        for key in RECORD_KEYS:
            if key not in self.sheet.keys or LABELS[key] in self.failed:
                continue
            if key in self.file_row.values:
                values[key] = self.file_row.values[key]
            elif key not in KEPT_WHEN_EMPTY:
                values[key] = EMPTY.get(key, "")
        return values

    def _changes(self, record: ProjectProgress, values: dict) -> dict[str, list[str]]:
        try:
            return planned_changes(record, values)[1]
        except ProgressError as error:
            merged = {name: getattr(record, name) for name in FIELDS} | values
            said = False
            for names, key in RULE_CELLS:
                if any(LABELS[n] in self.failed for n in names):
                    continue
                # A stand-in reason: the missing reason of a cancelled project is said at
                # its own cell, not again at every cell checked together with the status.
                values = {"cancel_reason": "-"} | {n: merged[n] for n in names}
                try:
                    check_values(record.project, values)
                except ProgressError as rule:
                    self.error(key, rule.message)
                    said = True
            if not said and not self.problems:
                # A rule no cell answers for (a cell's own error may be the cause otherwise).
                self.error("status", error.message)
            return {}

    def _payment(self, project: Project) -> tuple[date, Decimal] | None:
        values, failed = self.file_row.values, self.failed
        if {LABELS["paid_on"], LABELS["paid_amount"]} & failed:
            return None
        paid_on, amount = values.get("paid_on"), values.get("paid_amount")
        if paid_on is None and amount is None:
            return None
        if paid_on is None:
            self.error("paid_on", "กรุณาระบุวันที่เบิกจ่ายคู่กับจำนวนเงิน")
            return None
        if amount is None:
            self.error("paid_amount", "กรุณาระบุจำนวนเงินที่เบิกจ่ายคู่กับวันที่")
            return None
        try:
            check_payment(self.plan, paid_on, amount)
        except ProgressError as error:
            self.error("paid_on", error.message)
            return None
        if (project.pk, paid_on, amount) in self.recorded:
            self.error(
                "paid_amount",
                f"มีรายการเบิกจ่ายวันที่ {thai.thai_date(paid_on)} จำนวน {thai.baht(amount)} บาท "
                "ของโครงการนี้บันทึกไว้แล้ว (ไฟล์นี้อาจนำเข้าไปแล้ว) ลบออกจากไฟล์ "
                "หรือหากเป็นอีกรายการ ให้บันทึกที่หน้าผลการดำเนินงานของโครงการ",
            )
            return None
        return paid_on, amount


def preview_of(
    plan: OperationsPlan, data: bytes, departments: frozenset[int] | None = None
) -> ProgressPreview:
    return build_progress_preview(plan, read_progress(data), departments)
