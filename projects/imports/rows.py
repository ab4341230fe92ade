"""From the cells of a workbook to what an import will do to a plan, row by row.

Names and numbers are looked up in the plan's own master data, loaded once (a fixed number of
queries whatever the row count). Each row becomes a create, an update, "unchanged", or a list
of errors with their cells. The text fields are checked by the project form's own fields, and
the cross-field rules are the form's (projects.forms.project_rule_errors), so a row passes
exactly when the same project typed into the form would.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError

from projects import thai
from projects.cells import normal
from projects.forms import BudgetLineForm, ProjectForm, project_rule_errors
from projects.history import TRACKED
from projects.imports.data import (
    CREATE,
    ERROR,
    UNCHANGED,
    UPDATE,
    Catalog,
    Preview,
    ProjectData,
    RowResult,
    snapshot,
)
from projects.imports.reader import BY_KEY, CellProblem, Sheet, SheetRow
from projects.models import BudgetLine, Project

TEXT_FIELDS = ("title", "details", "output_target", "location", "plan_reference")
MONTH_KEYS = tuple(f"month_{m}" for m in thai.FISCAL_MONTHS)
FIELD_LABELS = {
    "strategy_id": "strategy",
    "guideline_id": "guideline",
    "program_id": "program",
    "equipment_type_id": "equipment_type",
    "department_id": "responsible",
    "agency": "responsible",
}
_NUMBERED = re.compile(r"^([0-9]+)\s*[.)]?\s*(.*)$")
_GUIDELINE_NUMBER = re.compile(r"^([0-9]+)\s*\.\s*([0-9]+)\s*(.*)$")


def build_preview(plan, sheet: Sheet) -> Preview:
    catalog = Catalog(plan)
    results, seen, versions = [], {}, {}
    for row in sheet.rows:
        result = _RowReader(catalog, sheet, row).result()
        project_id = result.data.project_id if result.data else row.values.get("id")
        if project_id in seen:
            result.problems.append(
                CellProblem(
                    row.refs["id"],
                    BY_KEY["id"].label,
                    f"รหัสโครงการ {project_id} ซ้ำกับแถว {seen[project_id]} ในไฟล์",
                )
            )
            result.action = ERROR
        elif project_id is not None:
            seen[project_id] = row.number
            if project_id in catalog.projects:
                versions[project_id] = catalog.projects[project_id].version
        results.append(result)
    return Preview(results, sheet.problems, versions)


class _RowReader:
    def __init__(self, catalog: Catalog, sheet: Sheet, row: SheetRow):
        self.c, self.sheet, self.row = catalog, sheet, row
        self.problems = list(row.problems)
        self.failed: set[str] = set()  # columns already reported, not to be reported twice
        self.values = row.values

    def has(self, *keys) -> bool:
        return any(k in self.sheet.keys for k in keys)

    def error(self, key: str, message: str, ref: str | None = None) -> None:
        ref = ref or self.row.refs.get(key)
        if ref is None:
            letter = self.sheet.letters.get(key)
            ref = f"{letter}{self.row.number}" if letter else f"แถว {self.row.number}"
        self.problems.append(CellProblem(ref, BY_KEY[key].label, message))
        self.failed.add(key)

    def result(self) -> RowResult:
        existing = self._existing()
        base = snapshot(existing) if existing else ProjectData(None, {}, [], [])
        data = ProjectData(base.project_id, dict(base.fields), list(base.village_ids), base.lines)
        f = data.fields
        self._texts(f)
        f.setdefault("form", Project.Form.PROJECT)
        if self.has("form"):
            f["form"] = self.values.get("form", Project.Form.PROJECT)
        self._classification(f)
        self._responsible(f, existing)
        if self.has("villages"):
            data.village_ids = self._villages()
        self._months(f)
        if self.sheet.has_lines:
            data.lines = self._lines()
        elif existing is None:
            self.error("line_amount", "ไฟล์ไม่มีคอลัมน์รายการงบประมาณ (งบ และจำนวนเงิน)")
        self._check_total(data)
        for name, message in project_rule_errors(**self._rule_input(f)).items():
            key = {"agency": "responsible", "department": "responsible"}.get(name, name)
            if key not in self.failed:
                self.error(key, str(message))
        title = f.get("title") or self.row.texts.get("title", "")
        if self.problems or (existing is None and "title" not in f):
            return RowResult(self.row.number, title, ERROR, self.problems)
        if existing is None:
            return RowResult(self.row.number, title, CREATE, data=data)
        if data.comparable() == base.comparable():
            return RowResult(self.row.number, title, UNCHANGED, data=data)
        return RowResult(self.row.number, title, UPDATE, data=data, changed=_changed(base, data))

    def _existing(self) -> Project | None:
        if "id" not in self.values:
            return None
        project = self.c.projects.get(self.values["id"])
        if project is None:
            self.error(
                "id",
                f"ไม่มีโครงการรหัส {self.values['id']} ในแผนนี้ ลบรหัสออกหากต้องการเพิ่มเป็นโครงการใหม่",
            )
        return project

    def _texts(self, f: dict) -> None:
        for name in TEXT_FIELDS:
            if not self.has(name):
                f.setdefault(name, "")
                continue
            try:
                f[name] = ProjectForm.base_fields[name].clean(self.row.texts.get(name, ""))
            except ValidationError as error:
                self.error(name, " ".join(error.messages))
                f.pop(name, None)

    def _classification(self, f: dict) -> None:
        if self.has("strategy_number", "strategy"):
            strategy = self._strategy()
            f["strategy_id"] = strategy.pk if strategy else None
        strategy = next(
            (s for s in self.c.strategies.values() if s.pk == f.get("strategy_id")), None
        )
        if self.has("guideline"):
            guideline = self._guideline(strategy)
            f["guideline_id"] = guideline.pk if guideline else None
        if self.has("program_code", "program"):
            program = self._pair(
                "program_code",
                "program",
                self.c.program_codes.get,
                lambda name: (
                    self.c.program_names.get(normal(name).removeprefix("แผนงาน"))
                    or self.c.program_codes.get(normal(name))
                ),
                "แผนงาน",
            )
            f["program_id"] = program.pk if program else None
        if self.has("equipment_type"):
            name = self.values.get("equipment_type")
            equipment = self.c.equipment.get(normal(name)) if name else None
            if name and equipment is None:
                self.error("equipment_type", f"ไม่พบประเภทครุภัณฑ์ “{name}” ในข้อมูลหลักขององค์กร")
            f["equipment_type_id"] = equipment.pk if equipment else None
        if f.get("form") == Project.Form.PROJECT:
            f["equipment_type_id"] = None

    def _strategy(self):
        def by_name(name):
            found = self.c.strategy_names.get(normal(name))
            match = _NUMBERED.match(normal(name))
            if found is None and match:
                found = self.c.strategy_names.get(match.group(2)) or (
                    None if match.group(2) else self.c.strategies.get(int(match.group(1)))
                )
            return found

        return self._pair("strategy_number", "strategy", self.c.strategies.get, by_name, "ยุทธศาสตร์")

    def _pair(self, code_key, name_key, by_code, by_name, what):
        """One thing given by its number/code, its name, or both (which must agree)."""
        code, name = self.values.get(code_key), self.values.get(name_key)
        by_c = by_code(code) if code is not None else None
        by_n = by_name(name) if name else None
        if code is not None and by_c is None:
            self.error(code_key, f"ไม่พบ{what} “{code}” ในข้อมูลหลักของแผนนี้")
        if name and by_n is None:
            self.error(name_key, f"ไม่พบ{what} “{name}” ในข้อมูลหลักของแผนนี้")
        if by_c and by_n and by_c.pk != by_n.pk:
            self.error(name_key, f"{what} “{name}” ไม่ตรงกับ “{code}” ที่ระบุไว้ในแถวเดียวกัน")
            return None
        if code is None and not name and not {code_key, name_key} & set(self.row.refs):
            self.error(code_key, f"กรุณาระบุ{what}")
        return by_c or by_n

    def _guideline(self, strategy):
        text = self.values.get("guideline")
        if not text:
            self.error("guideline", "กรุณาระบุแนวทางการพัฒนา")
            return None
        if strategy is None:
            return None  # the strategy's own error says why
        text = normal(text)
        numbered = _GUIDELINE_NUMBER.match(text)
        if numbered and int(numbered.group(1)) != strategy.number:
            self.error(
                "guideline",
                f"แนวทางการพัฒนา “{text}” อยู่ในยุทธศาสตร์ที่ {numbered.group(1)} "
                f"ไม่ใช่ยุทธศาสตร์ที่ {strategy.number} ของแถวนี้",
            )
            return None
        for g in self.c.guidelines:
            if g.strategy_id != strategy.pk:
                continue
            if (numbered and int(numbered.group(2)) == g.number) or (
                (text.isdigit() and int(text) == g.number) or normal(g.name) == text
            ):
                return g
        other = next((g for g in self.c.guidelines if normal(g.name) == text), None)
        if other is not None:
            number = next(s.number for s in self.c.strategies.values() if s.pk == other.strategy_id)
            self.error(
                "guideline",
                f"แนวทางการพัฒนา “{text}” อยู่ในยุทธศาสตร์ที่ {number} "
                f"ไม่ใช่ยุทธศาสตร์ที่ {strategy.number} ของแถวนี้",
            )
        else:
            self.error("guideline", f"ไม่พบแนวทางการพัฒนา “{text}” ในยุทธศาสตร์ที่ {strategy.number}")
        return None

    def _responsible(self, f: dict, existing) -> None:
        f.setdefault("ownership", Project.Ownership.OWN)
        f.setdefault("agency", "")
        f.setdefault("department_id", None)
        if self.has("ownership"):
            f["ownership"] = self.values.get("ownership", Project.Ownership.OWN)
        if not self.has("responsible"):
            return
        text = self.row.texts.get("responsible", "")
        if f["ownership"] == Project.Ownership.OTHER_AGENCY:
            try:
                f["agency"] = ProjectForm.base_fields["agency"].clean(text)
            except ValidationError as error:
                self.error("responsible", " ".join(error.messages))
            return
        f["agency"] = ""
        department = self.c.departments.get(normal(text)) if text else None
        if text and department is None:
            self.error("responsible", f"ไม่พบกอง/ส่วน “{text}” ในข้อมูลหลักขององค์กร")
        f["department_id"] = department.pk if department else None

    def _villages(self) -> list[int]:
        ids = []
        for token in self.values.get("villages", []):
            if isinstance(token, int):
                village = self.c.village_numbers.get(token)
            else:
                village = self.c.village_names.get(normal(token))
            if village is None:
                self.error("villages", f"ไม่พบหมู่บ้าน “{token}” ในข้อมูลหลักขององค์กร")
            elif village.pk not in ids:
                ids.append(village.pk)
        return ids

    def _months(self, f: dict) -> None:
        if not self.has("months", "month_names", *MONTH_KEYS):
            f.setdefault("months", [])
            return
        sources = []
        marked = [
            m
            for m, key in zip(thai.FISCAL_MONTHS, MONTH_KEYS, strict=True)
            if key in self.row.texts
        ]
        for key, months in (("month_10", marked), ("months", None), ("month_names", None)):
            months = months if months is not None else self.values.get(key)
            if months:
                sources.append((key, months))
        if any(months != sources[0][1] for _key, months in sources):
            labels = " กับ ".join(f"“{BY_KEY[k].label}”" for k, _m in sources)
            self.error("months", f"เดือนที่ดำเนินการใน {labels} ไม่ตรงกัน กรุณาระบุให้ตรงกันหรือเหลือไว้แบบเดียว")
        f["months"] = sources[0][1] if sources else []
        if not sources and not any(k in self.row.refs for k in ("months", "month_names")):
            self.error("months", str(ProjectForm.base_fields["months"].error_messages["required"]))

    def _lines(self) -> list[dict]:
        lines = []
        note_field = BudgetLineForm.base_fields["note"]
        for cells_ in self.row.lines:
            values, refs = cells_.values, cells_.refs
            row_ref = next(iter(refs.values()), None)
            if "line_group" not in refs:
                self.error(
                    "line_group",
                    str(BudgetLineForm._meta.error_messages["group"]["required"]),
                    row_ref,
                )
            if "line_amount" not in refs:
                self.error("line_amount", "กรุณากรอกจำนวนเงินของรายการงบประมาณ", row_ref)
            try:
                note = note_field.clean(values.get("line_note", ""))
            except ValidationError as error:
                self.error("line_note", " ".join(error.messages), refs.get("line_note"))
                note = ""
            lines.append(
                {
                    "amount": values.get("line_amount", Decimal("0")),
                    "group": values.get("line_group", ""),
                    "category": values.get("line_category", ""),
                    "source": values.get("line_source", BudgetLine.Source.ANNUAL_ORDINANCE),
                    "note": note,
                }
            )
        if not lines:
            self.error("line_amount", "โครงการต้องมีรายการงบประมาณอย่างน้อยหนึ่งรายการ (งบ และจำนวนเงิน)")
        return lines

    def _check_total(self, data: ProjectData) -> None:
        stated = self.values.get("budget")
        if stated is not None and stated != data.total:
            self.error(
                "budget",
                f"งบประมาณรวม {thai.baht(stated)} บาท ไม่เท่ากับผลรวมรายการงบประมาณ "
                f"{thai.baht(data.total)} บาท",
            )

    def _rule_input(self, f: dict) -> dict:
        guideline = next((g for g in self.c.guidelines if g.pk == f.get("guideline_id")), None)
        return {
            "strategy_id": f.get("strategy_id"),
            "guideline_strategy_id": guideline.strategy_id if guideline else None,
            "form": f.get("form"),
            "equipment_type": f.get("equipment_type_id"),
            "ownership": f.get("ownership"),
            "agency": f.get("agency", ""),
            "department": f.get("department_id"),
        }


def _changed(base: ProjectData, data: ProjectData) -> list[str]:
    keys = [FIELD_LABELS.get(k, k) for k, v in data.fields.items() if base.fields.get(k) != v]
    if sorted(base.village_ids) != sorted(data.village_ids):
        keys.append("villages")
    if base.comparable()[2] != data.comparable()[2]:
        keys.append("budget_lines")
    return list(dict.fromkeys(TRACKED.get(k, k) for k in keys))
