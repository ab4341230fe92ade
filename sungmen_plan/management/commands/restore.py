"""Restore an archive written by `manage.py backup` into an empty, migrated installation.

Everything is checked before anything is written: the manifest's SHA-256 of the data and of
every photo, and that the installation has the archive's migrations and no data of its own.
Afterwards every issued document is checked against the SHA-256 it was published with, and
every photo against the manifest.
"""

import hashlib
import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from notices.models import PlanDocument, Posting
from projects.models import Organization
from sungmen_plan import backup


class Command(BaseCommand):
    help = "กู้คืนข้อมูลจากไฟล์สำรอง (manage.py backup) ลงในระบบที่ติดตั้งใหม่และยังว่าง"

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="a .tar.gz written by manage.py backup")

    def handle(self, *args, archive: Path, **options):
        if not archive.is_file():
            raise CommandError(f"ไม่พบไฟล์สำรอง {archive}")
        self.check_empty()
        media_root = Path(settings.MEDIA_ROOT)
        with tempfile.TemporaryDirectory() as folder:
            staged = Path(folder)
            manifest = self.unpack(archive, staged)
            self.check_manifest(manifest, staged)
            copied = self.copy_media(staged / backup.MEDIA, media_root, manifest["media"])
            try:
                # loaddata keeps the primary keys and moves the sequences past them.
                with transaction.atomic():
                    # Natural keys are looked up through this cache; a flushed or freshly
                    # migrated database may number its content types differently.
                    ContentType.objects.clear_cache()
                    call_command("loaddata", str(staged / backup.DATA), verbosity=0)
                    documents, photos = self.verify(manifest["media"], media_root)
            except BaseException:
                # The database rolled back; the photos copied for it go too.
                for path in copied:
                    path.unlink(missing_ok=True)
                raise
        self.stdout.write(
            f"กู้คืนแล้ว: เอกสารที่ประกาศ {documents} ฉบับ และภาพถ่าย {photos} ไฟล์ ตรงกับค่า SHA-256 ทุกรายการ"
        )

    def check_empty(self):
        if Organization.objects.exists() or get_user_model().objects.exists():
            raise CommandError("ระบบนี้มีข้อมูลอยู่แล้ว กู้คืนได้เฉพาะระบบที่ติดตั้งใหม่ (migrate แล้วแต่ยังไม่มีข้อมูล)")

    def unpack(self, archive: Path, staged: Path) -> dict:
        try:
            with tarfile.open(archive, "r:gz") as tar:
                for member in tar.getmembers():
                    name = member.name
                    if not member.isfile() or not (
                        name in (backup.MANIFEST, backup.DATA)
                        or name.startswith(backup.MEDIA + "/")
                    ):
                        raise CommandError(f"ไฟล์สำรองมีรายการที่ไม่รู้จัก: {name}")
                # The "data" filter refuses absolute paths, "..", links and devices.
                tar.extractall(staged, filter="data")
            return json.loads((staged / backup.MANIFEST).read_text())
        except (tarfile.TarError, OSError, ValueError) as error:
            raise CommandError(f"อ่านไฟล์สำรองไม่ได้: {error}") from None

    def check_manifest(self, manifest: dict, staged: Path):
        if manifest.get("format") != backup.FORMAT:
            raise CommandError("ไฟล์สำรองนี้เป็นรูปแบบที่ระบบรุ่นนี้ไม่รู้จัก")
        missing = sorted(set(manifest["migrations"]) ^ set(backup.applied_migrations()))
        if missing:
            raise CommandError(
                "โครงสร้างฐานข้อมูลไม่ตรงกับไฟล์สำรอง (migrations ต่างกัน: "
                + ", ".join(missing[:5])
                + ") ติดตั้งรุ่นของโปรแกรมที่สำรองไว้ แล้วรัน migrate ก่อน"
            )
        if backup.sha256_of(staged / backup.DATA) != manifest["data_sha256"]:
            raise CommandError("ข้อมูลในไฟล์สำรองเสียหาย (SHA-256 ไม่ตรง) ไม่ได้กู้คืนสิ่งใด")
        for name, digest in manifest["media"].items():
            path = staged / backup.MEDIA / name
            if not path.is_file() or backup.sha256_of(path) != digest:
                raise CommandError(f"ภาพถ่าย {name} ในไฟล์สำรองเสียหาย ไม่ได้กู้คืนสิ่งใด")

    def copy_media(self, source: Path, root: Path, names: dict) -> list[Path]:
        clashes = [name for name in names if (root / name).exists()]
        if clashes:
            raise CommandError(f"มีไฟล์ {clashes[0]} ใน MEDIA_ROOT อยู่แล้ว ไม่เขียนทับ")
        copied = []
        for name in names:
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, target)
            copied.append(target)
        return copied

    def verify(self, media: dict, root: Path) -> tuple[int, int]:
        documents = 0
        for document in PlanDocument.objects.filter(status=PlanDocument.Status.READY):
            if hashlib.sha256(bytes(document.content)).hexdigest() != document.sha256:
                raise CommandError(f"เอกสารของ {document.plan} ไม่ตรงกับ SHA-256 ที่เผยแพร่")
            documents += 1
        photos = 0
        for posting in Posting.objects.exclude(photo=""):
            name = posting.photo.name
            if name not in media or backup.sha256_of(root / name) != media[name]:
                raise CommandError(f"ภาพถ่ายหลักฐาน {name} ไม่ครบหรือไม่ตรงกับไฟล์สำรอง")
            photos += 1
        return documents, photos
