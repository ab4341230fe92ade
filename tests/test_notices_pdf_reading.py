"""The plan document as an officer and an auditor read it: the real PDF is opened and its pages,
figures, line breaks, fonts and archival form are checked, not the HTML it came from."""

import hashlib
import io
import re
import subprocess
from decimal import Decimal
from urllib.parse import unquote

import page as pdf_validator
import pypdf
import pytest

from notices import monthbars
from notices.certificate import certificate_html
from notices.models import PlanDocument, Posting
from notices.pdf import AnnouncementText, html_to_pdf, render_plan_pdf
from notices.services import public_url
from projects import thai
from projects.glyphs import drawable_characters
from projects.models import Program, Strategy, Village
from sungmen_plan.demo import data as demo_data
from tests.support import ANNOUNCED, add_project, compact, pdftotext_pages

D = Decimal
HUNDREDTH = D("0.01")


def render(world, **options):
    return render_plan_pdf(world["plan"], draft=False, **options)


def pd02_pages(pages):
    return [p for p in pages if "แบบ ผด.02" in p and "ผด.02/1" not in p]


def fonts_of(pdf: bytes) -> set[str]:
    fonts = set()
    for pdf_page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for font in pdf_page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).partition("+")[2])
    return fonts


# 1. สถานที่ดำเนินการ ----------------------------------------------------------------------


def test_it_prints_each_village_once_in_the_location(world, tmp_path):
    v1, v2 = world["villages"]
    named = add_project(world, title="โครงการขุดลอกลำเหมือง", location="หมู่ที่ 1 บ้านสูงเม่น")
    named.villages.set([v1, v2])
    ticked_only = add_project(world, title="โครงการซ่อมประปา", location="")
    ticked_only.villages.set([v2])
    ranged = add_project(world, title="โครงการรณรงค์", location="หมู่ที่ 1–2 ตำบลสูงเม่น")
    ranged.villages.set([v1, v2])

    text = compact("".join(pd02_pages(pdftotext_pages(render(world), tmp_path))))

    assert compact("หมู่ที่ 1 บ้านสูงเม่น หมู่ที่ 2") in text  # the village it did not name
    assert text.count(compact("หมู่ที่")) == 4  # once each, and not once more per village


# 2. ผด.01 ------------------------------------------------------------------------------------

PD01_ROW = re.compile(
    r"^(?P<label>\d+\.\d+ \S.*?|รวม|รวมทั้งสิ้น) (?P<count>\d+) (?P<count_share>\d+\.\d\d) "
    r"(?P<budget>[\d,]+\.\d\d) (?P<budget_share>\d+\.\d\d)",
    re.MULTILINE,
)
PROGRAM_NAMES = ["การศึกษา", "สังคมสงเคราะห์", "การเกษตร", "การพาณิชย์", "งบกลาง", "สาธารณสุข"]


def pd01_rows(pdf, tmp_path):
    """(label, count, count share, budget share) of every row of ผด.01, as printed."""
    text = "\n".join(p for p in pdftotext_pages(pdf, tmp_path) if "แบบ ผด.01" in p)
    return [
        (m["label"], int(m["count"]), D(m["count_share"]), D(m["budget_share"]))
        for m in PD01_ROW.finditer(text)
    ]


