"""What the committee was shown: a plan's content as plain data, and the changes between two;
and what a monitoring round's report reads: each project's record as its round closed.

Each project is read with projects.history.project_state, the form the audit trail uses too,
so a submission's diff and a project's history speak of the same fields.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce

from projects.history import changed_fields, project_state, readable_rows
from projects.models import (
    BudgetLine,
    MonitoringRound,
    OperationsPlan,
    ProgressStatus,
    Project,
    ProjectProgress,
    RoundEntry,
)
from projects.progress import disbursed_by


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


def round_snapshot(round: MonitoringRound) -> int:
    """Copy every project's record as it stands into the round's entries; the count."""
    projects = list(round.plan.projects.order_by("id").values_list("id", flat=True))
    records = {p.project_id: p for p in ProjectProgress.objects.filter(project_id__in=projects)}
    planned = dict(
        BudgetLine.objects.filter(project_id__in=projects)
        .values("project_id")
        .annotate(s=Coalesce(Sum("amount"), Value(0), output_field=DecimalField()))
        .values_list("project_id", "s")
    )
    paid = disbursed_by(projects, until=round.period_end)
    entries = []
    for project_id in projects:
        record = records.get(project_id)
        entries.append(
            RoundEntry(
                round=round,
                project_id=project_id,
                status=record.status if record else ProgressStatus.NOT_STARTED,
                cancel_reason=record.cancel_reason if record else "",
                procurement_method=record.procurement_method if record else "",
                planned=planned.get(project_id, 0),
                committed=record.contract_amount if record else None,
                disbursed=paid.get(project_id, 0),
                percent_done=record.percent_done if record else 0,
                actual_start=record.actual_start if record else None,
                actual_end=record.actual_end if record else None,
                problems=record.problems if record else "",
            )
        )
    RoundEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)
