"""Serving a stored upload to a request the calling view has ALREADY authorised (scope, grant).

Nothing under MEDIA_ROOT is reachable by URL: the only way to a file is a view that checks who asks, audits the
read and then calls `serve_stored_file`. The answer is always a download (`Content-Disposition: attachment`) with
the detected type, `nosniff` and no caching, so even a hostile file is never rendered by the browser as a page.

`GANDAN_FILE_SERVING` chooses who sends the bytes:
- `django` (default): Django streams the file (`FileResponse`, read in blocks, never whole into memory);
- `x-accel-redirect`: nginx sends it; the response only names `GANDAN_FILE_INTERNAL_PREFIX` + the stored name, a
  location nginx marks `internal`. nginx keeps only Content-Type, Content-Disposition and Cache-Control of this
  response, so that location must add the other headers itself:
      location /_protected/ { internal; alias /var/lib/gandan/media/;
          add_header X-Content-Type-Options nosniff always;
          add_header Content-Security-Policy "default-src 'none'; sandbox" always; }
- `x-sendfile`: Apache's mod_xsendfile (or lighttpd) sends the absolute path given in `X-Sendfile`.
A worker is then free at once, even for a 10 MB scan to a slow phone."""

import io
import logging
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.http import content_disposition_header

from gandan.kit.uploads import EXTENSIONS, PDF, download_name

logger = logging.getLogger(__name__)
MODES = ("django", "x-accel-redirect", "x-sendfile")
# Even if a browser ignored the attachment disposition, the file could run nothing and load nothing.
FILE_CSP = "default-src 'none'; sandbox"
INLINE_PDF_CSP = "default-src 'none'; object-src 'self'; frame-ancestors 'self'"


R = TypeVar("R", bound=HttpResponseBase)


def _secure(response: R, *, inline: bool = False) -> R:
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # Chromium's PDF viewer does not open a PDF under `sandbox`; a PDF shown inline gets a policy that still loads
    # and runs nothing of the document's own (the viewer is the browser's, and PDF scripts are not page scripts).
    response["Content-Security-Policy"] = INLINE_PDF_CSP if inline else FILE_CSP
    return response


def _no_store(response: R) -> R:
    response["Cache-Control"] = "private, no-store"
    return response


def generated_file(data: bytes, *, filename: str, content_type: str, inline: bool = False) -> FileResponse:
    """A document the site has just made (a form's PDF, a register's .xlsx, a CSV template) as a download, or shown
    in the browser with `inline` (a PDF to print). Django writes Content-Disposition itself, quoting and encoding
    the name (a code with a space or a Vietnamese name is never a broken header); personal data, so never cached."""
    response = FileResponse(
        io.BytesIO(data), as_attachment=not inline, filename=filename, content_type=content_type
    )
    return _no_store(response)


def file_missing(request) -> HttpResponse:
    """The record exists but its file is gone from the disk (a restore without media, a manual delete): a clear
    page, never a 500."""
    return _no_store(render(request, "file_missing.html", status=404))


def serve_stored_file(
    request,
    file,
    *,
    original_name: str,
    content_type: str,
    audit: Callable[[], object] | None = None,
    inline: bool = False,
) -> HttpResponseBase:
    """Send the stored `file` (a `FieldFile`) as a download named after `original_name`, with the real extension.
    `audit` runs only once the file is known to be there, just before the bytes go out. With `inline`, a file whose
    type was detected at upload (PDF, JPEG, PNG: never HTML) opens in the browser's own viewer, under the same
    nosniff and sandboxing headers; anything else is still a download."""
    mode = settings.GANDAN_FILE_SERVING
    if mode not in MODES:
        raise ImproperlyConfigured(f"GANDAN_FILE_SERVING must be one of {', '.join(MODES)}, not {mode!r}")
    # Anything not detected at upload (a row from before the check) is offered as opaque bytes, never as a page.
    content_type = content_type if content_type in EXTENSIONS else "application/octet-stream"
    attachment = not (inline and content_type in EXTENSIONS)
    filename = download_name(original_name, content_type) if content_type in EXTENSIONS else original_name
    storage, name = file.storage, file.name
    if not name or not storage.exists(name):
        logger.warning("stored file missing: %s", name)
        return file_missing(request)
    if mode == "django":
        try:
            handle = storage.open(name, "rb")
        except FileNotFoundError:
            logger.warning("stored file missing: %s", name)
            return file_missing(request)
        if audit is not None:
            audit()
        response: HttpResponseBase = FileResponse(
            handle, as_attachment=attachment, filename=filename, content_type=content_type
        )
        return _secure(response, inline=not attachment and content_type == PDF)
    if audit is not None:
        audit()
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename) or "attachment"
    if mode == "x-accel-redirect":
        prefix = settings.GANDAN_FILE_INTERNAL_PREFIX.rstrip("/") + "/"
        response["X-Accel-Redirect"] = prefix + quote(name)
    else:
        response["X-Sendfile"] = storage.path(name)
    return _secure(response, inline=not attachment and content_type == PDF)
