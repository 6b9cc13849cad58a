"""Sending a model's evidence to a request the calling view has already authorised (the staff page: the model is in
the user's units; the showcase: a photo of a recognised model). Photos open in the browser and have a small JPEG copy
for the galleries (`?thumb=1`), made when asked from the stored image and never stored: a phone photo is decoded at a
reduced scale (JPEG's draft mode), so a thumbnail costs milliseconds, not the decoding of twelve million pixels."""

import io

from django.http import Http404
from PIL import Image, UnidentifiedImageError

from gandan.kit.downloads import generated_file, serve_stored_file

THUMB_SIZE = (480, 360)


def thumbnail_bytes(file, *, size: tuple[int, int] = THUMB_SIZE) -> bytes | None:
    """A JPEG no larger than `size`, or None when the stored file is missing or not an image."""
    try:
        with file.open("rb") as handle, Image.open(handle, formats=["JPEG", "PNG"]) as image:
            image.draft("RGB", size)
            image.thumbnail(size)
            out = io.BytesIO()
            image.convert("RGB").save(out, format="JPEG", quality=80)
            return out.getvalue()
    except (FileNotFoundError, UnidentifiedImageError, OSError, ValueError):
        return None


def evidence_response(request, evidence, *, audit=None):
    if request.GET.get("thumb") and evidence.is_image:
        data = thumbnail_bytes(evidence.file)
        if data is None:
            raise Http404
        return generated_file(data, filename=f"anh-{evidence.pk}.jpg", content_type="image/jpeg", inline=True)
    return serve_stored_file(
        request,
        evidence.file,
        original_name=evidence.original_name,
        content_type=evidence.content_type,
        inline=evidence.is_image,
        audit=audit,
    )
