"""One archive holding the whole installation: the database as Django fixtures and the media
files (evidence photos), with a manifest of SHA-256 sums.

The database goes in as `dumpdata` JSON with natural keys, not as pg_dump output: the same
archive restores into PostgreSQL or SQLite, whatever server version, and the issued PDFs
travel inside it (PlanDocument.content) with the hash they were published with. Content
types, permissions and sessions are left out: a migrated installation makes its own, and
people log in again after a restore.

Layout of the .tar.gz: manifest.json, data.json, media/<path as stored>.
"""

import hashlib
import json
from pathlib import Path

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]
MANIFEST, DATA, MEDIA = "manifest.json", "data.json", "media"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def applied_migrations() -> list[str]:
    """The schema the data belongs to: a restore needs exactly the same migrations applied."""
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def media_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def dumps(manifest: dict) -> bytes:
    return json.dumps(manifest, ensure_ascii=False, indent=1).encode()
