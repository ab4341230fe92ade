"""Evidence photos as stored: decoded and written again by Pillow, never the uploaded bytes.

Writing the pixels anew drops whatever else the file carried: EXIF with the phone's GPS
position and serial number, XMP, comments, or a script appended to a valid image. What is
stored is a plain JPEG, or a PNG when the image has transparency that JPEG would lose.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

# The formats a phone or a scanner hands over; anything else is refused by the form. MPO is
# how Pillow names a JPEG that carries a second picture (depth map, preview), as many phone
# cameras save: to the person uploading it is a .jpg, and only its first picture is kept.
ACCEPTED_FORMATS = ("JPEG", "MPO", "PNG", "WEBP")
JPEG_QUALITY = 85


def reencode(upload) -> ContentFile:
    """A new JPEG (or PNG) of the uploaded image; the name only carries the extension, the
    stored name is made up by notices.models.evidence_path.

    Raises OSError or ValueError for a file Pillow identifies but cannot decode.
    """
    upload.seek(0)
    with Image.open(upload) as image:
        # The EXIF orientation is about to go with the rest of the EXIF: turn the pixels
        # instead, or a photo taken with the phone upright would be stored lying on its side.
        image = ImageOps.exif_transpose(image)
        icc_profile = image.info.get("icc_profile")  # colours, not about the photographer
        # The encoders copy some of what they find here into the new file (a JPEG comment,
        # for one): start from nothing.
        image.info = {}
        buffer = io.BytesIO()
        if image.has_transparency_data:
            image.convert("RGBA").save(buffer, "PNG", icc_profile=icc_profile)
            name = "evidence.png"
        else:
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            image.save(buffer, "JPEG", quality=JPEG_QUALITY, icc_profile=icc_profile)
            name = "evidence.jpg"
    return ContentFile(buffer.getvalue(), name=name)
