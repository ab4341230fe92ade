"""The plan document: the real PDF is opened and its text, pages and fonts are checked.

Text is read back twice, with pdftotext -raw (drawing order) and with pypdf, and compared with
what we wrote after Unicode NFKC, so that ดำ read back as ดํา (NIKHAHIT + SARA AA) counts as equal
while ดา (the NIKHAHIT lost) does not. Whitespace is ignored: a long title wraps inside its cell.
"""

import io
import re
from datetime import date

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notices.pdf import (
    DRAFT_MARK,
    AnnouncementText,
    month_header,
    render_plan_html,
    render_plan_pdf,
)
from notices.views import pdf_response
from tests.support import add_project, compact, pdftotext_pages

SARA_AM_TITLE = "โครงการดำเนินงานจัดทำแผนชุมชน"
TONE_AND_SARA_AM_TITLE = "โครงการขุดลอกลำเหมืองส่งน้ำ บ้านท่าช้าง"
ANNOUNCEMENT = AnnouncementText(
    announced_on=date(2021, 10, 15),
    signer_name="นายสมชาย ใจดี",
    signer_title="นายกองค์การบริหารส่วนตำบลสูงเม่น",
)


def pypdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def notice_path_moves(pdf: bytes) -> int:
    notice = pypdf.PdfReader(io.BytesIO(pdf)).pages[1]
    return len(re.findall(rb"\sm\s", notice.get_contents().get_data()))


def small_plan(world):
    s2 = world["strategies"][1]
    add_project(world, title=SARA_AM_TITLE, amounts=("150000", "100000.50"))
    add_project(world, title=TONE_AND_SARA_AM_TITLE, amounts=("98500",), strategy=s2)
    add_project(
        world,
        title="เครื่องคอมพิวเตอร์โน้ตบุ๊ก สำหรับงานประมวลผล",
        amounts=("22000",),
        form="pd02_1",
        equipment_type=world["equipment_type"],
        months=[11],
    )


@pytest.fixture
def announced_pdf(world):
    small_plan(world)
    return render_plan_pdf(world["plan"], draft=False, announcement=ANNOUNCEMENT)


def test_it_writes_text_that_reads_back_as_written(announced_pdf, tmp_path, world):
    expected = [
        SARA_AM_TITLE,
        TONE_AND_SARA_AM_TITLE,
        "เครื่องคอมพิวเตอร์โน้ตบุ๊ก สำหรับงานประมวลผล",
        world["org"].name,
        "ประกาศ ณ วันที่ ๑๕ ตุลาคม พ.ศ. ๒๕๖๔",
        "นายสมชาย ใจดี",
        "แบบ ผด.01",
        "แบบ ผด.02",
        "แบบ ผด.02/1",
        "ผด.02/1",
        "รวมทั้งสิ้น",
        "ส่วนที่ ๑ บทนำ",
        "นับแต่ที่ตั้งงบประมาณดำเนินการ",
        # 250,000.50 + 98,500 + 22,000 in words, on the announcement.
        "สามแสนเจ็ดหมื่นห้าร้อยบาทห้าสิบสตางค์",
    ]
    for reader, pages in [
        ("pdftotext", pdftotext_pages(announced_pdf, tmp_path)),
        ("pypdf", pypdf_pages(announced_pdf)),
    ]:
        text = compact("".join(pages))
        missing = [s for s in expected if compact(s) not in text]
        assert missing == [], reader
        assert compact("ดาเนินงาน") not in text, reader  # the NIKHAHIT must not be lost


