"""What citizens see of a plan's progress: the latest closed round's snapshot, and the
announced monitoring reports.

Only a closed round is public (MonitoringRound stage other than open), and only through its
RoundEntry rows, the snapshot taken at the close: the live records (ProjectProgress,
Disbursement) change while a round is open and are never read here, nor is anything of an
open round, not even that it exists. A report's PDF is public once the round is announced
and its document is ready.

The plan pages already load the announced plans of the organization in one query
(views.find_plan); ``with_rounds`` adds to that same query, as subqueries, which round is the
latest closed one and what the cached pages depend on, so a plan without a closed round costs
no query more, and a cached page knows without a query whether it is still current.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery

from notices.models import ReportDocument
from projects.figures import RoundFigures, round_figures, share
from projects.models import MonitoringRound, RoundEntry, RoundStage

# The latest closed round: the one whose period ends last; of two ending the same day
# (the second quarter and the half year), the one closed last.
LATEST_FIRST = ("-period_end", "-closed_at", "-pk")


def closed_rounds():
    return MonitoringRound.objects.exclude(stage=RoundStage.OPEN)


def ready_reports():
    """Reports a citizen may download: announced, with their document issued."""
    return ReportDocument.objects.filter(
        round__stage=RoundStage.ANNOUNCED, status=ReportDocument.Status.READY
    )


def with_rounds(plans: QuerySet) -> QuerySet:
    """The plans with ``progress_round_id`` (the latest closed round, or None),
    ``rounds_changed`` and ``reports_ready``, in the query that loads them."""
    mine = OuterRef("pk")
    return plans.annotate(
        progress_round_id=Subquery(
            closed_rounds().filter(plan=mine).order_by(*LATEST_FIRST).values("pk")[:1]
        ),
        rounds_changed=Subquery(
            closed_rounds()
            .filter(plan=mine)
            .order_by()
            .values("plan")
            .annotate(last=Max("updated_at"))
            .values("last")
        ),
        reports_ready=Subquery(
            ready_reports()
            .filter(round__plan=mine)
            .order_by()
            .values("round__plan")
            .annotate(n=Count("pk"))
            .values("n")
        ),
    )


def rounds_state(plan) -> tuple:
    """What a plan's public pages show of its rounds changes only with these."""
    return (plan.progress_round_id, plan.rounds_changed, plan.reports_ready)


@dataclass
class PublicProgress:
    round: MonitoringRound
    figures: RoundFigures
    by_project: dict[int, RoundEntry]


@dataclass
class PublicReport:
    round: MonitoringRound
    sha256: str
    size: int
    announced_on: date | None = None
    rendered_at: datetime | None = None


def plan_rounds(plan) -> tuple[MonitoringRound | None, list[PublicReport]]:
    """The latest closed round and the downloadable reports, in one query (none when the
    plan has neither)."""
    return plans_rounds([plan]).get(plan.pk, (None, []))


def plans_rounds(plans) -> dict[int, tuple[MonitoringRound | None, list[PublicReport]]]:
    """Of each plan (loaded through ``with_rounds``) that has a closed round: the latest
    closed round and the downloadable reports, latest first. One query for any number of
    plans, none when no plan has a closed round."""
    followed = {plan.pk: plan for plan in plans if plan.progress_round_id is not None}
    if not followed:
        return {}
    latest_ids = {plan.progress_round_id for plan in followed.values()}
    rounds = (
        closed_rounds()
        .filter(plan__in=list(followed))
        .filter(Q(pk__in=latest_ids) | Q(stage=RoundStage.ANNOUNCED))
        .select_related("document", "announcement")
        .defer("document__content", "findings", "recommendations")
        .order_by(*LATEST_FIRST)
    )
    latest: dict[int, MonitoringRound] = {}
    reports: dict[int, list[PublicReport]] = {pk: [] for pk in followed}
    for round in rounds:
        round.plan = followed[round.plan_id]
        if round.pk == round.plan.progress_round_id:
            latest[round.plan_id] = round
        document = getattr(round, "document", None)
        if round.is_announced and document is not None and document.is_ready:
            announcement = getattr(round, "announcement", None)
            reports[round.plan_id].append(
                PublicReport(
                    round,
                    document.sha256,
                    document.size,
                    announcement.announced_on if announcement else None,
                    document.rendered_at,
                )
            )
    return {pk: (latest.get(pk), reports[pk]) for pk in followed}


def public_progress(round: MonitoringRound | None) -> PublicProgress | None:
    """The round's figures and each project's entry, in one query for any plan size."""
    if round is None:
        return None
    figures = round_figures(round)
    for entry in figures.entries:
        entry.disbursed_share = share(entry.disbursed, entry.planned)
    return PublicProgress(round, figures, {e.project_id: e for e in figures.entries})


def project_entry(plan, project_id: int) -> RoundEntry | None:
    """A project's entry in the plan's latest closed round, with its round (one query)."""
    if plan.progress_round_id is None:
        return None
    entry = (
        RoundEntry.objects.filter(round_id=plan.progress_round_id, project_id=project_id)
        .select_related("round")
        .defer("round__findings", "round__recommendations")
        .first()
    )
    if entry is not None:
        entry.disbursed_share = share(entry.disbursed, entry.planned)
    return entry


def report_document(plan, kind: str) -> ReportDocument | None:
    """The issued report of the plan's round of this kind, once announced and ready."""
    return (
        ready_reports().filter(round__plan=plan, round__kind=kind).select_related("round").first()
    )
