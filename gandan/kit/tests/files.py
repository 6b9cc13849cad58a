"""Real files for upload tests, made on the spot: PDFs with pypdf, images with Pillow, and the hostile ones."""

import io
import struct
import zlib

from PIL import Image
from pypdf import PdfWriter

# What the probe stored and served as text/html: a PDF header, then a script.
FAKE_PDF_HTML = (
    b"%PDF-1.4\n<html><body><script>fetch('/staff/petitions/').then(r => r.text())</script></body></html>\n"
)


def pdf_bytes(*, pages: int = 1, padding: int = 0, password: str = "") -> bytes:
    """A real PDF of blank A4 pages; `padding` bytes of embedded data make it as large as a test needs."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if padding:
        writer.add_attachment("padding.bin", b"\0" * padding)
    if password:
        writer.encrypt(password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_of_size(size: int) -> bytes:
    """A real PDF of exactly `size` bytes (the embedded data is stored uncompressed, so it grows byte for byte)."""
    padding = size - (len(pdf_bytes(padding=1)) - 1)
    for _attempt in range(4):  # the stream's /Length gains a digit now and then
        data = pdf_bytes(padding=padding)
        if len(data) == size:
            return data
        padding += size - len(data)
    raise AssertionError(f"no PDF of exactly {size} bytes")


def jpeg_bytes(*, size=(64, 48), gps: bool = False, colour=(200, 30, 30)) -> bytes:
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    if gps:
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x0110] = "PhoneModel X"  # Model
        gps_ifd = exif.get_ifd(0x8825)  # GPSInfo
        gps_ifd.update({1: "N", 2: (21.0, 17.0, 30.0), 3: "E", 4: (105.0, 25.0, 12.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), comment=b"taken at home")
    return out.getvalue()


def png_bytes(*, size=(40, 30), mode="RGB") -> bytes:
    image = Image.new(mode, size)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(side: int = 20_000) -> bytes:
    """A valid 1-bit PNG of side × side pixels (400 M for the default): about 50 kB on disk, gigabytes once decoded
    into an editable image."""
    packer = zlib.compressobj(9)
    row = b"\0" * (1 + (side + 7) // 8)  # filter byte + the row's bits
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def pdf_with_contents(*streams: tuple[bytes, list[str]]) -> bytes:
    """A real PDF with one page per (stored bytes, filters) content stream: the bombs of the probe, written small."""
    from pypdf.generic import ArrayObject, NameObject, StreamObject

    writer = PdfWriter()
    for data, filters in streams:
        page = writer.add_blank_page(595, 842)
        stream = StreamObject()
        stream.set_data(data)
        if filters:
            stream[NameObject("/Filter")] = ArrayObject(NameObject(f) for f in filters)
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
