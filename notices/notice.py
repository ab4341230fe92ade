"""A notice the public is told through postings: a plan's own announcement, or the
announcement of a monitoring round's report. One posting engine serves both.

The two differ only in what Notice says here: which postings and reminders are theirs (a
plan's own have no round), which rule deadlines run under (the rule set's posting rule, or
its monitoring report rule, ระเบียบฯ ข้อ ๓๐ (๕)), the day the clock starts, and the pages'
addresses. notices/status.py, notices/services.py, the notice page, the certificate, the
dashboard and the daily reminders read them from here, and know nothing else of the kind.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from notices.models import Posting, Reminder
from notices.posting import PostingRule
from projects.models import MonitoringRound, OperationsPlan, RoundStage, RuleSet, Stage


def posting_rule(organization) -> PostingRule:
    """The rule of a plan's own notice."""
    rules = RuleSet.for_organization(organization)
    return PostingRule(
        within_days=rules.posting_within_days,
        keep_days=rules.posting_keep_days,
        source=rules.legal_source,
    )


def report_posting_rule(organization) -> PostingRule:
    """The rule of a monitoring report's notice: announced within report_within_days, kept
    report_keep_days (ระเบียบฯ ข้อ ๓๐ (๕)), with its own legal source."""
    rules = RuleSet.for_organization(organization)
    return PostingRule(
        within_days=rules.report_within_days,
        keep_days=rules.report_keep_days,
        source=rules.report_legal_source,
    )


@dataclass(frozen=True)
class Notice:
    plan: OperationsPlan
    round: MonitoringRound | None = None

    @classmethod
    def of(cls, subject) -> "Notice":
        """The notice of a plan, a round, or a posting (or a Notice, unchanged)."""
        if isinstance(subject, Notice):
            return subject
        if isinstance(subject, MonitoringRound):
            return cls(subject.plan, subject)
        if isinstance(subject, Posting):
            return cls(subject.plan, subject.round) if subject.round_id else cls(subject.plan)
        return cls(subject)

    @property
    def is_report(self) -> bool:
        return self.round is not None

    @property
    def organization(self):
        return self.plan.organization

    @property
    def is_announced(self) -> bool:
        if self.round is not None:
            return self.round.is_announced
        return self.plan.stage == Stage.ANNOUNCED

    @property
    def announcement(self):
        """The plan's Announcement or the round's RoundAnnouncement (both have announced_on,
        signer_name, signer_title); None before the announcement."""
        owner = self.round if self.round is not None else self.plan
        return getattr(owner, "announcement", None) if self.is_announced else None

    @property
    def announced_on(self) -> date:
        return self.announcement.announced_on

    @property
    def rule(self) -> PostingRule:
        if self.round is not None:
            return report_posting_rule(self.organization)
        return posting_rule(self.organization)

    @property
    def title(self) -> str:
        """What was announced, as the certificate and the reminders name it."""
        if self.round is not None:
            return f"รายงานผลการติดตามและประเมินผล{self.plan.title} {self.round.get_kind_display()}"
        return self.plan.title

    @property
    def not_announced(self) -> str:
        """Why nothing can be posted yet, in Thai."""
        if self.round is not None:
            return _("รายงานผลการติดตามยังไม่ได้ประกาศ จึงยังปิดประกาศไม่ได้")
        return _("แผนยังไม่ได้ประกาศ จึงยังปิดประกาศไม่ได้")

    def postings(self):
        """This notice's postings, and only this notice's: a plan's own have no round."""
        if self.round is not None:
            return Posting.objects.filter(round=self.round)
        return Posting.objects.filter(plan=self.plan, round__isnull=True)

    def reminder(self, **fields) -> Reminder:
        return Reminder(plan_id=self.plan.pk, round=self.round, **fields)

    def owner_kwargs(self) -> dict:
        """The fields a Posting or an AuditEvent of this notice carries."""
        return {"plan_id": self.plan.pk, "round": self.round}

    def locked(self) -> "Notice":
        """The notice read again under its row lock (the round's, or the plan's), inside the
        caller's transaction: two people recording the same place are serialised by it, and
        the stage is read from the database, not from the caller's copy."""
        if self.round is not None:
            round = (
                MonitoringRound.objects.select_for_update(of=("self",))
                .select_related("plan__organization", "announcement")
                .get(pk=self.round.pk)
            )
            return Notice(round.plan, round)
        plan = (
            OperationsPlan.objects.select_for_update(of=("self",))
            .select_related("organization", "announcement")
            .get(pk=self.plan.pk)
        )
        return Notice(plan)

    # The staff pages of the notice.
    def _url(self, plan_name: str, round_name: str) -> str:
        if self.round is not None:
            return reverse(round_name, args=[self.round.pk])
        return reverse(plan_name, args=[self.plan.pk])

    @property
    def url(self) -> str:
        return self._url("notices:notice", "notices:report_notice")

    @property
    def create_url(self) -> str:
        return self._url("notices:posting_create", "notices:report_posting_create")

    @property
    def certificate_url(self) -> str:
        return self._url("notices:certificate_pdf", "notices:report_certificate_pdf")

    @property
    def document_url(self) -> str:
        return self._url("notices:document_pdf", "notices:report_pdf")

    @property
    def retry_url(self) -> str:
        return self._url("notices:document_retry", "notices:report_retry")

    @property
    def draft_url(self) -> str:
        return self._url("notices:draft_pdf", "notices:report_draft_pdf")

    @property
    def url_name(self) -> str:
        """The notice page's URL name, for an absolute link (projects.links.absolute_url)."""
        return "notices:report_notice" if self.round is not None else "notices:notice"

    @property
    def url_id(self) -> int:
        return self.round.pk if self.round is not None else self.plan.pk

    def file_name(self, extension: str, suffix: str = "") -> str:
        """A file of this notice, in the plan's one name scheme (MonitoringRound.file_name)."""
        parts = [f"monitoring-{self.round.kind}"] if self.round is not None else []
        if suffix:
            parts.append(suffix)
        return self.plan.file_name(extension, suffix="-".join(parts))


def announced_notices(plans) -> list[tuple[Notice, list[Posting]]]:
    """The notices of the announced ``plans`` and of their rounds' announced reports, each
    plan's followed by its rounds', with their postings: three queries however many there
    are (each rule comes with its organization: the caller's plans select organization)."""
    plans = list(
        plans.filter(stage=Stage.ANNOUNCED).select_related("announcement", "organization__rules")
    )
    by_id = {plan.pk: plan for plan in plans}
    rounds: dict[int, list[MonitoringRound]] = {}
    for round in (
        MonitoringRound.objects.filter(plan__in=plans, stage=RoundStage.ANNOUNCED)
        .select_related("announcement")
        .order_by("period_end", "id")
    ):
        round.plan = by_id[round.plan_id]
        rounds.setdefault(round.plan_id, []).append(round)
    postings: dict[tuple[int, int | None], list[Posting]] = {}
    for posting in Posting.objects.filter(plan__in=plans).select_related("village"):
        postings.setdefault((posting.plan_id, posting.round_id), []).append(posting)
    notices = []
    for plan in plans:
        notices.append((Notice(plan), postings.get((plan.pk, None), [])))
        for round in rounds.get(plan.pk, []):
            notices.append((Notice(plan, round), postings.get((plan.pk, round.pk), [])))
    return notices
