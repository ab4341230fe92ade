"""Evidence photos as stored: decoded and written again by Pillow, never the uploaded bytes.

One code path for every photo the product keeps: a posted notice's (notices/posting_forms.py)
and a project's progress (projects/progress_forms.py).

Writing the pixels anew drops whatever else the file carried: EXIF with the phone's GPS
position and serial number, XMP, comments, an ICC profile (arbitrary bytes a file may carry
under that name), or a script appended to a valid image. What is stored is a plain JPEG, or
a PNG when the image has transparency that JPEG would lose, no larger than a notice board
needs on a screen.
"""

import io
import threading
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps

# The formats a phone or a scanner hands over; anything else is refused by the form. MPO is
# how Pillow names a JPEG that carries a second picture (depth map, preview), as many phone
# cameras save: to the person uploading it is a .jpg, and only its first picture is kept.
ACCEPTED_FORMATS = ("JPEG", "MPO", "PNG", "WEBP")
JPEG_QUALITY = 85
# A 50-megapixel phone sensor (8160 x 6120) is the largest photo a person takes of a board;
# Pillow's own limit (89 million, an error only at twice that) lets a 0.4 MB PNG of
# 12,000 x 12,000 cost a gigabyte to decode. The size is read from the header, before decoding.
MAX_PIXELS = 50_000_000
# The longest side kept: a notice board stays legible on any screen, and a stored photo
# weighs a few hundred kilobytes.
STORED_SIDE = 2048
# What a phone sends over a village's mobile connection; larger files are refused by the form.
MAX_PHOTO_BYTES = 5 * 1024 * 1024
# forms.ImageField's own message, for a file that is not an image, and for one whose header
# Pillow recognises but whose pixels do not decode.
NOT_AN_IMAGE = _("ไฟล์นี้ไม่ใช่รูปภาพ กรุณาเลือกไฟล์ภาพ JPG หรือ PNG")

_strict = threading.Lock()


@contextmanager
def _refusing_truncated_files():
    """Importing WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process, which
    fills a cut-off JPEG with grey instead of failing. An upload is decoded without it."""
    with _strict:
        saved = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = saved


def too_many_pixels(size: tuple[int, int]) -> bool:
    width, height = size
    return width * height > MAX_PIXELS


def reencode(upload) -> ContentFile:
    """A new JPEG (or PNG) of the uploaded image; the name only carries the extension, the
    stored name is made up by notices.models.evidence_path.

    Raises OSError or ValueError for a file Pillow identifies but cannot decode, a truncated
    one included, or one with more than MAX_PIXELS pixels.
    """
    upload.seek(0)
    with _refusing_truncated_files(), Image.open(upload) as image:
        if too_many_pixels(image.size):
            raise ValueError(f"{image.width} x {image.height} pixels is more than {MAX_PIXELS}")
        # A JPEG decodes straight at 1/2, 1/4 or 1/8 of its size when that is still larger
        # than what is kept: a quarter of the memory, or less.
        image.draft(None, (STORED_SIDE, STORED_SIDE))
        image.load()
        # The EXIF orientation is about to go with the rest of the EXIF: turn the pixels
        # instead, or a photo taken with the phone upright would be stored lying on its side.
        image = ImageOps.exif_transpose(image)
        transparent = image.has_transparency_data
        image = image.convert("RGBA" if transparent else "RGB" if image.mode != "L" else "L")
        # The encoders copy some of what they find here into the new file (a JPEG comment,
        # the ICC profile): start from nothing.
        image.info = {}
        image.thumbnail((STORED_SIDE, STORED_SIDE), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        if transparent:
            image.save(buffer, "PNG")
            name = "evidence.png"
        else:
            image.save(buffer, "JPEG", quality=JPEG_QUALITY)
            name = "evidence.jpg"
    return ContentFile(buffer.getvalue(), name=name)


def clean_upload(photo) -> ContentFile:
    """What a form keeps of an uploaded photo (a forms.ImageField's value, which Pillow has
    already opened): its re-encoded copy, or ValidationError with a Thai message."""
    if photo.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("ภาพถ่ายใหญ่เกิน 5 MB กรุณาย่อขนาดก่อนส่ง"))
    if photo.image.format not in ACCEPTED_FORMATS:
        raise ValidationError(_("รับเฉพาะภาพ JPG, PNG หรือ WEBP"))
    if too_many_pixels(photo.image.size):
        width, height = photo.image.size
        raise ValidationError(
            _(
                "ภาพมีจำนวนพิกเซลมากเกินไป (%(width)d × %(height)d) รับได้ไม่เกิน %(limit)d ล้านพิกเซล "
                "กรุณาย่อขนาดภาพก่อนส่ง"
            )
            % {"width": width, "height": height, "limit": MAX_PIXELS // 1_000_000}
        )
    try:
        return reencode(photo)
    except (OSError, ValueError):
        # Pillow recognised the format from the header, but the pixels do not decode
        # (a truncated or doctored file): to the person uploading, that is not a picture.
        raise ValidationError(NOT_AN_IMAGE) from None
