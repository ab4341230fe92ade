"""The monitoring report as one A4 PDF: cover, the announcement, the figures, the lists, the
problems and recommendations.

Read only from the round's snapshot (projects.figures.round_figures over its RoundEntry
rows), never from the live records: the report of a closed round says the same thing on
every render, and an issued report re-rendered has the bytes whose SHA-256 was published.
Laid out by the same pipeline as the plan document (notices.pdf.html_to_pdf: Sarabun, PDF/A
for the issued report, the corrected text layer) with the same line breaking.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string

from notices.linebreaks import LineBreaker
from notices.pdf import DRAFT_MARK, font_context, html_to_pdf
from projects import thai
from projects.emblem import emblem_data_uri
from projects.figures import BASES, round_figures
from projects.models import MonitoringRound, ProgressStatus, RuleSet, Village


@dataclass(frozen=True)
class ReportTitle:
    """What heads the report: its title, its round, its period, in Thai digits."""

    title: str
    round: str
    period: str


def report_title(round: MonitoringRound) -> ReportTitle:
    plan = round.plan
    start, end = thai.thai_date(round.period_start), thai.thai_date(round.period_end)
    period = f"ตั้งแต่วันที่ {start} ถึงวันที่ {end}"
    return ReportTitle(
        title=thai.to_thai_digits(f"รายงานผลการติดตามและประเมินผล{plan.title}"),
        round=thai.to_thai_digits(str(round.get_kind_display())),
        period=thai.to_thai_digits(period),
    )


def render_report_html(
    round: MonitoringRound,
    *,
    draft: bool,
    thai_digits: bool = False,
    cut_words: bool = True,
) -> str:
    """The HTML render_report_pdf lays out; ``cut_words=False`` for a draft's fingerprint
    (notices.drafts). ``thai_digits``: ๐–๙ in the tables too (the announcement always has them)."""
    plan = round.plan
    org = plan.organization
    figures = round_figures(round)
    # A draft leaves the date and signer blank to fill in by hand, as the plan's draft does.
    announcement = None if draft else getattr(round, "announcement", None)
    entries = figures.entries
    context = {
        "round": round,
        "plan": plan,
        "org": org,
        "heading": report_title(round),
        "emblem": emblem_data_uri(org),
        "figures": figures,
        "bases": BASES,
        "cancelled": [e for e in entries if e.status == ProgressStatus.CANCELLED],
        "problems": [e for e in entries if e.problems.strip()],
        "rules": RuleSet.for_organization(org),
        "announcement": announcement,
        "announced_on_text": (
            thai.thai_date(announcement.announced_on, thai_digits=True) if announcement else ""
        ),
        "breaker": LineBreaker.for_organization(
            org, Village.objects.filter(organization=plan.organization_id), cut=cut_words
        ),
        "draft": draft,
        "draft_mark": DRAFT_MARK,
        "thai_forms": thai_digits,
        "forms_counter_style": "thai" if thai_digits else "decimal",
        **font_context(),
    }
    return render_to_string("notices/report.html", context)


def render_report_pdf(round: MonitoringRound, *, draft: bool, thai_digits: bool = False) -> bytes:
    """The report as PDF bytes: a draft is marked on every page; the issued one is PDF/A."""
    html = render_report_html(round, draft=draft, thai_digits=thai_digits)
    return html_to_pdf(html, archival=not draft)
