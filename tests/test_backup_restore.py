"""Finding 13 of the hardening audit: there was no backup procedure. `manage.py backup`
writes one archive with the database and the photos; `manage.py restore` puts it back into
an empty installation, and every issued document and photo is checked afterwards. CI runs
this file on PostgreSQL as well as SQLite."""

import hashlib
import io
import json
import tarfile
from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from notices import services as notices
from notices.models import PlanDocument, Posting
from notices.photos import reencode
from projects.models import AuditEvent, Organization, Project

# Committed rows and no surrounding transaction, as from cron: the dump takes its own
# REPEATABLE READ snapshot on PostgreSQL, and flush can TRUNCATE.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def installation(announced, personas):
    """An announced plan with its issued PDF, and two postings with evidence photos."""
    for place, colour in (("office", "red"), ("other", "blue")):
        buffer = io.BytesIO()
        Image.new("RGB", (64, 48), colour).save(buffer, "JPEG")
        buffer.name = "p.jpg"
        with time_machine.travel(date(2021, 12, 22), tick=False):
            notices.posting_record(
                plan=announced,
                by=personas["staff"],
                place=place,
                place_detail="ศาลาวัด" if place == "other" else "",
                posted_on=date(2021, 12, 21),
                photo=reencode(buffer),
            )
    return announced


def photos_now() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {
        p.photo.name: hashlib.sha256((root / p.photo.name).read_bytes()).hexdigest()
        for p in Posting.objects.exclude(photo="")
    }


def wipe():
    """What a new machine has: migrated tables, no rows of ours, no media files."""
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(Path(settings.MEDIA_ROOT).rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def test_it_restores_documents_and_photos_exactly(installation, tmp_path):
    document = PlanDocument.objects.get(plan=installation)
    assert document.is_ready
    issued = (document.sha256, hashlib.sha256(bytes(document.content)).hexdigest())
    photos = photos_now()
    assert len(photos) == 2
    counts = (Project.objects.count(), AuditEvent.objects.count(), Posting.objects.count())
    archive = tmp_path / "plan.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    wipe()
    assert not Organization.objects.exists()
    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    assert "เอกสารที่ประกาศ 1 ฉบับ และภาพถ่าย 2 ไฟล์" in out.getvalue()
    restored = PlanDocument.objects.get(plan_id=installation.pk)
    assert (restored.sha256, hashlib.sha256(bytes(restored.content)).hexdigest()) == issued
    assert photos_now() == photos
    assert (Project.objects.count(), AuditEvent.objects.count(), Posting.objects.count()) == (
        counts
    )
    # The staff can log in with their old passwords; new rows get new ids.
    staff = get_user_model().objects.get(username="staff")
    assert staff.check_password("test-password")
    assert Organization.objects.create(name="ใหม่", short_name="ใหม่", slug="new").pk > max(
        Organization.objects.exclude(slug="new").values_list("pk", flat=True)
    )


def test_it_refuses_to_restore_over_an_installation_with_data(installation, tmp_path):
    archive = tmp_path / "plan.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="ระบบนี้มีข้อมูลอยู่แล้ว"):
        call_command("restore", str(archive))


def test_it_refuses_an_archive_whose_data_was_changed_and_writes_nothing(installation, tmp_path):
    archive = tmp_path / "plan.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "data.json":
                content = content.replace("นายสมมุติ".encode(), "นายปลอม".encode())
                member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    wipe()
    with pytest.raises(CommandError, match="SHA-256 ไม่ตรง"):
        call_command("restore", str(tampered))
    assert not Organization.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.jpg"))


def test_it_never_overwrites_an_existing_archive(installation, tmp_path):
    archive = tmp_path / "plan.tar.gz"
    archive.write_bytes(b"yesterday")
    with pytest.raises(CommandError, match="ไม่เขียนทับ"):
        call_command("backup", str(archive))
    assert archive.read_bytes() == b"yesterday"


def test_it_lists_what_the_archive_holds(installation, tmp_path):
    archive = tmp_path / "plan.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert names[:2] == ["manifest.json", "data.json"]
    assert sorted(n for n in names if n.startswith("media/")) == sorted(
        f"media/{name}" for name in manifest["media"]
    )
    assert "projects.0001_initial" in manifest["migrations"]