def test_it_embeds_sarabun_and_no_other_font(announced_pdf):
    fonts = set()
    for page in pypdf.PdfReader(io.BytesIO(announced_pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object()  # embedded, not referenced
            fonts.add(str(font["/BaseFont"]).partition("+")[2])
    assert fonts == {"Sarabun", "Sarabun-Bold"}


def test_it_prints_front_matter_portrait_and_forms_landscape(announced_pdf, tmp_path):
    reader = pypdf.PdfReader(io.BytesIO(announced_pdf))
    texts = [compact(t) for t in pdftotext_pages(announced_pdf, tmp_path)]
    landscape = [p.mediabox.width > p.mediabox.height for p in reader.pages]

    # Cover, ประกาศ, สารบัญ, ส่วนที่ ๑ (two pages) and the title of ส่วนที่ ๒; then one page per form.
    assert landscape == [False] * 6 + [True] * 3
    assert compact("ประกาศ ณ วันที่") in texts[1]
    assert compact("ส่วนที่ ๑ บทนำ") in texts[3]
    for page, form in zip(texts[6:], ["แบบ ผด.01", "แบบ ผด.02", "แบบ ผด.02/1"], strict=True):
        assert compact(form) in page


def test_it_fills_the_introduction_with_the_organization_and_fiscal_year(other_world, tmp_path):
    plan = other_world["plan"]
    plan.fiscal_year = 2566
    plan.save()

    text = compact("".join(pdftotext_pages(render_plan_pdf(plan, draft=False), tmp_path)))

    assert compact("พื้นที่ขององค์การบริหารส่วนตำบลดอนมูลประจำปีงบประมาณ พ.ศ.๒๕๖๖") in text
    assert compact("องค์การบริหารส่วนตำบลสูงเม่น") not in text
    assert compact("พ.ศ.๒๕๖๕") not in text


def test_it_repeats_the_form_name_and_table_header_on_every_page_of_a_long_form(world, tmp_path):
    for i in range(60):
        add_project(world, title=f"โครงการซ่อมแซมถนนลูกรัง สายที่ {i}", months=[1, 2, 3])

    pdf = render_plan_pdf(world["plan"], draft=False)

    pages = [compact(t) for t in pdftotext_pages(pdf, tmp_path)]
    pd02_pages = [p for p in pages if compact("แบบ ผด.02") in p and compact("ผด.02/1") not in p]
    assert len(pd02_pages) >= 3
    for page in pd02_pages:
        assert compact("หน่วยงานรับผิดชอบหลัก") in page
        assert compact("ต.ค.พ.ย.ธ.ค.ม.ค.") in page
    assert all(compact(f"สายที่ {i}") in "".join(pd02_pages) for i in range(60))


def test_it_marks_every_page_of_a_draft_and_no_page_of_the_final(world, tmp_path):
    small_plan(world)

    draft = pdftotext_pages(render_plan_pdf(world["plan"], draft=True), tmp_path)
    final = pdftotext_pages(render_plan_pdf(world["plan"], draft=False), tmp_path)

    assert all(compact(DRAFT_MARK) in compact(page) for page in draft)
    assert all(compact("ร่าง") in compact(page) for page in draft)
    assert not any(compact(DRAFT_MARK) in compact(page) for page in final)


def test_it_leaves_date_and_signer_blank_until_announced(world, tmp_path):
    small_plan(world)

    pages = pdftotext_pages(render_plan_pdf(world["plan"], draft=True), tmp_path)

    notice = compact(pages[1])
    assert compact("ประกาศ ณ วันที่ ..........") in notice
    assert compact("(.............................................)") in notice
    assert compact("๒๕๖๔") not in notice.partition(compact("ประกาศ ณ วันที่"))[2]


def test_it_prints_thai_digits_in_the_forms_only_when_asked(world, tmp_path):
    small_plan(world)

    arabic = compact(
        "".join(pdftotext_pages(render_plan_pdf(world["plan"], draft=False), tmp_path))
    )
    thai = compact(
        "".join(
            pdftotext_pages(
                render_plan_pdf(world["plan"], draft=False, thai_digits_in_forms=True), tmp_path
            )
        )
    )

    assert "250,000.50" in arabic and "พ.ศ.2564" in arabic
    assert "๒๕๐,๐๐๐.๕๐" in thai and "พ.ศ.๒๕๖๔" in thai
    assert "250,000.50" not in thai
    # The notice is in Thai digits either way.
    assert "๓๗๐,๕๐๐.๕๐" in arabic


def test_it_prints_the_public_address_with_a_qr_code_on_the_notice(world, tmp_path):
    small_plan(world)
    url = "https://plan.example.org/sungmen/2565/"

    with_url = render_plan_pdf(world["plan"], draft=False, public_url=url)
    without_url = render_plan_pdf(world["plan"], draft=False)

    assert url in pdftotext_pages(with_url, tmp_path)[1]
    # WeasyPrint draws the SVG QR code as vector paths: one move-to per run of dark modules.
    assert notice_path_moves(with_url) > 100
    assert notice_path_moves(without_url) < 10


def test_it_heads_the_months_with_the_two_buddhist_years():
    header = month_header(2565)

    assert header.years == ((2564, 3), (2565, 9))
    assert header.months[:4] == ("ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.")
    assert header.months[-1] == "ก.ย."


def test_it_loads_a_plan_in_the_same_number_of_queries_however_long(world):
    add_project(world)
    with CaptureQueriesContext(connection) as few:
        render_plan_html(world["plan"], draft=True)
    for i in range(30):
        add_project(world, title=f"โครงการ {i}", program=world["programs"][i % 2])
    with CaptureQueriesContext(connection) as many:
        render_plan_html(world["plan"], draft=True)

    assert len(many) == len(few)


def test_it_lets_members_of_the_organization_download_the_draft(
    login, personas, world, django_capture_on_commit_callbacks
):
    small_plan(world)
    url = reverse("notices:draft_pdf", args=[world["plan"].pk])

    with django_capture_on_commit_callbacks(execute=True):
        assert login(personas["staff"]).get(url).status_code == 202  # queued, then rendered
    for persona in ("staff", "member", "executive"):
        response = login(personas[persona]).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert response["Content-Disposition"] == (
            'attachment; filename="plan-sungmen-2565-draft.pdf"'
        )


def test_it_hides_the_draft_from_other_organizations_and_anonymous_visitors(
    client, login, personas, world
):
    url = reverse("notices:draft_pdf", args=[world["plan"].pk])

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("login"))
    assert login(personas["outsider"]).get(url).status_code == 404
    assert login(personas["nobody"]).get(url).status_code == 404


def test_it_names_and_hashes_every_pdf_response_the_same_way():
    attachment = pdf_response(b"%PDF-1.7", "ab" * 32, "plan-sungmen-2565.pdf")
    inline = pdf_response(b"%PDF-1.7", "ab" * 32, "plan-sungmen-2565.pdf", disposition="inline")

    assert attachment.content == b"%PDF-1.7"
    assert attachment["Content-Type"] == "application/pdf"
    assert attachment["Content-Disposition"] == 'attachment; filename="plan-sungmen-2565.pdf"'
    assert attachment["X-Content-SHA256"] == "ab" * 32
    assert inline["Content-Disposition"] == 'inline; filename="plan-sungmen-2565.pdf"'


def test_it_spaces_the_year_after_พศ_in_the_introduction(world):
    add_project(world)
    html = render_plan_html(world["plan"], draft=True)
    assert "พ.ศ.๒๕๖๕" not in html
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕" in html
