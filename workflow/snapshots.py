"""What the committee was shown: a plan's content as plain data, and the changes between two.

Each project is read with projects.history.project_state, the form the audit trail uses too,
so a submission's diff and a project's history speak of the same fields.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from projects.history import changed_fields, project_state, readable_rows
from projects.models import OperationsPlan, Project


def plan_snapshot(plan: OperationsPlan) -> dict:
    projects = (
        Project.objects.filter(plan=plan)
        .with_details()
        .select_related("guideline__strategy")
        .prefetch_related("budget_lines")
    )
    states = {str(p.pk): project_state(p) for p in projects}
    total = sum((Decimal(s["total"]) for s in states.values()), Decimal("0"))
    return {"projects": states, "total": str(total)}


@dataclass
class PlanDiff:
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, dict[str, list[str]]]] = field(default_factory=list)
    total_before: Decimal = Decimal("0")
    total_after: Decimal = Decimal("0")

    @property
    def changed_rows(self) -> list[tuple[dict, list[tuple[str, str, str]]]]:
        return [(state, readable_rows(changes)) for state, changes in self.changed]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def diff_snapshots(old: dict | None, new: dict) -> PlanDiff:
    before = (old or {}).get("projects", {})
    after = new["projects"]
    diff = PlanDiff(
        total_before=Decimal((old or {}).get("total", "0")), total_after=Decimal(new["total"])
    )
    for key, state in after.items():
        if key not in before:
            diff.added.append(state)
        elif changes := changed_fields(before[key], state):
            diff.changed.append((state, changes))
    diff.removed = [state for key, state in before.items() if key not in after]
    return diff
