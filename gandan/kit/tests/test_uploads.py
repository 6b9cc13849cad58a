"""The one upload check and the one way out for stored files: what an attacker sends is refused or neutralised,
what a citizen sends is kept, and nothing under MEDIA_ROOT is reachable by URL."""

import importlib
import io
import re

import pytest
from django import forms
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory, override_settings
from django.urls import Resolver404, clear_url_caches, resolve
from django.utils.translation import gettext, override
from PIL import Image, PngImagePlugin

from gandan.errors import DomainError
from gandan.kit import downloads, uploads
from gandan.kit.tests.files import (
    FAKE_PDF_HTML,
    jpeg_bytes,
    pdf_bytes,
    pdf_of_size,
    pdf_with_contents,
    png_bomb,
)
from gandan.kit.uploads import (
    JPEG,
    PDF,
    PNG,
    CheckedUpload,
    RandomName,
    ScanField,
    UploadRefused,
    clean_original_name,
    download_name,
    upload_check,
    upload_checked,
)


def check(name: str, content: bytes) -> CheckedUpload:
    return upload_check(SimpleUploadedFile(name, content, content_type="text/html"))


def refusal(name: str, content: bytes) -> str:
    with pytest.raises(UploadRefused) as refused:
        check(name, content)
    return refused.value.code


# --- What is accepted, and as what --------------------------------------------------------------------------------


def test_a_pdf_header_followed_by_a_script_is_refused():
    assert refusal("huong-dan.html", FAKE_PDF_HTML) == "not_a_scan"
    assert refusal("huong-dan.pdf", FAKE_PDF_HTML) == "not_a_scan"  # a good name does not help either


