"""The figures of a closed monitoring round, as the report, the public pages and the
downloads print them: counts of projects and sums of money per strategy and program.

Read from the round's RoundEntry rows only (never from the live records), so every reader of
a round sees the same numbers. Every percentage names its base (BASES) and is rounded half
up to two decimals from the exact quotient, row by row and for the totals alike: a total's
percentage is computed from the total's own counts, never summed from the rows.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from projects.models import UNDER_WAY, MonitoringRound, ProgressStatus, RoundEntry

CENT = Decimal("0.01")
HUNDRED = Decimal("100")

# The base of each percentage, printed in its column heading.
BASES = {
    "projects": _("ร้อยละของโครงการทั้งหมดในแผน"),
    "budget": _("ร้อยละของงบประมาณตามแผน"),
}


def share(part, whole) -> Decimal | None:
    """part as a percentage of whole, rounded half up to 2 decimals; None when whole is 0."""
    whole = Decimal(whole)
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / whole).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Tally:
    projects: int = 0
    done: int = 0
    under_way: int = 0
    not_started: int = 0
    cancelled: int = 0
    planned: Decimal = Decimal("0")
    committed: Decimal = Decimal("0")
    disbursed: Decimal = Decimal("0")

    def add(self, entry: RoundEntry) -> None:
        self.projects += 1
        if entry.status == ProgressStatus.DONE:
            self.done += 1
        elif entry.status == ProgressStatus.CANCELLED:
            self.cancelled += 1
        elif entry.status in UNDER_WAY:
            self.under_way += 1
        else:
            self.not_started += 1
        self.planned += entry.planned
        self.committed += entry.committed or 0
        self.disbursed += entry.disbursed

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.disbursed

    # Shares of the projects in the plan (of this row).
    @property
    def done_share(self):
        return share(self.done, self.projects)

    @property
    def under_way_share(self):
        return share(self.under_way, self.projects)

    @property
    def not_started_share(self):
        return share(self.not_started, self.projects)

    @property
    def cancelled_share(self):
        return share(self.cancelled, self.projects)

    # Shares of the planned budget (of this row).
    @property
    def committed_share(self):
        return share(self.committed, self.planned)

    @property
    def disbursed_share(self):
        return share(self.disbursed, self.planned)


@dataclass
class Row:
    """One strategy (with its programs) or one program."""

    label: str
    tally: Tally = field(default_factory=Tally)
    children: list["Row"] = field(default_factory=list)


@dataclass
class RoundFigures:
    round: MonitoringRound
    strategies: list[Row]
    total: Tally
    own: Tally
    other_agencies: list[RoundEntry]
    entries: list[RoundEntry]


def round_figures(round: MonitoringRound) -> RoundFigures:
    """Every figure of a closed round, in two queries whatever the number of projects."""
    entries = list(
        RoundEntry.objects.filter(round=round)
        .select_related("project__strategy", "project__program", "project__department")
        .order_by("project__strategy__number", "project__program__code", "project_id")
    )
    strategies: dict[int, Row] = {}
    programs: dict[tuple[int, int], Row] = {}
    total, own = Tally(), Tally()
    other = []
    for entry in entries:
        project = entry.project
        strategy = strategies.get(project.strategy_id)
        if strategy is None:
            strategy = strategies[project.strategy_id] = Row(str(project.strategy))
        key = (project.strategy_id, project.program_id)
        program = programs.get(key)
        if program is None:
            program = programs[key] = Row(str(project.program))
            strategy.children.append(program)
        for tally in (strategy.tally, program.tally, total):
            tally.add(entry)
        if project.is_other_agency:
            other.append(entry)
        else:
            own.add(entry)
    return RoundFigures(round, list(strategies.values()), total, own, other, entries)
