"""Every project of an announced plan with its record as it stands: the staff's table.

Live records, not a round's snapshot (projects/figures.py reads those): this is what staff
follow day to day. Three queries whatever the number of projects: the projects with their
records, the planned sums, the disbursed sums.

The table shows up to a plan's every project, so each row's cells are formatted here, once,
as the thai filters would format them (table_cells): the template only prints strings, with
no filter, tag or URL reversed per row.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import get_language

from projects import thai
from projects.behind import behind_reasons
from projects.figures import share
from projects.models import BudgetLine, ProgressStatus, Project, ProjectProgress
from projects.progress import disbursed_by

STATUS_LABELS = dict(ProgressStatus.choices)


@dataclass(frozen=True)
class RowCells:
    """A row of the table as it reads: every cell's text, as the thai filters write it."""

    url: str
    title: str
    subtitle: str  # strategy. program · months
    status: str
    percent_done: str
    planned: str
    committed: str  # "-" without a contract
    disbursed: str
    disbursed_share: str  # "-" without a planned budget


@dataclass
class ProgressRow:
    project: Project
    record: ProjectProgress
    planned: Decimal
    disbursed: Decimal
    reasons: list[str] = field(default_factory=list)
    cells: RowCells | None = None  # set by table_cells, for the rows shown

    @property
    def status(self) -> str:
        return self.record.status

    @property
    def status_label(self) -> str:
        # Looked up in a dict made once: get_status_display builds one for every call.
        return STATUS_LABELS.get(self.record.status, self.record.status)

    @property
    def committed(self) -> Decimal | None:
        return self.record.contract_amount

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.disbursed

    @property
    def disbursed_share(self) -> Decimal | None:
        """Of the project's planned budget (figures.BASES["budget"])."""
        return share(self.disbursed, self.planned)

    @property
    def is_behind(self) -> bool:
        return bool(self.reasons)


# A stand-in id: the project page's address is reversed once with it, then each row's id put
# in its place (reverse() per row was a fifth of the table's time).
_ANY_ID = 987654321


def table_cells(rows: list[ProgressRow]) -> list[ProgressRow]:
    """``rows`` with their cells formatted (in the page's language, for the months)."""
    head, tail = reverse("projects:progress", args=[_ANY_ID]).split(str(_ANY_ID))
    lang = get_language()
    for row in rows:
        project, share = row.project, row.disbursed_share
        row.cells = RowCells(
            url=f"{head}{project.pk}{tail}",
            title=project.title,
            subtitle=f"{project.strategy.number}. {project.program.name} · "
            + thai.month_labels(project.months, lang=lang),
            status=row.status_label,
            percent_done=thai.percent(row.record.percent_done),
            planned=thai.baht(row.planned),
            committed=thai.baht(row.committed) or "-",
            disbursed=thai.baht(row.disbursed),
            disbursed_share="-" if share is None else thai.percent(share),
        )
    return rows


def planned_by(project_ids) -> dict[int, Decimal]:
    """The plan's budget of each project (the sum of its budget lines), in one query."""
    return dict(
        BudgetLine.objects.filter(project_id__in=project_ids)
        .order_by()
        .values("project_id")
        .annotate(s=Sum("amount"))
        .values_list("project_id", "s")
    )


def progress_rows(plan, today: date) -> list[ProgressRow]:
    projects = list(
        Project.objects.filter(plan=plan)
        .select_related("strategy", "program", "department", "progress")
        .order_by("strategy__number", "program__code", "id")
    )
    ids = [p.pk for p in projects]
    planned, disbursed = planned_by(ids), disbursed_by(ids)
    rows = []
    for project in projects:
        try:
            record = project.progress
        except ProjectProgress.DoesNotExist:
            record = ProjectProgress(project=project)
        row = ProgressRow(
            project,
            record,
            planned.get(project.pk) or Decimal("0"),
            disbursed.get(project.pk) or Decimal("0"),
        )
        row.reasons = behind_reasons(
            months=project.months,
            fiscal_year=plan.fiscal_year,
            status=record.status,
            planned=row.planned,
            disbursed=row.disbursed,
            today=today,
        )
        rows.append(row)
    return rows


def filter_rows(rows, *, status: str = "", behind_only: bool = False) -> list[ProgressRow]:
    if status in ProgressStatus.values:
        rows = [row for row in rows if row.status == status]
    if behind_only:
        rows = [row for row in rows if row.is_behind]
    return rows
