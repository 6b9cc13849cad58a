"""Open311 answers in both formats. JSON is the Spark-convention mapping of the XML: lists are arrays, elements are
keys. XML starts with its UTF-8 declaration and has no namespace; a list's items are named by `ITEM_TAGS`."""

import datetime as dt
import json
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.utils import timezone

XML_TYPE = "text/xml; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
FORMATS = ("xml", "json")

# A list's element → the name of each of its items.
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "service_request_updates": "request_update",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "photos": "photo",
    "notes": "note",
}


def when(value: dt.datetime | None) -> str | None:
    """W3C datetime in Vietnam's time, e.g. 2026-12-05T08:30:00+07:00."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    return escape(_xml_safe(str(value)))


def _xml_safe(text: str) -> str:
    """Only XML 1.0's characters (Char: tab, newline, return, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF): one
    report holding U+FFFE must not make the whole list unreadable to every client."""
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r"
        or 0x20 <= ord(ch) <= 0xD7FF
        or 0xE000 <= ord(ch) <= 0xFFFD
        or 0x10000 <= ord(ch) <= 0x10FFFF
    )


def _element(tag: str, value: Any, out: list[str]) -> None:
    if isinstance(value, dict):
        out.append(f"<{tag}>")
        for key, inner in value.items():
            _element(key, inner, out)
        out.append(f"</{tag}>")
    elif isinstance(value, list):
        out.append(f"<{tag}>")
        item = ITEM_TAGS.get(tag, "item")
        for inner in value:
            _element(item, inner, out)
        out.append(f"</{tag}>")
    else:
        out.append(f"<{tag}>{_scalar(value)}</{tag}>")


def xml_document(root: str, value: Any) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>']
    _element(root, value, out)
    return "".join(out)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return when(value)
    return str(value)


def answer(fmt: str, root: str, value: Any, *, status: int = 200) -> HttpResponse:
    """`value` (a list for the array answers, a dict for the definition and discovery) in `fmt`; `root` is the XML
    root element."""
    if fmt == "json":
        body = json.dumps(value, ensure_ascii=False, default=_json_default, separators=(",", ":"))
        return HttpResponse(body.encode(), content_type=JSON_TYPE, status=status)
    return HttpResponse(xml_document(root, value).encode(), content_type=XML_TYPE, status=status)


def error_answer(fmt: str, status: int, errors: list[tuple[str, str]]) -> HttpResponse:
    """The spec's error body: [{code, description}], XML <errors><error><code/><description/></error></errors>.
    HTTP 404 (no such resource), 403 (api_key), 429 (too many requests), 400 (anything else)."""
    body = [{"code": status, "description": description} for _name, description in errors]
    return answer(fmt if fmt in FORMATS else "xml", "errors", body, status=status)
