"""The monitoring report as a PDF, opened and read back: its title, the counts and
percentages of a made-up round with their bases in the headings, rounding consistent across
rows and totals, the other agencies' and cancelled projects, the problems and
recommendations, the announcement; read from the snapshot only, the same bytes every time."""

import hashlib
from datetime import date
from decimal import Decimal

import pypdf
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notices.models import ReportDocument
from notices.report_pdf import render_report_html, render_report_pdf
from projects import progress
from projects.figures import round_figures
from projects.models import MonitoringRound, ProgressStatus, Project, RoundEntry
from tests.report_support import (
    CANCEL_REASON,
    FINDINGS,
    OTHER_AGENCY,
    PROBLEM,
    RECOMMENDATIONS,
    announce_report,
    closed_round,
)
from tests.support import compact, fill, pdftotext_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def round(world, announced, personas):
    return closed_round(world, announced, personas)


@pytest.fixture
def issued(round, personas, django_capture_on_commit_callbacks):
    return announce_report(round, personas, django_capture_on_commit_callbacks)


def read(pdf, tmp_path) -> str:
    return compact(" ".join(pdftotext_pages(pdf, tmp_path)))


def test_it_counts_three_of_seven_done_as_42_86_in_rows_and_totals(round):
    figures = round_figures(round)
    total = figures.total
    assert (total.projects, total.done, total.under_way, total.not_started, total.cancelled) == (
        7,
        3,
        2,
        1,
        1,
    )
    # Each share from its own count: they add up to 100.01, and are not forced to 100.
    shares = [total.done_share, total.under_way_share, total.not_started_share]
    assert shares == [Decimal("42.86"), Decimal("28.57"), Decimal("14.29")]
    assert total.cancelled_share == Decimal("14.29")
    # Strategy 1 (4 projects: 2 done) and its programs; the total is never a sum of shares.
    first = figures.strategies[0]
    assert (first.tally.projects, first.tally.done_share) == (4, Decimal("50.00"))
    # Programs by code: สาธารณสุข (00220: 1 of 1 done), then เคหะและชุมชน (00240: 1 of 3).
    assert [(c.label, c.tally.done_share) for c in first.children] == [
        ("แผนงานสาธารณสุข", Decimal("100.00")),
        ("แผนงานเคหะและชุมชน", Decimal("33.33")),
    ]


def test_it_reads_back_the_title_figures_and_bases_from_the_pdf(round, tmp_path):
    text = read(render_report_pdf(round, draft=True), tmp_path)
    for expected in (
        "รายงานผลการติดตามและประเมินผลแผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
        "รอบ ๖ เดือน (ตุลาคม–มีนาคม)",
        "องค์การบริหารส่วนตำบลสูงเม่น",
        "ร้อยละของโครงการทั้งหมดในแผน",
        "ร้อยละของงบประมาณตามแผน",
        # The grand total row: 7 projects, 3 done (42.86), 2 under way (28.57), 1 not
        # started (14.29), 1 cancelled (14.29).
        "รวมทั้งสิ้น 7 3 42.86 2 28.57 1 14.29 1 14.29",
        # Budget: planned 1,750,000; committed 540,000; disbursed 385,000 = 22.00 %.
        "รวมทั้งสิ้น 1,750,000.00 540,000.00 385,000.00 22.00 1,365,000.00",
        # A program's share from its own sums: 300,000 of 700,000 = 42.86.
        "แผนงานเคหะและชุมชน 700,000.00 450,000.00 300,000.00 42.86 400,000.00",
    ):
        assert compact(expected) in text, expected


def test_it_lists_other_agencies_cancelled_projects_problems_and_recommendations(round, tmp_path):
    text = read(render_report_pdf(round, draft=True), tmp_path)
    for expected in (
        "โครงการของหน่วยงานอื่นที่ดำเนินการในพื้นที่",
        OTHER_AGENCY,
        "โครงการที่ยกเลิก และเหตุผล",
        CANCEL_REASON,
        "ปัญหาและอุปสรรค",
        FINDINGS,
        PROBLEM,
        "ข้อเสนอแนะ",
        RECOMMENDATIONS,
    ):
        assert compact(expected) in text, expected


def test_it_marks_every_page_of_a_draft_and_leaves_the_signer_blank(round, tmp_path):
    pdf = render_report_pdf(round, draft=True)
    pages = pdftotext_pages(pdf, tmp_path)
    assert all(compact("ร่าง · ฉบับร่าง") in compact(page) for page in pages)
    assert "นายสมมุติ" not in compact(" ".join(pages))


def test_it_issues_the_announced_report_with_its_signer_and_hash(issued, tmp_path):
    document = ReportDocument.objects.get(round=issued)
    assert document.status == ReportDocument.Status.READY
    content = bytes(document.content)
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.size == len(content)
    text = read(content, tmp_path)
    for expected in (
        "ประกาศองค์การบริหารส่วนตำบลสูงเม่น",
        "ประกาศ ณ วันที่ ๕ เมษายน พ.ศ. ๒๕๖๕",
        "(นายสมมุติ ตัวอย่างดี)",
        "นายกองค์การบริหารส่วนตำบลสูงเม่น",
        "แล้วเสร็จ ๓ โครงการ",
    ):
        assert compact(expected) in text, expected
    assert "ร่าง·ฉบับร่าง" not in text
    # Archived as PDF/A, like the plan's document.
    assert b"pdfaid:part" in content


def test_it_renders_the_same_snapshot_to_the_same_bytes_whatever_the_records_say(issued, personas):
    document = ReportDocument.objects.get(round=issued)
    project = Project.objects.get(title__startswith="โครงการก่อสร้างรางระบายน้ำ")
    with time_machine.travel(date(2022, 4, 6), tick=False):
        progress.progress_update(
            project=project,
            by=personas["staff"],
            values={"status": ProgressStatus.DONE, "percent_done": Decimal("100")},
            expected_version=1,
        )
    again = render_report_pdf(issued, draft=False)
    assert hashlib.sha256(again).hexdigest() == document.sha256


def test_it_prints_thai_digits_in_the_tables_when_asked(round, tmp_path):
    text = read(render_report_pdf(round, draft=True, thai_digits=True), tmp_path)
    assert compact("รวมทั้งสิ้น ๗ ๓ ๔๒.๘๖") in text


def test_it_embeds_sarabun_only_and_lays_tables_out_landscape(round, tmp_path):
    reader = pypdf.PdfReader(__import__("io").BytesIO(render_report_pdf(round, draft=True)))
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts and all(name.startswith("Sarabun") for name in fonts)
    sizes = [(round_(p.mediabox.width), round_(p.mediabox.height)) for p in reader.pages]
    assert sizes[0] == (595, 842)  # the cover, portrait
    assert (842, 595) in sizes  # the figures, landscape


def round_(value) -> int:
    return int(float(value) + 0.5)


def test_it_builds_the_html_in_the_same_queries_however_many_projects(round, world):
    def queries() -> int:
        fresh = MonitoringRound.objects.select_related("plan__organization").get(pk=round.pk)
        with CaptureQueriesContext(connection) as context:
            render_report_html(fresh, draft=False)
        return len(context)

    small = queries()
    # Forty more projects in the snapshot, as if they had been in the plan when it closed.
    RoundEntry.objects.bulk_create(
        RoundEntry(round=round, project=p, status=ProgressStatus.DONE, problems="ล่าช้า")
        for p in fill(world, 40, plan=round.plan)
    )
    assert queries() == small
