"""Photos of postings on S3-compatible object storage (django-storages), as several web
machines share them: against moto's S3 server on 127.0.0.1, through the real upload and
download views."""

import io
import socket
from datetime import date

import boto3
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image

from notices.models import Posting
from sungmen_plan.storage import s3_storage

BUCKET = "plan-photos"
KEYS = {"access_key": "testing", "secret_key": "testing"}


@pytest.fixture
def s3(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(bucket=BUCKET, endpoint_url=endpoint, region="us-east-1", **KEYS),
    }
    yield client
    server.stop()


@time_machine.travel(date(2021, 12, 22), tick=False)
def test_it_keeps_posting_photos_in_the_bucket_and_serves_them_to_members(
    s3, announced, login, personas, tmp_path
):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "white").save(buffer, "JPEG")
    photo = SimpleUploadedFile("board.jpg", buffer.getvalue(), content_type="image/jpeg")
    staff = login(personas["staff"])
    response = staff.post(
        reverse("notices:posting_create", args=[announced.pk]),
        {"place": "office", "posted_on": "2021-12-21", "photo": photo},
    )
    assert response.status_code == 302
    posting = Posting.objects.get(place="office")
    [stored] = s3.list_objects_v2(Bucket=BUCKET)["Contents"]
    assert stored["Key"] == posting.photo.name
    body = s3.get_object(Bucket=BUCKET, Key=stored["Key"])["Body"].read()
    assert body.startswith(b"\xff\xd8")  # the re-encoded JPEG
    assert not (tmp_path / "media").exists()  # nothing on the local disk
    acl = s3.get_object_acl(Bucket=BUCKET, Key=stored["Key"])["Grants"]
    assert all("AllUsers" not in str(grant.get("Grantee")) for grant in acl)

    served = staff.get(reverse("notices:posting_photo", args=[posting.pk]))
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == body
    outsider = login(personas["outsider"]).get(reverse("notices:posting_photo", args=[posting.pk]))
    assert outsider.status_code == 404