def test_a_pdf_whose_pages_inflate_far_beyond_its_size_is_refused_without_being_inflated(monkeypatch):
    """The probe's bomb: 500-byte pages that inflate to 74 MB each (a worker reached 3 GB). Twice-compressed content
    is refused on sight; once-compressed content is measured chunk by chunk against a budget, never kept whole."""
    import zlib

    from pypdf.generic import StreamObject

    def never(*_args, **_kwargs):
        raise AssertionError("the check must not inflate a whole stream")

    monkeypatch.setattr(StreamObject, "get_data", never)
    blank = b"0 0 0 rg\n" * 1_000_000
    twice = zlib.compress(zlib.compress(b" " * 10_000_000, 9), 9)
    big = zlib.compress(b" " * (uploads.MAX_PDF_CONTENT_BYTES // 2 + 1), 9)

    assert refusal("don.pdf", pdf_with_contents((twice, ["/FlateDecode", "/FlateDecode"]))) == "pdf_bomb"
    assert (
        refusal("don.pdf", pdf_with_contents((big, ["/FlateDecode"]), (big, ["/FlateDecode"]))) == "pdf_bomb"
    )
    text = zlib.compress(blank[:200_000])
    assert check("don.pdf", pdf_with_contents((text, ["/FlateDecode"]), (b"0 g", []))).content_type == PDF


def test_a_real_pdf_named_html_is_a_pdf_kept_byte_for_byte():
    content = pdf_bytes(pages=3)

    scan = check("x.html", content)

    assert (scan.content_type, scan.extension, scan.content, scan.size) == (
        PDF,
        ".pdf",
        content,
        len(content),
    )
    assert scan.original_name == "x.html"  # kept as data
    assert download_name(scan.original_name, scan.content_type) == "x.pdf"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("giay-to.pdf", b"Hello, this is not a PDF"),
        ("setup.exe", b"MZ\x90\x00" + b"\0" * 60),
        ("trang.html", b"<!doctype html><script>alert(1)</script>"),
        ("anh.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 64),  # a JPEG's first bytes and nothing of a picture
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
        ("anh.jpg", jpeg_bytes()[:300]),  # a real photo cut short
        ("trang.pdf", pdf_bytes()[:200]),  # a real PDF cut short
        ("rong.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),  # no pages at all
        ("trong.pdf", b""),
    ],
    ids=[
        "text",
        "program",
        "html",
        "jpeg-header",
        "png-header",
        "truncated-jpeg",
        "truncated-pdf",
        "no-pages",
        "empty",
    ],
)
def test_anything_that_is_not_a_whole_pdf_jpeg_or_png_is_refused(name, content):
    assert refusal(name, content) == "not_a_scan"


@pytest.mark.parametrize("image_format", ["GIF", "WEBP", "BMP", "TIFF"])
def test_other_image_formats_are_refused(image_format):
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format=image_format)

    assert refusal(f"anh.{image_format.lower()}", out.getvalue()) == "not_a_scan"


def test_an_encrypted_pdf_is_refused_with_a_message_to_remove_the_password():
    with pytest.raises(UploadRefused) as refused:
        check("don.pdf", pdf_bytes(password="1234"))

    assert refused.value.code == "pdf_encrypted"
    with override("vi"):
        assert "mật khẩu" in str(refused.value.message)


def test_the_size_limit_is_10_mb_exactly():
    assert check("scan.pdf", pdf_of_size(10 * 1024 * 1024)).size == 10 * 1024 * 1024
    assert refusal("scan.pdf", pdf_of_size(10 * 1024 * 1024 + 1)) == "too_large"


# --- Images are re-encoded -----------------------------------------------------------------------------------------


def test_a_jpeg_with_gps_comes_back_without_exif():
    original = jpeg_bytes(gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test photo does carry a position

    scan = check("anh-chup.jpeg", original)

    image = Image.open(io.BytesIO(scan.content))
    assert (scan.content_type, scan.extension, image.format, image.size) == (JPEG, ".jpg", "JPEG", (64, 48))
    assert not image.getexif() and "exif" not in image.info and "comment" not in image.info
    assert (
        b"Exif" not in scan.content
        and b"PhoneModel" not in scan.content
        and b"taken at home" not in scan.content
    )
    assert download_name(scan.original_name, scan.content_type) == "anh-chup.jpeg"  # a matching name is kept


def test_a_png_is_re_encoded_without_its_text_chunks():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Nguyễn Văn Tố Cáo")
    out = io.BytesIO()
    Image.new("RGBA", (20, 10), (10, 20, 30, 128)).save(out, format="PNG", pnginfo=info)

    scan = check("anh.png", out.getvalue() + b"<script>alert(1)</script>")  # and something after the image

    image = Image.open(io.BytesIO(scan.content))
    assert (scan.content_type, scan.extension, image.mode, image.size) == (PNG, ".png", "RGBA", (20, 10))
    assert image.getpixel((0, 0)) == (10, 20, 30, 128)
    assert "Author" not in image.info and b"Author" not in scan.content and b"<script>" not in scan.content


def test_a_png_decompression_bomb_is_refused_cleanly():
    bomb = png_bomb()  # 400 million pixels in 48 kB
    assert len(bomb) < 100_000

    with pytest.raises(UploadRefused) as refused:
        check("bom.png", bomb)

    assert refused.value.code == "too_many_pixels"
    with override("vi"):  # plain Vietnamese, no "> 178 megapixel"
        assert str(refused.value.message) == (
            "Ảnh quá lớn (hơn 178 triệu điểm ảnh); hãy chụp lại với độ phân giải thấp hơn, tối đa 40 triệu điểm ảnh."
        )


def test_an_image_over_our_own_pixel_limit_is_refused_before_it_is_decoded():
    """Below Pillow's own bomb threshold (89 M pixels) but above ours: still refused, with the numbers."""
    with pytest.raises(UploadRefused) as refused:
        check("to.png", png_bomb(side=7_000))  # 49 M pixels

    assert refused.value.code == "too_many_pixels"
    with override("en"):
        assert "49 million pixels" in str(refused.value.message) and "at most 40 million" in str(
            refused.value.message
        )


# --- Names ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\Hoa\\Đơn tố cáo.pdf", "Đơn tố cáo.pdf"),
        ("Đo\u0302\u0300n.pdf", "Đồn.pdf"),  # decomposed marks become NFC
        ("don\x00\r\n.pdf", "don.pdf"),
        ("", "tep.pdf"),
        ("a" * 300 + ".pdf", "a" * 251 + ".pdf"),
    ],
)
def test_the_original_name_is_kept_as_clean_data(given, kept):
    assert clean_original_name(given, extension=".pdf") == kept


def test_stored_names_are_random_and_take_the_detected_extension():
    class Row:
        content_type = PDF

    names = {RandomName("dossiers")(Row(), "Đơn của bà Hoa.html") for _ in range(20)}

    assert len(names) == 20
    for name in names:
        assert re.fullmatch(r"dossiers/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", name), name


# --- Forms and services use the same check ---------------------------------------------------------------------------


