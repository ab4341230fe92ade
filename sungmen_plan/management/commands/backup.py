"""Write the whole installation (database and photos) into one archive.

Daily from cron (the line is in README.md, "Backup and restore"), to a folder that is
copied off the machine.
The format is described in sungmen_plan/backup; `manage.py restore` reads it back.
"""

import io
import os
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from sungmen_plan import backup


class Command(BaseCommand):
    help = "สำรองข้อมูลทั้งระบบ (ฐานข้อมูลและภาพถ่ายหลักฐาน) ไว้ในไฟล์เดียว"

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="the .tar.gz to write (must not exist)")

    def handle(self, *args, archive: Path, **options):
        if archive.exists():
            raise CommandError(f"มีไฟล์ {archive} อยู่แล้ว ไม่เขียนทับ กรุณาระบุชื่อใหม่")
        media_root = Path(settings.MEDIA_ROOT)
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder) / backup.DATA
            outermost = not connection.in_atomic_block
            with transaction.atomic():
                # One snapshot for every table: rows written meanwhile are either all in
                # the dump or all out of it (SQLite's transaction is one snapshot anyway).
                # Only the transaction's first statement may set it; inside a caller's
                # transaction (a test's) the caller's snapshot rules.
                if connection.vendor == "postgresql" and outermost:
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                call_command(
                    "dumpdata",
                    natural_foreign=True,
                    natural_primary=True,
                    exclude=backup.EXCLUDED,
                    output=str(data),
                    verbosity=0,
                )
                migrations = backup.applied_migrations()
            files = backup.media_files(media_root)
            manifest = {
                "format": backup.FORMAT,
                "created_at": timezone.now().isoformat(),
                "database": connection.vendor,
                "migrations": migrations,
                "data_sha256": backup.sha256_of(data),
                "media": {
                    path.relative_to(media_root).as_posix(): backup.sha256_of(path)
                    for path in files
                },
            }
            # Written beside the target and renamed when complete: a backup cut short by a
            # full disk or a kill never looks like a finished one.
            partial = archive.with_name(archive.name + ".partial")
            with tarfile.open(partial, "w:gz") as tar:
                content = backup.dumps(manifest)
                info = tarfile.TarInfo(backup.MANIFEST)
                info.size = len(content)
                tar.addfile(info, io.BytesIO(content))
                tar.add(data, arcname=backup.DATA)
                for path in files:
                    relative = path.relative_to(media_root).as_posix()
                    tar.add(path, arcname=f"{backup.MEDIA}/{relative}")
            os.replace(partial, archive)
        self.stdout.write(
            f"สำรองข้อมูลแล้ว: {archive} ({archive.stat().st_size:,} ไบต์, ภาพถ่าย {len(files)} ไฟล์)"
        )
