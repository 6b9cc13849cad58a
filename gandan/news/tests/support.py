"""Helpers of the news tests: an article written through the services, and photos made with Pillow."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gandan.news.services.articles import article_create, article_publish, article_submit


def draft(commune, writer, **overrides):
    values = {
        "title": "Khánh thành nhà văn hóa thôn Đồng Thịnh",
        "summary": "Nhà văn hóa mới do Nhân dân cùng đóng góp.",
        "body": "Sáng nay, thôn Đồng Thịnh khánh thành nhà văn hóa.\n\nBà con đến rất đông.",
        "tags": "nông thôn mới, văn hóa",
    }
    return article_create(unit=commune, by=writer, **{**values, **overrides})


def published(commune, writer, publisher, **overrides):
    article = draft(commune, writer, **overrides)
    article_submit(article=article, by=writer)
    return article_publish(article=article, by=publisher)


def jpeg_with_gps(width: int = 2400, height: int = 1800) -> bytes:
    """A JPEG as a phone takes it: with EXIF holding a GPS position (21°N, 105°E) and the camera's make."""
    image = Image.new("RGB", (width, height), (120, 170, 90))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 50.0, 2.0)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def png_bytes(width: int = 300, height: int = 200) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (10, 20, 200, 128)).save(out, format="PNG")
    return out.getvalue()


def upload(content: bytes, name: str = "anh.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
