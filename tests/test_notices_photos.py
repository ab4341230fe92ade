"""Evidence photos: stored as a fresh image under a random name, shown to the organization only.

A phone photo of a village board carries the GPS position of the board (and often of the
photographer's home, when it was taken there) in its EXIF, and its file name may carry a
name or a place. None of it may reach storage; and a photo is served through a view that
checks who asks, never from a public media address.
"""

import io
import re
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from notices.models import Posting

# The announced plan comes from tests/conftest.py, shared with the posting tests.
POSTED = {"place": "office", "posted_on": "2021-12-21"}
pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def today():
    with time_machine.travel(date(2021, 12, 22), tick=False):
        yield


def phone_photo(name="IMG_20211221_บ้านนายคำ.jpg") -> SimpleUploadedFile:
    """A JPEG as a phone saves it: taken upright (orientation 6) with maker and GPS in EXIF."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretPhoneMaker"
    exif[ExifTags.Base.Orientation] = 6  # stored lying on its side, shown turned 90°
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] = (18.0, 9.0, 3.5)
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, "JPEG", exif=exif)
    assert b"SecretPhoneMaker" in buffer.getvalue()
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def image_file(fmt, mode="RGB", name="board", **options) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new(mode, (20, 20)).save(buffer, fmt, **options)
    return SimpleUploadedFile(f"{name}.{fmt.lower()}", buffer.getvalue())


def upload(client, plan, photo):
    url = reverse("notices:posting_create", args=[plan.pk])
    return client.post(url, {**POSTED, "photo": photo})


def test_it_stores_a_fresh_image_without_exif_under_a_random_name(announced, login, personas):
    response = upload(login(personas["staff"]), announced, phone_photo())

    assert response.status_code == 302
    photo = Posting.objects.get(place="office").photo
    assert re.fullmatch(rf"postings/{announced.pk}/[0-9a-f]{{32}}\.jpg", photo.name)
    content = photo.read()
    assert b"SecretPhoneMaker" not in content
    with Image.open(io.BytesIO(content)) as stored:
        assert stored.format == "JPEG"
        assert "exif" not in stored.info
        assert not stored.getexif()
        # The orientation went with the EXIF, so the pixels were turned instead.
        assert stored.size == (20, 40)


@pytest.mark.parametrize(("fmt", "mode"), [("PNG", "RGBA"), ("WEBP", "RGBA")])
def test_it_keeps_transparency_as_png(fmt, mode, announced, login, personas):
    upload(login(personas["staff"]), announced, image_file(fmt, mode))

    photo = Posting.objects.get(place="office").photo
    assert photo.name.endswith(".png")
    with Image.open(photo) as stored:
        assert stored.format == "PNG"
        assert stored.mode == "RGBA"


def test_it_accepts_a_phone_jpeg_with_a_second_picture(announced, login, personas):
    # Phones that store a depth map or a preview after the photo make what Pillow calls MPO.
    mpo = image_file("MPO", save_all=True, append_images=[Image.new("RGB", (8, 8))])
    assert Image.open(mpo).format == "MPO"

    upload(login(personas["staff"]), announced, mpo)

    photo = Posting.objects.get(place="office").photo
    with Image.open(photo) as stored:
        assert (stored.format, stored.size) == ("JPEG", (20, 20))


@pytest.mark.parametrize(
    ("photo", "message"),
    [
        (image_file("GIF", "P"), "รับเฉพาะภาพ JPG, PNG หรือ WEBP"),
        (image_file("BMP"), "รับเฉพาะภาพ JPG, PNG หรือ WEBP"),
        # The header says JPEG, the pixels stop half-way: Pillow's check passes, decoding not.
        (
            SimpleUploadedFile("cut.jpg", phone_photo().read()[:300], content_type="image/jpeg"),
            "ไม่ใช่รูปภาพ",
        ),
    ],
    ids=["gif", "bmp", "truncated"],
)
def test_it_refuses_other_formats_and_broken_images(photo, message, announced, login, personas):
    response = upload(login(personas["staff"]), announced, photo)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Posting.objects.filter(place="office").exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("staff", 200), ("member", 200), ("executive", 200), ("outsider", 404), ("nobody", 404)],
)
def test_it_shows_the_photo_to_the_organization_only(persona, status, announced, login, personas):
    upload(login(personas["staff"]), announced, phone_photo())
    posting = Posting.objects.get(place="office")
    url = reverse("notices:posting_photo", args=[posting.pk])

    response = login(personas[persona]).get(url)

    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "image/jpeg"
        assert b"".join(response.streaming_content) == posting.photo.read()


def test_it_sends_visitors_to_the_login_page_for_a_photo(announced, login, personas, client):
    upload(login(personas["staff"]), announced, phone_photo())
    client.logout()
    url = reverse("notices:posting_photo", args=[Posting.objects.get(place="office").pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_links_the_notice_page_to_the_checked_photo_view(announced, login, personas):
    client = login(personas["staff"])
    upload(client, announced, phone_photo())
    posting = Posting.objects.get(place="office")

    page = client.get(reverse("notices:notice", args=[announced.pk])).content.decode()

    assert reverse("notices:posting_photo", args=[posting.pk]) in page
    assert posting.photo.name not in page


def test_it_answers_404_for_a_posting_without_a_photo(announced, login, personas):
    website = Posting.objects.get(plan=announced, place="website")
    url = reverse("notices:posting_photo", args=[website.pk])

    assert login(personas["staff"]).get(url).status_code == 404
