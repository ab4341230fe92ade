"""Grouping of a plan's projects as the forms group them, shared by pages and documents.

ผด.02 groups by strategy then program; ผด.02/1 (equipment) by equipment type then program.
Grouping happens in Python over one already-fetched list, so the number of queries does not
depend on the number of groups.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from projects.models import Project

Level = Callable[[Project], tuple[tuple, str]]


@dataclass
class Group:
    label: str
    projects: list[Project]
    children: list["Group"] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((p.total for p in self.projects), Decimal("0"))

    @property
    def count(self) -> int:
        return len(self.projects)


def by_strategy(project: Project) -> tuple[tuple, str]:
    strategy = project.strategy
    return (strategy.number,), f"ยุทธศาสตร์ที่ {strategy.number} {strategy.name}"


def by_program(project: Project) -> tuple[tuple, str]:
    return (project.program.code,), f"แผนงาน{project.program.name}"


def by_equipment_type(project: Project) -> tuple[tuple, str]:
    kind = project.equipment_type
    if kind is None:
        return (-1, ""), "ไม่ระบุประเภทครุภัณฑ์"
    return (kind.order, kind.name), kind.name


def group_projects(projects: Iterable[Project], levels: list[Level]) -> list[Group]:
    """Nest projects by each level in turn; order within a group is kept as given."""
    if not levels:
        return []
    buckets: dict[tuple, list[Project]] = {}
    labels: dict[tuple, str] = {}
    for project in projects:
        sort_key, label = levels[0](project)
        buckets.setdefault(sort_key, []).append(project)
        labels[sort_key] = label
    return [
        Group(labels[key], members, group_projects(members, levels[1:]))
        for key, members in sorted(buckets.items())
    ]


@dataclass
class PlanTables:
    projects: list[Group]
    equipment: list[Group]

    @property
    def projects_total(self) -> Decimal:
        return sum((g.total for g in self.projects), Decimal("0"))

    @property
    def equipment_total(self) -> Decimal:
        return sum((g.total for g in self.equipment), Decimal("0"))

    @property
    def total(self) -> Decimal:
        return self.projects_total + self.equipment_total

    @property
    def count(self) -> int:
        return sum(g.count for g in self.projects + self.equipment)


def plan_tables(projects: Iterable[Project]) -> PlanTables:
    """Split a plan's projects into the ผด.02 and ผด.02/1 groupings."""
    projects = list(projects)
    return PlanTables(
        projects=group_projects(
            [p for p in projects if p.form == Project.Form.PROJECT], [by_strategy, by_program]
        ),
        equipment=group_projects(
            [p for p in projects if p.form == Project.Form.EQUIPMENT],
            [by_equipment_type, by_program],
        ),
    )
