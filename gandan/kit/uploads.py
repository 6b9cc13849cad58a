"""The one check every uploaded scan goes through, wherever it arrives (citizen forms, desk forms, services).

A file is accepted only if a real parser opens the WHOLE of it: pypdf for PDF, Pillow for JPEG and PNG. The name
and extension the browser sent never decide the type (a `huong-dan.html` that merely starts with `%PDF-1.4` is
refused); the stored name is random and its extension comes from the detected type; the original name is kept only
as data. Images are re-encoded from their pixels, which drops EXIF (GPS position, camera, owner) and anything hidden
after the image data. PDFs are kept byte for byte: they are evidence, and they are only ever served as downloads
with `nosniff` (`gandan.kit.downloads`)."""

import io
import unicodedata
import uuid
import warnings
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.generic import ArrayObject, NameObject, StreamObject

from gandan.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
# A 600 dpi A4 scan is 35 megapixels; a phone photo 12–50. Past this an image costs too much memory to decode
# (40 M pixels × 4 bytes = 160 MB in one worker), and a tiny PNG can claim billions of pixels (a decompression bomb).
MAX_PIXELS = 40_000_000
PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
# The file chooser's filter (`accept`): by extension for the phone's gallery and by type for desktop browsers.
SCAN_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}
# Extensions a person may already have given the file for each type: kept in the download name when they match.
_SAME_TYPE = {PDF: {".pdf"}, JPEG: {".jpg", ".jpeg", ".jpe"}, PNG: {".png"}}
MAX_NAME = 255
# What a PDF's page content may expand to, all pages together. A scan's pages are images (their streams are not
# page content); text pages are a few kB each. A 20 kB file whose pages each inflate to 74 MB took a worker to 3 GB
# when pypdf decoded them (and a viewer would do the same on the officer's computer).
MAX_PDF_CONTENT_BYTES = 64 * 1024 * 1024
MAX_PDF_PAGES = 2_000

TOO_LARGE = _("The file is larger than 10 MB. Scan at a lower resolution, or send it in parts.")
NOT_A_SCAN = _(
    "This file is not a real PDF, JPG or PNG, or it is damaged and cannot be opened (its name does not count, "
    "only its content). Scan or save the paper again as PDF, JPG or PNG and send that file."
)
PDF_BOMB = _(
    "This PDF expands to far more than its size (it may be built to overload computers). Scan or print the paper "
    "to PDF again and send that file."
)
ENCRYPTED = _(
    "This PDF is locked with a password. Save or print a copy without the password, then send that copy."
)
TOO_MANY_PIXELS = _(
    "The image is too large (%(pixels)s million pixels); take it again at a lower resolution, at most %(max)s "
    "million pixels."
)
MORE_THAN = _("more than %(n)s")


