"""Writing a project's record from its page: two people at once, payments, photos.

Of two updates started from the same version one wins and the other sees what it typed
again with the reason; payments are exact Decimal amounts and go only with a reason;
photos are stored re-encoded (no EXIF) and served to the organization only.
"""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from projects.models import AuditEvent, Disbursement, ProgressPhoto, Project, ProjectProgress
from tests.test_progress_page import update_post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


@pytest.fixture
def today():
    with time_machine.travel(date(2022, 4, 5), tick=False):
        yield


@pytest.fixture
def project(announced):
    return Project.objects.get(plan=announced)


def phone_photo() -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretPhoneMaker"
    exif[ExifTags.Base.Orientation] = 6
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] = (18.0, 9.0, 3.5)
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, "JPEG", exif=exif)
    assert b"SecretPhoneMaker" in buffer.getvalue()
    return SimpleUploadedFile("IMG_บ้านนายคำ.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_of_two_updates_from_the_same_version_one_wins(project, personas, login):
    url = reverse("projects:progress_update", args=[project.pk])
    staff = login(personas["staff"])
    assert staff.post(url, update_post(percent_done="40")).status_code == 302

    # The administrator opened the page before the staff saved: version empty.
    admin = login(personas["orgadmin"])
    response = admin.post(url, update_post(percent_done="70", problems="ขาดแรงงาน"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "มีผู้อื่นบันทึกผลการดำเนินงานของโครงการนี้ไปก่อนแล้ว" in body
    assert "ขาดแรงงาน" in body and 'value="70"' in body
    record = ProjectProgress.objects.get()
    assert (record.percent_done, record.version) == (Decimal("40.00"), 1)
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.PROGRESS_UPDATED).count() == 1
    # The form now carries the version it was refused for: saving again, on purpose, wins.
    assert response.context["form"]["version"].value() == 1
    again = admin.post(url, update_post(version="1", percent_done="70", problems="ขาดแรงงาน"))
    assert again.status_code == 302
    record.refresh_from_db()
    assert (record.percent_done, record.version, record.problems) == (
        Decimal("70.00"),
        2,
        "ขาดแรงงาน",
    )


def test_a_payment_is_an_exact_amount_and_shows_in_the_total(project, personas, login):
    client = login(personas["staff"])
    url = reverse("projects:disbursement_add", args=[project.pk])
    for amount in ("๑๒,๕๐๐.๕๐", "0.1", "0.2"):
        data = {"paid_on": "01/03/2565", "amount": amount, "note": "งวดที่ 1"}
        assert client.post(url, data).status_code == 302
    amounts = list(Disbursement.objects.values_list("amount", flat=True))
    assert all(isinstance(a, Decimal) for a in amounts)
    assert sum(amounts) == Decimal("12500.80")
    body = client.get(reverse("projects:progress", args=[project.pk])).content.decode()
    assert "12,500.80" in body and "237,499.20" in body and "5.00" in body
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.DISBURSEMENT_ADDED).first()
    assert event.actor == personas["staff"] and event.project == project


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"paid_on": "", "amount": "100"}, "paid_on", "กรุณาระบุวันที่เบิกจ่าย"),
        ({"paid_on": "01/03/2565", "amount": "0"}, "amount", "จำนวนเงินต้องมากกว่าศูนย์"),
        ({"paid_on": "01/03/2565", "amount": "หนึ่งร้อย"}, "amount", None),
    ],
)
def test_a_refused_payment_is_shown_again_with_its_message(
    data, field, message, project, personas, login
):
    url = reverse("projects:disbursement_add", args=[project.pk])
    response = login(personas["staff"]).post(url, {**data, "note": "ค่าวัสดุ"})
    assert response.status_code == 200
    errors = response.context["payment_form"].errors[field]
    assert errors == [message] if message else errors
    assert "ค่าวัสดุ" in response.content.decode()
    assert not Disbursement.objects.exists()


