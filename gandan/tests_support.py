"""Helpers for tests of every module."""

import io

from django.test import Client
from pypdf import PdfReader


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pdf_text(data: bytes) -> str:
    """The text of a PDF, page after page, as pypdf reads it back."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_flat(data: bytes) -> str:
    """The text with its lines joined: a long value may wrap at the margin."""
    return " ".join(pdf_text(data).split())


def pdf_a4(data: bytes) -> PdfReader:
    """The PDF, after checking its first page is A4 (210 × 297 mm)."""
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    return reader
