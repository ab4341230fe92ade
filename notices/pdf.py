"""The plan document as one A4 PDF: cover, ประกาศ, สารบัญ, ส่วนที่ ๑ บทนำ and the forms of ส่วนที่ ๒.

The HTML comes from templates/notices/document.html and is laid out by WeasyPrint. All Thai
formatting goes through projects.thai and its template filters; this module gathers the data,
with one fixed set of queries whatever the number of projects, and has notices/textlayer.py
correct the text layer so that text copied from the PDF equals what we wrote.
"""

from dataclasses import dataclass
from datetime import date

import pydyf
import segno
import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from weasyprint.urls import URLFetcher

from notices.headings import program_tables
from notices.linebreaks import LineBreaker
from notices.monthbars import month_styles
from notices.summary import summarize
from notices.textlayer import text_layer_finisher
from projects import thai
from projects.emblem import emblem_data_uri
from projects.glyphs import FONT_FAMILY, font_files
from projects.models import OperationsPlan, Project, Village
from projects.tables import plan_tables

# Printed in the top-left margin of every page of a draft. Plain "ร่าง" would not do as a marker
# to look for: the text of ส่วนที่ ๑ speaks of "ร่างแผนการดำเนินงาน" itself.
DRAFT_MARK = "ร่าง · ฉบับร่าง ยังไม่ได้ประกาศใช้"

# The issued document is archived: PDF/A-2b, which keeps every font embedded and the colours
# defined, and (unlike PDF/A-3) holds no attachments. Its bytes are the same on every render
# (WeasyPrint writes no date unless given one, and the file ID is a hash of the content), so
# a re-render has the SHA-256 published for the issued one.
ARCHIVE_VARIANT = "pdf/a-2b"


@dataclass(frozen=True)
class AnnouncementText:
    """What the signed notice says beyond the plan: when it was announced and by whom."""

    announced_on: date
    signer_name: str
    signer_title: str


@dataclass(frozen=True)
class MonthHeader:
    """The month columns of ผด.02: twelve abbreviations under the BE years they fall in."""

    years: tuple[tuple[int, int], ...]  # (BE year, number of months under it)
    months: tuple[str, ...]

    @property
    def span_after_budget(self) -> int:
        # สถานที่ดำเนินการ, หน่วยงานรับผิดชอบหลัก and the month cells.
        return 2 + len(self.months)


def month_header(fiscal_year_be: int) -> MonthHeader:
    """ต.ค. พ.ย. ธ.ค. under the year before the fiscal year, ม.ค. … ก.ย. under the fiscal year."""
    years: list[tuple[int, int]] = []
    for month in thai.FISCAL_MONTHS:
        year = thai.fiscal_month_year_be(month, fiscal_year_be)
        if years and years[-1][0] == year:
            years[-1] = (year, years[-1][1] + 1)
        else:
            years.append((year, 1))
    return MonthHeader(tuple(years), tuple(thai.MONTH_ABBRS[m] for m in thai.FISCAL_MONTHS))


def qr_code_data_uri(url: str) -> str:
    """An SVG QR code of ``url``, as a data: URI for an <img>."""
    return segno.make_qr(url, error="m").svg_data_uri(scale=4, border=2)


def render_plan_html(
    plan: OperationsPlan,
    *,
    draft: bool,
    announcement: AnnouncementText | None = None,
    thai_digits_in_forms: bool = False,
    public_url: str | None = None,
    cut_words: bool = True,
) -> str:
    """The HTML that render_plan_pdf lays out (``cut_words=False``: without the word breaks,
    for a fingerprint of the content; see notices.drafts)."""
    # The one load of the projects: every table and total below is computed from this list.
    projects = list(Project.objects.filter(plan=plan).with_details())
    tables = plan_tables(projects)
    context = {
        "plan": plan,
        "org": plan.organization,
        # The organization's emblem (or the ครุฑ, as the office uploads it) heads the cover and
        # the notice.
        "emblem": emblem_data_uri(plan.organization),
        "tables": tables,
        "summary": summarize(projects),
        "pd02_tables": program_tables(tables.projects, strategies=True),
        "pd021_tables": program_tables(tables.equipment, strategies=False),
        "breaker": LineBreaker.for_organization(
            plan.organization,
            Village.objects.filter(organization=plan.organization_id),
            cut=cut_words,
        ),
        "project_count": sum(group.count for group in tables.projects),
        "equipment_count": sum(group.count for group in tables.equipment),
        "month_header": month_header(plan.fiscal_year),
        "month_styles": month_styles(p.months for p in projects),
        "fiscal_year_thai": thai.to_thai_digits(plan.fiscal_year),
        "announcement": announcement,
        "announced_on_text": (
            thai.thai_date(announcement.announced_on, thai_digits=True) if announcement else ""
        ),
        "public_url": public_url,
        "qr_code": qr_code_data_uri(public_url) if public_url else None,
        "draft": draft,
        "draft_mark": DRAFT_MARK,
        "thai_forms": thai_digits_in_forms,
        "forms_counter_style": "thai" if thai_digits_in_forms else "decimal",
        **font_context(),
    }
    return render_to_string("notices/document.html", context)


def render_plan_pdf(
    plan: OperationsPlan,
    *,
    draft: bool,
    announcement: AnnouncementText | None = None,
    thai_digits_in_forms: bool = False,
    public_url: str | None = None,
) -> bytes:
    """The plan document as PDF bytes.

    ``draft`` marks every page as a draft; any other document is PDF/A, for archiving.
    Without ``announcement`` the notice has dotted blanks for the date and the signer, to be
    filled in by hand. ``public_url``, when given, is printed on the notice with its QR code.
    """
    html = render_plan_html(
        plan,
        draft=draft,
        announcement=announcement,
        thai_digits_in_forms=thai_digits_in_forms,
        public_url=public_url,
    )
    return html_to_pdf(html, archival=not draft)


def font_context() -> dict:
    """What a document template needs to embed Sarabun (see templates/notices/*.html)."""
    return {
        "font_family": FONT_FAMILY,
        "fonts": {weight: path.as_uri() for weight, path in font_files().items()},
    }


def html_to_pdf(html: str, *, archival: bool = False) -> bytes:
    """Lay out one of our document templates as PDF; ``archival``: as PDF/A (ARCHIVE_VARIANT)."""
    # Only local files (the fonts) and data: URIs (the QR code): the document never fetches
    # anything over the network, whatever text ends up in it.
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher)
    # The finisher corrects what copied text says for ำ and stacked marks: notices/textlayer.py.
    fix_text_layer = text_layer_finisher(FONT_FAMILY, list(font_files().values()))
    if not archival:
        return document.write_pdf(finisher=fix_text_layer)

    def finish_archival(document, pdf: pydyf.PDF) -> None:
        fix_text_layer(document, pdf)
        _uncompress_metadata(pdf)

    return document.write_pdf(pdf_variant=ARCHIVE_VARIANT, finisher=finish_archival)


def _uncompress_metadata(pdf: pydyf.PDF) -> None:
    # PDF/A-2 (ISO 19005-2, 6.6.2.1) forbids a Filter on the XMP metadata stream, which
    # WeasyPrint compresses for every PDF/A but PDF/A-1.
    number = int(pdf.catalog["Metadata"].split()[0])
    next(obj for obj in pdf.objects if obj.number == number).compress = False
