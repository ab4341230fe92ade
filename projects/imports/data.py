"""What an import works with: a project as the file says it will be, a row's outcome, the
whole file's preview, and the plan's master data read once for all rows."""

from dataclasses import dataclass, field
from decimal import Decimal

from projects.cells import normal
from projects.imports.reader import CellProblem
from projects.models import (
    Department,
    EquipmentType,
    Guideline,
    Program,
    Project,
    Strategy,
    Village,
)

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"


@dataclass
class ProjectData:
    """What one project will be: model fields by attribute name, villages, budget lines."""

    project_id: int | None
    fields: dict
    village_ids: list[int]
    lines: list[dict]

    def comparable(self):
        lines = sorted(
            (ln["amount"], ln["group"], ln["category"], ln["source"], ln["note"])
            for ln in self.lines
        )
        return self.fields, sorted(self.village_ids), lines

    @property
    def total(self) -> Decimal:
        return sum((ln["amount"] for ln in self.lines), Decimal("0"))


@dataclass
class RowResult:
    number: int
    title: str
    action: str
    problems: list[CellProblem] = field(default_factory=list)
    data: ProjectData | None = None
    changed: list[str] = field(default_factory=list)


@dataclass
class Preview:
    rows: list[RowResult]
    problems: list[CellProblem]
    versions: dict[int, int]  # the version of every project the file updates, as read now

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def has_errors(self) -> bool:
        return bool(self.problems) or any(r.action == ERROR for r in self.rows)

    @property
    def changes(self) -> list[ProjectData]:
        return [r.data for r in self.rows if r.action in (CREATE, UPDATE)]


def snapshot(project: Project) -> ProjectData:
    return ProjectData(
        project.pk,
        {
            "form": project.form,
            "strategy_id": project.strategy_id,
            "guideline_id": project.guideline_id,
            "program_id": project.program_id,
            "equipment_type_id": project.equipment_type_id,
            "title": project.title,
            "details": project.details,
            "output_target": project.output_target,
            "location": project.location,
            "ownership": project.ownership,
            "agency": project.agency,
            "department_id": project.department_id,
            "months": list(project.months),
            "plan_reference": project.plan_reference,
        },
        [v.pk for v in project.villages.all()],
        [
            {
                "amount": ln.amount,
                "group": ln.group,
                "category": ln.category,
                "source": ln.source,
                "note": ln.note,
            }
            for ln in project.budget_lines.all()
        ],
    )


def _by_name(objects) -> dict[str, object]:
    return {normal(o.name): o for o in objects}


class Catalog:
    """The plan's master data and projects, read once for the whole file."""

    def __init__(self, plan):
        org = plan.organization_id
        self.strategies = {s.number: s for s in Strategy.objects.filter(period=plan.period_id)}
        self.strategy_names = _by_name(self.strategies.values())
        self.guidelines = list(Guideline.objects.filter(strategy__period=plan.period_id))
        programs = list(Program.objects.filter(organization=org))
        self.program_codes = {p.code: p for p in programs}
        self.program_names = _by_name(programs)
        self.departments = _by_name(Department.objects.filter(organization=org))
        self.equipment = _by_name(EquipmentType.objects.filter(organization=org))
        villages = list(Village.objects.filter(organization=org))
        self.village_numbers = {v.number: v for v in villages}
        self.village_names = _by_name(villages)
        self.projects = {
            p.pk: p
            for p in Project.objects.filter(plan=plan).prefetch_related("villages", "budget_lines")
        }