def test_it_prints_pd01_shares_within_a_hundredth_adding_up_at_every_level(world, tmp_path):
    s1, s2 = world["strategies"]
    s3 = Strategy.objects.create(period=world["period"], number=3, name="การพัฒนาด้านการศึกษา")
    s4 = Strategy.objects.create(period=world["period"], number=4, name="การพัฒนาด้านการเกษตร")
    programs = [
        Program.objects.create(organization=world["org"], code=f"0031{i}", name=name)
        for i, name in enumerate(PROGRAM_NAMES)
    ]
    # 45 projects: 15 (7 + 8), 15 (5 + 5 + 5), 8 and 7; a project's budget is its count's
    # share again, plus one baht more for every project of the first strategy.
    plan = [(s1, [7, 8]), (s2, [5, 5, 5]), (s3, [8]), (s4, [7])]
    for strategy, counts in plan:
        for program, count in zip(programs, counts, strict=False):
            for i in range(count):
                amount = "100001" if strategy == s1 else "100000"
                add_project(
                    world,
                    title=f"โครงการ {i}",
                    strategy=strategy,
                    program=program,
                    amounts=(amount,),
                )
    whole_budget = D(15 * 100001 + 30 * 100000)

    rows = pd01_rows(render(world), tmp_path)

    # Rows as the form prints them: programs, then their strategy's total; the grand total.
    *blocks, grand = _blocks(rows)
    assert [[count for _, count, _, _ in programs] for programs, _ in blocks] == [
        counts for _, counts in plan
    ]
    assert grand[1:] == ("รวมทั้งสิ้น", 45, D("100.00"), D("100.00"))[1:]
    for position, (programs, total) in enumerate(blocks):
        per_project = D(100001 if position == 0 else 100000)
        for label, count, count_share, budget_share in [*programs, total]:
            assert abs(count_share - D(count) * 100 / 45) < HUNDREDTH, label
            assert abs(budget_share - count * per_project * 100 / whole_budget) < HUNDREDTH, label
        assert total[2] == sum(row[2] for row in programs)
        assert total[3] == sum(row[3] for row in programs)
    assert sum(total[2] for _, total in blocks) == D("100.00")
    assert sum(total[3] for _, total in blocks) == D("100.00")
    # Equal shares print equal: the two strategies of 15, the three programs of 5.
    assert blocks[0][1][2] == blocks[1][1][2]
    assert len({row[2] for row in blocks[1][0]}) == 1


def _blocks(rows):
    blocks, programs = [], []
    for row in rows:
        if row[0] == "รวม":
            blocks.append((programs, row))
            programs = []
        elif row[0] == "รวมทั้งสิ้น":
            blocks.append(row)
        else:
            programs.append(row)
    return blocks


# 3. Pages ------------------------------------------------------------------------------------


def test_it_heads_a_table_carried_onto_the_next_page_with_its_strategy_and_program(world, tmp_path):
    for i in range(60):
        add_project(world, title=f"โครงการซ่อมแซมถนนลูกรัง สายที่ {i}", months=[1, 2, 3])

    pages = [compact(p) for p in pd02_pages(pdftotext_pages(render(world), tmp_path))]

    heading = compact("1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน / 1.1 แผนงานเคหะและชุมชน (ต่อ)")
    assert len(pages) >= 3
    assert heading not in pages[0]
    assert compact("1.1 แผนงานเคหะและชุมชน") in pages[0]
    assert all(heading in p for p in pages[1:])
    # The last page holds rows as well as the totals and the sentence of the grand total.
    assert compact("สายที่ 59") in pages[-1]
    assert compact("รวมทั้งสิ้น 60 โครงการ") in pages[-1]


def test_it_keeps_each_strategy_of_pd01_on_one_page(world, tmp_path):
    strategies = [
        *world["strategies"],
        Strategy.objects.create(period=world["period"], number=3, name="การพัฒนาด้านการศึกษา"),
    ]
    programs = [
        Program.objects.create(organization=world["org"], code=f"009{i:02}", name=f"ทดสอบ{name}")
        for i, name in enumerate(PROGRAM_NAMES * 2)
    ]
    for strategy in strategies:
        for program in programs:
            add_project(world, strategy=strategy, program=program)

    pages = [p for p in pdftotext_pages(render(world), tmp_path) if "แบบ ผด.01" in p]

    assert len(pages) >= 2  # the case is real: ผด.01 does not fit on one page
    for strategy in strategies:
        holding = [p for p in pages if compact(f"{strategy.number}. ยุทธศาสตร์") in compact(p)]
        assert len(holding) == 1
        assert all(
            compact(f"{strategy.number}.{i + 1} แผนงาน") in compact(holding[0]) for i in range(12)
        )


