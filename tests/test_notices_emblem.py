"""The organization's emblem heads the cover and the notice, and the notice stays one page."""

import io
import subprocess
from datetime import date

import pypdf
from PIL import Image, ImageDraw

from notices.pdf import AnnouncementText, render_plan_pdf
from projects.emblem import emblem_reencode
from tests.support import add_project

ANNOUNCEMENT = AnnouncementText(
    announced_on=date(2021, 12, 15),
    signer_name="นายสมมุติ ตัวอย่างดี",
    signer_title="นายกองค์การบริหารส่วนตำบลสูงเม่น",
)


def seal() -> io.BytesIO:
    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((10, 10, 390, 390), fill=(180, 30, 30, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def images_per_page(pdf: bytes, tmp_path) -> dict[int, int]:
    """Raster images drawn on each page, as poppler lists them (not merely in resources)."""
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    drawn: dict[int, int] = {}
    for line in listing.splitlines()[2:]:
        page, _num, kind = line.split()[:3]
        if kind == "image":
            drawn[int(page)] = drawn.get(int(page), 0) + 1
    return drawn


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_it_prints_the_emblem_on_the_cover_and_the_notice(world, tmp_path):
    add_project(world)
    org = world["org"]
    org.emblem_png = emblem_reencode(seal())
    org.save()
    pdf = render_plan_pdf(world["plan"], draft=False, announcement=ANNOUNCEMENT)
    # The cover and the notice each draw it once (the QR code is vector, not an image).
    assert images_per_page(pdf, tmp_path) == {1: 1, 2: 1}
    notice = page_texts(pdf)[1]
    # The whole notice, down to the signer, still fits its one page under the emblem.
    assert "ประกาศ" in notice
    assert "นายสมมุติ" in notice


def test_it_prints_no_image_without_an_emblem(world, tmp_path):
    add_project(world)
    pdf = render_plan_pdf(world["plan"], draft=False, announcement=ANNOUNCEMENT)
    assert images_per_page(pdf, tmp_path) == {}
