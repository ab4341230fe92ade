"""Finding 3 of the hardening audit: a 0.42 MB PNG of 12,000 x 12,000 pixels was accepted,
cost a gigabyte to decode and was stored at full size; the ICC profile was copied into the
stored file byte for byte; and truncated JPEGs passed because WeasyPrint, once imported,
tells Pillow to load truncated files for the whole process."""

import io
import time
from datetime import date

import pytest
import time_machine
import weasyprint  # noqa: F401  (imported for what it does to Pillow, as in production)
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageFile

from notices import photos
from notices.models import Posting

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def today():
    with time_machine.travel(date(2021, 12, 22), tick=False):
        yield


def upload(client, plan, photo):
    url = reverse("notices:posting_create", args=[plan.pk])
    return client.post(url, {"place": "office", "posted_on": "2021-12-21", "photo": photo})


def encoded(image, fmt, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


# Pillow warns as Django's ImageField opens the header: exactly what this test sends.
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_it_refuses_a_decompression_bomb_before_decoding_it(announced, login, personas):
    bomb = encoded(Image.new("1", (12_000, 12_000)), "PNG")
    assert len(bomb) < 100_000
    started = time.monotonic()
    response = upload(login(personas["staff"]), announced, SimpleUploadedFile("b.png", bomb))
    assert time.monotonic() - started < 2
    assert "ภาพมีจำนวนพิกเซลมากเกินไป (12000 × 12000) รับได้ไม่เกิน 50 ล้านพิกเซล" in (
        response.content.decode()
    )
    assert not Posting.objects.filter(place="office").exists()


def test_it_stores_a_large_photo_downscaled_to_a_board_on_a_screen(announced, login, personas):
    photo = encoded(Image.new("RGB", (6000, 4000), "white"), "JPEG")
    upload(login(personas["staff"]), announced, SimpleUploadedFile("big.jpg", photo))
    with Image.open(Posting.objects.get(place="office").photo) as stored:
        assert stored.size == (photos.STORED_SIDE, 1365)


def test_it_drops_the_icc_profile_and_its_bytes(announced, login, personas):
    marker = b"ARBITRARY-BYTES-IN-AN-ICC-PROFILE" * 4
    photo = encoded(Image.new("RGB", (40, 30)), "JPEG", icc_profile=marker)
    png = encoded(Image.new("RGBA", (40, 30)), "PNG", icc_profile=marker)
    client = login(personas["staff"])
    upload(client, announced, SimpleUploadedFile("icc.jpg", photo))
    data = {"place": "other", "place_detail": "ศาลา", "posted_on": "2021-12-21"}
    url = reverse("notices:posting_create", args=[announced.pk])
    client.post(url, {**data, "photo": SimpleUploadedFile("icc.png", png)})
    for posting in Posting.objects.exclude(photo=""):
        content = posting.photo.read()
        assert marker[:20] not in content
        with Image.open(io.BytesIO(content)) as stored:
            assert "icc_profile" not in stored.info
    assert Posting.objects.exclude(photo="").count() == 2


def test_it_refuses_a_truncated_jpeg_although_weasyprint_allows_them(announced, login, personas):
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # what importing WeasyPrint did
    noisy = Image.effect_noise((400, 300), 80).convert("RGB")
    whole = encoded(noisy, "JPEG")
    cut = SimpleUploadedFile("cut.jpg", whole[: len(whole) * 2 // 3])
    response = upload(login(personas["staff"]), announced, cut)
    assert "ไม่ใช่รูปภาพ" in response.content.decode()
    assert not Posting.objects.filter(place="office").exists()
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # and the PDF renderer keeps its setting
