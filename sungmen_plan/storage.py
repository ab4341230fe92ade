"""Where uploaded files live: the settings' STORAGES entry for S3-compatible object storage
(django-storages), so several web machines share the photos of postings."""


def s3_storage(*, bucket: str, endpoint_url: str, region: str, access_key: str, secret_key: str):
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "access_key": access_key or None,
            "secret_key": secret_key or None,
            # The photos are evidence for members only: private objects, served through the
            # application's own view (notices.posting_views.posting_photo), never a public URL.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