def test_the_form_field_gives_the_reason_in_vietnamese():
    class Form(forms.Form):
        attachment = ScanField(required=False)

    with override("vi"):
        form = Form(files={"attachment": SimpleUploadedFile("huong-dan.html", FAKE_PDF_HTML)})
        assert not form.is_valid()
        assert form.errors["attachment"][0].startswith("Tệp không phải PDF, JPG hay PNG thật")
        assert form.errors["attachment"][0] == gettext(uploads.NOT_A_SCAN)
    good = Form(files={"attachment": SimpleUploadedFile("don.pdf", pdf_bytes())})
    assert good.is_valid() and isinstance(good.cleaned_data["attachment"], CheckedUpload)


def test_a_service_given_a_raw_file_checks_it_too():
    with pytest.raises(DomainError) as refused:
        upload_checked(SimpleUploadedFile("huong-dan.html", FAKE_PDF_HTML), field="attachment")

    assert (refused.value.code, refused.value.field) == ("attachment_not_a_scan", "attachment")
    scan = check("don.pdf", pdf_bytes())
    assert upload_checked(scan) is scan


# --- Serving -------------------------------------------------------------------------------------------------------


class StoredFile:
    """What `serve_stored_file` needs of a `FieldFile`: its storage and stored name."""

    def __init__(self, storage, name: str) -> None:
        self.storage, self.name = storage, name


@pytest.fixture
def stored(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("petitions/2026/12/0123456789abcdef0123456789abcdef.pdf", io.BytesIO(pdf_bytes()))
    return StoredFile(storage, name)


def serve(stored_file, *, content_type=PDF, original_name="Đơn tố cáo.html", audit=None):
    request = RequestFactory().get("/staff/petitions/1/attachments/1/")
    return downloads.serve_stored_file(
        request, stored_file, original_name=original_name, content_type=content_type, audit=audit
    )


def test_a_stored_file_is_served_as_a_download_that_the_browser_cannot_sniff(stored):
    audited = []

    response = serve(stored, audit=lambda: audited.append(True))

    assert response.status_code == 200 and audited == [True]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%C4%90%C6%A1n%20t%E1%BB%91%20c%C3%A1o.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == stored.storage.open(stored.name).read()


def test_a_type_nobody_detected_is_served_as_opaque_bytes(stored):
    response = serve(stored, content_type="text/html", original_name="trang.html")

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


@override_settings(GANDAN_FILE_SERVING="x-accel-redirect", GANDAN_FILE_INTERNAL_PREFIX="/_protected")
def test_behind_nginx_the_file_is_named_for_an_internal_location(stored):
    response = serve(stored)

    assert (
        response["X-Accel-Redirect"] == "/_protected/petitions/2026/12/0123456789abcdef0123456789abcdef.pdf"
    )
    assert response.content == b""
    assert response["Content-Disposition"].startswith("attachment;")
    assert (response["X-Content-Type-Options"], response["Cache-Control"]) == ("nosniff", "private, no-store")


@override_settings(GANDAN_FILE_SERVING="x-sendfile")
def test_behind_apache_the_file_is_named_by_its_path(stored):
    response = serve(stored)

    assert response["X-Sendfile"] == stored.storage.path(stored.name)
    assert response.content == b""


@pytest.mark.django_db
@pytest.mark.parametrize("mode", downloads.MODES)
def test_a_file_missing_on_disk_answers_a_page_not_a_500(stored, mode, settings):
    settings.GANDAN_FILE_SERVING = mode
    stored.storage.delete(stored.name)
    audited = []

    with override("vi"):
        response = serve(stored, audit=lambda: audited.append(True))

    assert response.status_code == 404 and audited == []
    assert "Tệp không còn trên máy chủ" in response.content.decode()


# --- No public path ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False])
def test_media_urls_answer_404_with_debug_on_and_off(settings, tmp_path, debug):
    import gandan.urls

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "petitions" / "2026" / "12").mkdir(parents=True)
    (tmp_path / "petitions" / "2026" / "12" / "don-to-cao.pdf").write_bytes(pdf_bytes())
    try:
        with override_settings(DEBUG=debug):
            clear_url_caches()
            importlib.reload(gandan.urls)  # the URLconf as it is built in this mode
            with pytest.raises(Resolver404):
                resolve("/media/petitions/2026/12/don-to-cao.pdf")
            response = Client().get("/media/petitions/2026/12/don-to-cao.pdf")
            assert response.status_code == 404
            assert b"%PDF" not in response.content
    finally:
        clear_url_caches()
        importlib.reload(gandan.urls)