# 4. Digits -----------------------------------------------------------------------------------

CONTENTS = [
    ("ส่วนที่ ๑ บทนำ", "ส่วนที่ ๑ บทนำ", True),
    ("แบบ ผด.01", "บัญชีสรุปจำนวนโครงการและงบประมาณ", False),
    ("แบบ ผด.02 ", "บัญชีโครงการ/กิจกรรม/งบประมาณ", False),
    ("แบบ ผด.02/1", "บัญชีจำนวนครุภัณฑ์สำหรับที่ไม่ได้ดำเนินการตามโครงการพัฒนาท้องถิ่น", False),
]


@pytest.mark.parametrize("thai_forms", [False, True])
def test_it_lists_in_the_contents_the_page_numbers_the_pages_print(world, tmp_path, thai_forms):
    add_project(world, title="โครงการดำเนินงานจัดทำแผนชุมชน")
    pages = pdftotext_pages(render(world, thai_digits_in_forms=thai_forms), tmp_path)
    contents = " ".join(pages[2].split("\n"))

    for entry, heading, front_matter in CONTENTS:
        listed = re.search(re.escape(entry) + r"[^\d๐-๙]*?[ .]+([0-9๐-๙]+)(?:\s|$)", contents)
        assert listed, entry
        printed = listed[1]
        number = int(thai.to_arabic_digits(printed))
        # The page's own number, in the same digits: Thai in the front matter, and in the
        # forms as the document chose.
        thai_digits = front_matter or thai_forms
        assert printed == (thai.to_thai_digits(number) if thai_digits else str(number))
        folios = [line.strip() for line in pages[number - 1].split("\n")]
        assert printed in folios, entry
        assert compact(heading) in compact(pages[number - 1]), entry


# 5. Line breaks ------------------------------------------------------------------------------


def test_it_never_breaks_a_line_inside_a_proper_name_or_a_misread_word(world, tmp_path):
    Village.objects.create(organization=world["org"], number=3, name="ดอนสว่าง")
    for i in range(12):
        add_project(
            world,
            title="ปรับปรุงถนน" + "ซ่อม" * (i % 6) + "ตำบลสูงเม่น",
            details="ฉีดวัคซีน" + "กัน" * i + "โคกระบือของเกษตรกรบ้านดอนสว่าง จังหวัดแพร่",
            location="ที่ทำการองค์การบริหารส่วนตำบลสูงเม่น" if i % 2 else "หมู่ที่ 3 บ้านดอนสว่าง",
        )

    text = "\n".join(pdftotext_pages(render(world), tmp_path))

    for name in ["สูงเม่น", "ดอนสว่าง", "แพร่"]:
        for cut in range(1, len(name)):
            assert f"{name[:cut]}\n{name[cut:]}" not in text, name
    assert "โคก\nระบือ" not in text
    assert text.count("โคกระบือ") + text.count("โค\nกระบือ") == 12


# 9. Fonts ------------------------------------------------------------------------------------


def test_it_embeds_only_sarabun_for_every_character_the_forms_accept(world):
    accepted = sorted(c for c in drawable_characters() if c.isprintable() and not c.isspace())
    for start in range(0, len(accepted), 80):
        add_project(world, title="ตัวอักษร", details=" ".join(accepted[start : start + 80]))
    announcement = AnnouncementText(ANNOUNCED, "นายทดสอบ ตัวอักษร", "".join(accepted[:60]))

    assert fonts_of(render(world, announcement=announcement)) == {"Sarabun", "Sarabun-Bold"}


def test_it_would_embed_another_font_for_a_character_the_forms_refuse(world):
    # The control of the test above: were ✓ let through, Pango would draw it from another font.
    add_project(world, title="โครงการตรวจรับงาน ✓")

    assert fonts_of(render(world)) - {"Sarabun", "Sarabun-Bold"}


