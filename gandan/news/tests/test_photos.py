"""An article's photos: checked by a real parser, re-encoded without EXIF (no GPS position reaches the disk), resized
to at most 1600 px with a small copy, put in order, corrected and removed; a mislabelled or oversized file is refused
with a clear message and nothing is saved."""

import io

import pytest
from django.utils import translation
from PIL import Image

from gandan.errors import DomainError, NotAllowed
from gandan.kit import uploads
from gandan.news.models import Photo
from gandan.news.services.articles import article_submit
from gandan.news.services.photos import photo_add, photo_delete, photo_move, photo_update
from gandan.news.tests.support import draft, jpeg_with_gps, png_bytes, upload

pytestmark = pytest.mark.django_db


def _stored(field) -> Image.Image:
    with field.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
        return image


def test_the_gps_position_and_the_camera_are_gone_from_the_stored_photo(home_commune, writer, media):
    original = Image.open(io.BytesIO(jpeg_with_gps()))
    assert original.getexif().get_ifd(0x8825), "the test photo does carry a GPS position"
    article = draft(home_commune, writer)
    photo = photo_add(
        article=article, upload=upload(jpeg_with_gps()), caption="Lễ khánh thành", credit="Văn Nam", by=writer
    )
    for field in (photo.image, photo.thumbnail):
        stored = _stored(field)
        assert stored.format == "JPEG"
        assert not stored.getexif(), "no EXIF at all, so no GPS position and no camera"
        with field.open("rb") as handle:
            raw = handle.read()
        assert b"PhoneMaker" not in raw and b"Exif" not in raw
    assert photo.image.name.endswith(".jpg") and photo.thumbnail.name.endswith(".jpg")


def test_a_large_photo_is_resized_to_1600_px_with_a_480_px_copy(home_commune, writer, media):
    article = draft(home_commune, writer)
    photo = photo_add(article=article, upload=upload(jpeg_with_gps(2400, 1800)), by=writer)
    assert (photo.width, photo.height) == (1600, 1200)
    assert _stored(photo.image).size == (1600, 1200)
    assert max(_stored(photo.thumbnail).size) == 480


def test_a_png_is_accepted_and_flattened_to_a_jpeg(home_commune, writer, media):
    article = draft(home_commune, writer)
    photo = photo_add(article=article, upload=upload(png_bytes(), "so-do.png"), by=writer)
    assert _stored(photo.image).format == "JPEG" and (photo.width, photo.height) == (300, 200)


@pytest.mark.parametrize(
    "content",
    [
        b"<html><script>alert(1)</script></html>",
        b"\xff\xd8\xff\xe0 not really a jpeg",
        b"%PDF-1.4\n%%EOF",
    ],
)
def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_saved(home_commune, writer, media, content):
    article = draft(home_commune, writer)
    before = article.updated_at
    with translation.override("vi"), pytest.raises(DomainError) as caught:
        photo_add(article=article, upload=upload(content, "anh.jpg"), caption="Ảnh", by=writer)
    assert caught.value.field == "upload"
    assert "JPG" in str(caught.value.message) or "PNG" in str(caught.value.message)
    assert not Photo.objects.exists() and not list(media.rglob("*.jpg"))
    article.refresh_from_db()
    assert article.updated_at == before


def test_a_photo_of_too_many_pixels_is_refused(home_commune, writer, media, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PIXELS", 1000)
    article = draft(home_commune, writer)
    with pytest.raises(DomainError) as caught:
        photo_add(article=article, upload=upload(jpeg_with_gps(100, 100)), by=writer)
    assert caught.value.code == "attachment_too_many_pixels"
    assert not Photo.objects.exists()


def test_a_file_over_10_mb_is_refused(home_commune, writer, media, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 100)
    article = draft(home_commune, writer)
    with pytest.raises(DomainError) as caught:
        photo_add(article=article, upload=upload(jpeg_with_gps(50, 50)), by=writer)
    assert caught.value.code == "attachment_too_large"


def test_photos_are_put_in_order_corrected_and_removed(home_commune, writer, media):
    article = draft(home_commune, writer)
    first = photo_add(article=article, upload=upload(jpeg_with_gps(40, 30)), caption="Một", by=writer)
    second = photo_add(article=article, upload=upload(jpeg_with_gps(40, 30)), caption="Hai", by=writer)
    assert [p.caption for p in article.photos.all()] == ["Một", "Hai"]
    photo_move(photo=second, up=True, by=writer)
    assert [p.caption for p in article.photos.all()] == ["Hai", "Một"]
    photo_update(photo=first, caption="Một (sửa)", credit="Văn Nam", by=writer)
    first.refresh_from_db()
    assert (first.caption, first.credit) == ("Một (sửa)", "Văn Nam")
    photo_delete(photo=second, by=writer)
    assert [p.caption for p in article.photos.all()] == ["Một (sửa)"]


def test_deleting_a_photo_removes_its_files_once_committed(
    home_commune, writer, media, django_capture_on_commit_callbacks
):
    article = draft(home_commune, writer)
    photo = photo_add(article=article, upload=upload(jpeg_with_gps(40, 30)), by=writer)
    names = [photo.image.name, photo.thumbnail.name]
    with django_capture_on_commit_callbacks(execute=True):
        photo_delete(photo=photo, by=writer)
    assert not any((media / name).exists() for name in names)


def test_a_writer_cannot_change_the_photos_once_the_article_is_under_review(
    home_commune, writer, publisher, media
):
    article = draft(home_commune, writer)
    article_submit(article=article, by=writer)
    with pytest.raises(NotAllowed):
        photo_add(article=article, upload=upload(jpeg_with_gps(40, 30)), by=writer)
    assert photo_add(article=article, upload=upload(jpeg_with_gps(40, 30)), by=publisher).position == 0


def test_a_caption_too_long_is_refused(home_commune, writer, media):
    article = draft(home_commune, writer)
    with pytest.raises(DomainError) as caught:
        photo_add(article=article, upload=upload(jpeg_with_gps(40, 30)), caption="x" * 301, by=writer)
    assert caught.value.field == "caption"
