"""The organization's emblem as the cover and the notice print it.

Stored as PNG bytes written anew by Pillow (as notices/photos.py does for evidence photos):
whatever else the uploaded file carried is dropped, and the pixels are capped, so a phone
photo of the seal does not bloat every PDF. The PDF layer reads it through emblem_data_uri.
"""

import base64
import io

from PIL import Image, ImageOps

MAX_PIXELS = 800  # the longer side; the cover prints it a few centimetres wide


def emblem_reencode(upload) -> bytes:
    """PNG bytes of the uploaded image, at most MAX_PIXELS on its longer side.

    Raises OSError or ValueError for a file Pillow identifies but cannot decode.
    """
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        image.info = {}
        image.thumbnail((MAX_PIXELS, MAX_PIXELS))
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def emblem_data_uri(organization) -> str:
    """A data: URI of the emblem for <img src>, or "" when the organization has none."""
    data = bytes(organization.emblem_png or b"")
    if not data:
        return ""
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")