@pytest.mark.parametrize(
    ("paid_on", "message"),
    [
        ("01/05/2565", "วันที่เบิกจ่ายต้องไม่เป็นวันในอนาคต"),
        ("30/09/2564", "วันที่เบิกจ่ายต้องไม่ก่อนวันเริ่มปีงบประมาณ (1 ตุลาคม พ.ศ. 2564)"),
    ],
)
def test_the_service_refusals_of_a_payment_reach_the_form(
    paid_on, message, project, personas, login
):
    url = reverse("projects:disbursement_add", args=[project.pk])
    response = login(personas["staff"]).post(url, {"paid_on": paid_on, "amount": "100"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Disbursement.objects.exists()


def test_a_payment_goes_only_with_a_reason_kept_in_the_history(project, personas, login):
    client = login(personas["staff"])
    client.post(
        reverse("projects:disbursement_add", args=[project.pk]),
        {"paid_on": "01/03/2565", "amount": "5000"},
    )
    payment = Disbursement.objects.get()
    url = reverse("projects:disbursement_remove", args=[payment.pk])

    assert client.get(url).status_code == 405
    response = client.post(url, {"reason": "  "}, follow=True)
    assert "กรุณาระบุเหตุผลของการลบรายการเบิกจ่าย" in response.content.decode()
    assert Disbursement.objects.exists()

    response = client.post(url, {"reason": "บันทึกซ้ำ"}, follow=True)
    assert "ลบรายการเบิกจ่ายแล้ว" in response.content.decode()
    assert not Disbursement.objects.exists()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.DISBURSEMENT_REMOVED)
    assert event.comment == "บันทึกซ้ำ"
    assert event.changes["amount"] == ["5000.00", ""]
    # The second click of a double-click finds it gone.
    assert client.post(url, {"reason": "บันทึกซ้ำ"}).status_code == 404


def test_another_organization_cannot_remove_a_payment(project, personas, login):
    login(personas["staff"]).post(
        reverse("projects:disbursement_add", args=[project.pk]),
        {"paid_on": "01/03/2565", "amount": "5000"},
    )
    payment = Disbursement.objects.get()
    url = reverse("projects:disbursement_remove", args=[payment.pk])
    assert login(personas["outsider"]).post(url, {"reason": "x"}).status_code == 404
    assert Disbursement.objects.exists()


def test_a_photo_is_stored_re_encoded_without_exif_under_a_random_name(project, personas, login):
    client = login(personas["staff"])
    url = reverse("projects:progress_photo_add", args=[project.pk])
    response = client.post(url, {"photo": phone_photo(), "caption": "เทคอนกรีตช่วงที่ 1"})

    assert response.status_code == 302
    record = ProgressPhoto.objects.get()
    assert re.fullmatch(rf"progress/{project.pk}/[0-9a-f]{{32}}\.jpg", record.photo.name)
    served = client.get(reverse("projects:progress_photo", args=[record.pk]))
    assert served.status_code == 200 and served["Cache-Control"].startswith("private")
    content = b"".join(served.streaming_content)
    assert b"SecretPhoneMaker" not in content
    with Image.open(io.BytesIO(content)) as stored:
        assert stored.format == "JPEG" and not stored.getexif()
        assert stored.size == (20, 40)  # turned upright, as the EXIF orientation said
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.PROGRESS_PHOTO).count() == 1
    body = client.get(reverse("projects:progress", args=[project.pk])).content.decode()
    assert "เทคอนกรีตช่วงที่ 1" in body


def test_a_file_that_is_not_a_picture_is_refused_with_the_posting_message(project, personas, login):
    url = reverse("projects:progress_photo_add", args=[project.pk])
    fake = SimpleUploadedFile("board.jpg", b"not a picture at all", content_type="image/jpeg")
    response = login(personas["staff"]).post(url, {"photo": fake, "caption": "ป้าย"})
    assert response.status_code == 200
    assert response.context["photo_form"].errors["photo"] == [
        "ไฟล์นี้ไม่ใช่รูปภาพ กรุณาเลือกไฟล์ภาพ JPG หรือ PNG"
    ]
    assert not ProgressPhoto.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("member", 200), ("outsider", 404), ("nobody", 404)])
def test_a_photo_is_served_to_the_organization_only(who, status, project, personas, login):
    login(personas["staff"]).post(
        reverse("projects:progress_photo_add", args=[project.pk]), {"photo": phone_photo()}
    )
    url = reverse("projects:progress_photo", args=[ProgressPhoto.objects.get().pk])
    assert login(personas[who]).get(url).status_code == status


def test_a_photo_asks_the_anonymous_to_log_in(project, personas, login, client):
    login(personas["staff"]).post(
        reverse("projects:progress_photo_add", args=[project.pk]), {"photo": phone_photo()}
    )
    client.logout()
    url = reverse("projects:progress_photo", args=[ProgressPhoto.objects.get().pk])
    assert client.get(url).status_code == 302


def test_a_photo_whose_file_is_gone_is_not_found_not_a_server_error(project, personas, login):
    client = login(personas["staff"])
    client.post(reverse("projects:progress_photo_add", args=[project.pk]), {"photo": phone_photo()})
    record = ProgressPhoto.objects.get()
    record.photo.storage.delete(record.photo.name)
    assert client.get(reverse("projects:progress_photo", args=[record.pk])).status_code == 404
    assert client.get(reverse("projects:progress", args=[project.pk])).status_code == 200