# 7, 10. The notice and copied text ------------------------------------------------------------

STACKED_MARKS = ["หมู่ที่", "ผู้ใหญ่บ้าน", "น้ำ", "กี่ปี่", "ที่นั่ง"]


def test_it_copies_stacked_marks_right_in_a_reader_that_reads_by_position(world, tmp_path):
    for title in STACKED_MARKS:
        add_project(world, title=f"โครงการ{title}")

    text = compact("".join(pdftotext_pages(render(world), tmp_path, raw=False)))

    assert all(compact(f"โครงการ{title}") in text for title in STACKED_MARKS)
    assert "ำ" in "".join(pdftotext_pages(render(world), tmp_path, raw=False))  # not ํา


def test_it_leaves_room_for_the_signature_above_the_name(world, tmp_path):
    announcement = AnnouncementText(ANNOUNCED, "นายสมชาย ใจดี", "นายกองค์การบริหารส่วนตำบลสูงเม่น")
    path = tmp_path / "plan.pdf"
    path.write_bytes(render(world, announcement=announcement))
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-f", "2", "-l", "2", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', boxes)
    date_bottom = max(float(y_max) for _, y_max, word in words if word.startswith("ประกาศ ณ"))
    name_top = min(float(y_min) for y_min, _, word in words if word.startswith("(นายสมชาย"))

    assert name_top - date_bottom > 2 / 2.54 * 72  # 2 cm, in points


# 8. The certificate --------------------------------------------------------------------------


def test_it_fits_the_certificate_of_posting_on_one_page(announced, personas, world):
    for number, name in [*demo_data.VILLAGES.items(), (11, "หนองหล่ม"), (12, "ทุ่งโฮ้ง")][2:]:
        Village.objects.create(organization=world["org"], number=number, name=name)
    for village in Village.objects.filter(organization=world["org"]):
        Posting.objects.create(
            plan=announced,
            place=Posting.Place.VILLAGE,
            village=village,
            posted_on=ANNOUNCED,
            recorded_by=personas["staff"],
        )

    pdf = html_to_pdf(certificate_html(announced))

    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1


# 12. Archiving -------------------------------------------------------------------------------


def test_it_issues_a_pdf_a_document_that_a_re_render_reproduces_byte_for_byte(announced):
    document = PlanDocument.objects.get(plan=announced)
    content = bytes(document.content)
    record = announced.announcement

    rerendered = render_plan_pdf(
        announced,
        draft=False,
        announcement=AnnouncementText(record.announced_on, record.signer_name, record.signer_title),
        public_url=public_url(announced),
    )

    assert hashlib.sha256(rerendered).hexdigest() == document.sha256
    report = pdf_validator.validate_pdf_bytes(content)
    assert report.profile == pdf_validator.ValidationProfile.PDF_A_2B
    assert report.is_compliant, [f"{f.rule_id}: {f.message}" for f in report.failures]


def test_it_leaves_drafts_as_plain_pdf(world):
    add_project(world)

    draft = render_plan_pdf(world["plan"], draft=True)

    with pytest.raises(pdf_validator.PageError):
        pdf_validator.validate_pdf_bytes(draft)  # no PDF/A claim to check


# 11. Month bars ------------------------------------------------------------------------------


def test_it_draws_each_run_of_months_as_one_bar_over_a_one_path_grid():
    # ต.ค.–ม.ค., then มี.ค., then ก.ย.: three runs, whatever the number of months in them.
    image = unquote(monthbars.svg_data_uri(monthbars.month_mask([10, 11, 12, 1, 3, 9])))

    assert image.count("<path") == 1
    bars = re.findall(r'<rect x="(\d+)" y="4" width="(\d+)"', image)
    assert bars == [("0", "4"), ("5", "1"), ("11", "1")]
