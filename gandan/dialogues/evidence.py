"""Sending a commitment's evidence file to a request the calling view has already authorised (the staff page: the
commitment is in the user's units; the public page: a done commitment of a dialogue shown on the portal). The file's
type was detected from its content when it was uploaded (gandan.kit.uploads) and is named by its stored extension."""

from pathlib import PurePosixPath

from django.http import Http404

from gandan.kit.downloads import serve_stored_file
from gandan.kit.uploads import EXTENSIONS

_TYPES = {extension: content_type for content_type, extension in EXTENSIONS.items()}


def evidence_content_type(name: str) -> str:
    return _TYPES.get(PurePosixPath(name).suffix.lower(), "application/octet-stream")


def evidence_response(request, commitment):
    if not commitment.evidence_file:
        raise Http404
    content_type = evidence_content_type(commitment.evidence_file.name)
    extension = PurePosixPath(commitment.evidence_file.name).suffix.lower()
    return serve_stored_file(
        request,
        commitment.evidence_file,
        original_name=f"minh-chung-cam-ket-{commitment.pk}{extension}",
        content_type=content_type,
        inline=content_type in EXTENSIONS,
    )