def _too_many_pixels(pixels, *, at_least: bool = False) -> str:
    # Interpolated when shown, so the message follows the reader's language.
    def text() -> str:
        shown = MORE_THAN % {"n": pixels} if at_least else pixels
        return TOO_MANY_PIXELS % {"pixels": shown, "max": MAX_PIXELS // 1_000_000}

    return lazy(text, str)()


class UploadRefused(ValueError):
    """The file is not accepted; `message` says in Vietnamese what to do instead."""

    def __init__(self, code: str, message) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message


@dataclass(frozen=True)
class CheckedUpload:
    """A file that passed `upload_check`: the bytes to store, their detected type, and the name the sender gave."""

    content: bytes
    content_type: str
    extension: str
    original_name: str

    @property
    def size(self) -> int:
        return len(self.content)

    def as_file(self) -> ContentFile:
        """The content ready for a `FileField`; the field's `RandomName` chooses the stored name."""
        return ContentFile(self.content, name=f"upload{self.extension}")


def clean_original_name(name: str, *, extension: str = "") -> str:
    """The sender's file name as data: NFC, no folders, no control characters, at most 255 characters."""
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().strip(".")
    if not name:
        return f"tep{extension}"
    if len(name) > MAX_NAME:
        suffix = PurePosixPath(name).suffix
        suffix = suffix if len(suffix) <= 16 else ""
        name = name[: MAX_NAME - len(suffix)] + suffix
    return name


def download_name(original_name: str, content_type: str) -> str:
    """The name a download is saved under: the sender's name, with the extension of the real type
    (`huong-dan.html` holding a PDF downloads as `huong-dan.pdf`)."""
    extension = EXTENSIONS.get(content_type, "")
    path = PurePosixPath(clean_original_name(original_name, extension=extension))
    if not extension or path.suffix.lower() in _SAME_TYPE[content_type]:
        return path.name
    return f"{path.stem or 'tep'}{extension}"[-MAX_NAME:]


def _check_pdf(content: bytes) -> None:
    try:
        reader = PdfReader(io.BytesIO(content))
        encrypted = reader.is_encrypted
        if not encrypted:
            pages = reader.pages
            if len(pages) == 0:
                raise UploadRefused("not_a_scan", NOT_A_SCAN)
            if len(pages) > MAX_PDF_PAGES:
                raise UploadRefused("not_a_scan", NOT_A_SCAN)
            budget = MAX_PDF_CONTENT_BYTES
            for page in pages:  # every page parsed; its content measured while inflating, never kept whole
                _ = page.mediabox
                budget = _measure_contents(page.get("/Contents"), budget)
    except UploadRefused:
        raise
    except Exception as error:  # any failure of the parser on hostile input is a refusal, never a 500
        raise UploadRefused("not_a_scan", NOT_A_SCAN) from error
    if encrypted:
        raise UploadRefused("pdf_encrypted", ENCRYPTED)


def _measure_contents(contents, budget: int) -> int:
    """What is left of `budget` after a page's content streams, inflated chunk by chunk and thrown away. A stream
    compressed twice over (no scanner or printer writes that) is a bomb; other filters count by their raw size."""
    contents = contents.get_object() if contents is not None else None
    streams = contents if isinstance(contents, ArrayObject) else [contents] if contents is not None else []
    for item in streams:
        stream = item.get_object()
        if not isinstance(stream, StreamObject):
            raise UploadRefused("not_a_scan", NOT_A_SCAN)
        raw = stream.get("/Filter")
        raw = raw.get_object() if raw is not None else None
        filters = list(raw) if isinstance(raw, ArrayObject) else [] if raw is None else [raw]
        flate = sum(1 for f in filters if f in (NameObject("/FlateDecode"), NameObject("/Fl")))
        if flate > 1:
            raise UploadRefused("pdf_bomb", PDF_BOMB)
        data = stream._data  # the stored bytes (pypdf has no public name for them; get_data() would inflate)
        budget -= _inflated_size(data, budget) if flate else len(data)
        if budget < 0:
            raise UploadRefused("pdf_bomb", PDF_BOMB)
    return budget


def _inflated_size(data: bytes, budget: int) -> int:
    inflater = zlib.decompressobj()
    size, rest = 0, data
    while rest and size <= budget:
        size += len(inflater.decompress(rest, 1 << 20))
        rest = inflater.unconsumed_tail
    return size


def _reencode_image(content: bytes) -> tuple[bytes, str]:
    try:
        with warnings.catch_warnings():
            # Pillow warns past MAX_IMAGE_PIXELS and raises past twice that; both are refusals here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(content), formats=["JPEG", "PNG"])
            if image.width * image.height > MAX_PIXELS:
                raise UploadRefused(
                    "too_many_pixels", _too_many_pixels(round(image.width * image.height / 1e6))
                )
            kind = PNG if image.format == "PNG" else JPEG  # MPO (a phone's multi-picture JPEG) is a JPEG
            image.load()  # decodes every byte of the image data: a truncated or forged file fails here
            image = ImageOps.exif_transpose(image)  # keep phone photos upright once the EXIF is gone
            out = io.BytesIO()
            if kind == JPEG:
                image = image.convert("L" if image.mode in {"L", "1"} else "RGB")
                image.info = {}  # no EXIF, no comment, no ICC profile carried into the copy
                image.save(out, format="JPEG", quality=90)
            else:
                if image.mode not in {"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"}:
                    image = image.convert("RGBA")
                transparency = image.info.get("transparency")
                image.info = {}  # no text chunks, no ICC profile, no EXIF carried into the copy
                extra = {} if transparency is None else {"transparency": transparency}
                image.save(out, format="PNG", **extra)
    except UploadRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise UploadRefused(
            "too_many_pixels", _too_many_pixels(2 * (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000, at_least=True)
        ) from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError, MemoryError) as error:
        raise UploadRefused("not_a_scan", NOT_A_SCAN) from error
    return out.getvalue(), kind


def upload_check(upload) -> CheckedUpload:
    """Accept `upload` (a Django `UploadedFile` or any file with `.name`, `.size` and `.read()`) only if it is a
    whole PDF, JPEG or PNG of at most 10 MB; raise `UploadRefused` otherwise."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise UploadRefused("too_large", TOO_LARGE)
    if hasattr(upload, "seek"):
        upload.seek(0)
    content = upload.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise UploadRefused("too_large", TOO_LARGE)
    # The first bytes only choose which parser to try; the parser must then accept the whole file.
    if content.lstrip(b"\0\t\r\n ")[:5] == b"%PDF-":
        _check_pdf(content)
        kind = PDF
    elif content[:3] == b"\xff\xd8\xff" or content[:8] == b"\x89PNG\r\n\x1a\n":
        content, kind = _reencode_image(content)
    else:
        raise UploadRefused("not_a_scan", NOT_A_SCAN)
    extension = EXTENSIONS[kind]
    return CheckedUpload(
        content=content,
        content_type=kind,
        extension=extension,
        original_name=clean_original_name(getattr(upload, "name", ""), extension=extension),
    )


def upload_checked(upload, *, field: str = "attachments") -> CheckedUpload:
    """For services: an already checked upload passes through; anything else is checked now, a refusal becoming a
    `DomainError` on `field`. No file reaches storage without this check."""
    if isinstance(upload, CheckedUpload):
        return upload
    try:
        return upload_check(upload)
    except UploadRefused as refused:
        raise DomainError(f"attachment_{refused.code}", refused.message, field=field) from refused


class ScanField(forms.FileField):
    """A form field for one scanned paper or photo: its cleaned value is a `CheckedUpload` (or None)."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return None
        try:
            return upload_check(upload)
        except UploadRefused as refused:
            raise forms.ValidationError(refused.message, code=refused.code) from refused


@deconstructible
class RandomName:
    """`upload_to` for stored files: `<folder>/<year>/<month>/<random hex><extension of the detected type>`.
    The sender's name never reaches the disk, so a URL cannot be guessed from it and it cannot choose the type."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        extension = EXTENSIONS.get(getattr(instance, "content_type", ""), "")
        return f"{self.folder}/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)
