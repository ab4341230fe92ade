"""Posting photos are re-encoded by projects/photos.py, the one code path of every stored
photo; its names are here for the notices' callers."""

from projects.photos import (
    ACCEPTED_FORMATS,
    JPEG_QUALITY,
    MAX_PHOTO_BYTES,
    MAX_PIXELS,
    NOT_AN_IMAGE,
    STORED_SIDE,
    clean_upload,
    reencode,
    too_many_pixels,
)

__all__ = [
    "ACCEPTED_FORMATS",
    "JPEG_QUALITY",
    "MAX_PHOTO_BYTES",
    "MAX_PIXELS",
    "NOT_AN_IMAGE",
    "STORED_SIDE",
    "clean_upload",
    "reencode",
    "too_many_pixels",
]
