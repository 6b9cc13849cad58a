"""The national exports over the API (docs/exports.md): /api/v1/exports/dossiers, /petitions and /reception, each a
page of records changed after a cursor, in the national shapes, scoped to the caller's units.

Authentication is declared once, in AUTH below: the staff session, or an integrator's key with the `exports` scope
(docs/apikeys.md), which exports its own unit's subtree (the whole installation for a key without a unit).
Who may export is the permission `exports.national` (accounts.rules). Errors are the API's JSON (gandan/api.py):
a forged, cut or foreign cursor and an impossible date answer 400, a limit out of 1–500 answers 422."""

from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema
from ninja.security import django_auth
from pydantic import Field

from gandan.accounts.rules import Perm
from gandan.apikeys.auth import ApiKeyAuth
from gandan.exports.cursor import cursor_make, cursor_start
from gandan.exports.selectors import LIMIT_DEFAULT, LIMIT_MAX, paths_for_user
from gandan.exports.services import national_export

AUTH: list[Any] = [django_auth, ApiKeyAuth("exports")]  # the one place
router = Router(tags=["exports"], auth=AUTH)


class ExportIn(Schema):
    since_cursor: str = Field(
        "", max_length=400, description="next_cursor of the previous answer; empty: from the beginning"
    )
    changed_since: str = Field(
        "", max_length=20, description="First call only: records changed on or after this day (yyyy-mm-dd)"
    )
    limit: int = Field(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX, description="Records per page (1–500)")


class ExportOut(Schema):
    kind: str = Field(description="dossiers, petitions or reception")
    count: int = Field(description="Records in this page")
    items: list[dict[str, Any]] = Field(description="The records in the national shape (docs/exports.md)")
    next_cursor: str = Field(
        description="Send it as since_cursor next time (keep it even when items is empty)"
    )
    has_more: bool = Field(description="More records are waiting: call again at once with next_cursor")


def _export(request, kind: str, params: ExportIn) -> dict[str, Any]:
    if not request.user.can(Perm.EXPORTS_NATIONAL):
        raise PermissionDenied
    after = cursor_start(kind, since_cursor=params.since_cursor, changed_since=params.changed_since)
    key = getattr(request, "api_key", None)  # set by ApiKeyAuth: request.user is then the key's Reader
    page = national_export(
        kind=kind,
        by=None if key else request.user,
        paths=paths_for_user(request.user),
        after=after,
        limit=params.limit,
        unit=key.unit if key else None,
        key_prefix=key.prefix if key else "",
    )
    return {
        "kind": kind,
        "count": len(page.items),
        "items": page.items,
        "next_cursor": cursor_make(kind, page.last),
        "has_more": page.has_more,
    }


@router.get("/dossiers", response=ExportOut, summary="Dossiers in the DVCQG shape, changed since a cursor")
def export_dossiers(request, params: Query[ExportIn]):
    """Status and channel codes of DVCQG, receipt, appointment, end-of-processing and supplement times, result link and
    payment flag. No applicant's personal data."""
    return _export(request, "dossiers", params)


@router.get(
    "/petitions", response=ExportOut, summary="Petitions in the national KNTC shape, changed since a cursor"
)
def export_petitions(request, params: Query[ExportIn]):
    """Kind, source, status, dates and summary. Never a denunciator's identity, nor the sender of anonymous
    information; no ID numbers, phones or full texts."""
    return _export(request, "petitions", params)


@router.get(
    "/reception",
    response=ExportOut,
    summary="Reception-book lines (Form 03/TCD) in the KNTC shape, since a cursor",
)
def export_reception(request, params: Query[ExportIn]):
    """One line of the reception book each. A denunciator's line carries no name or address; no ID numbers."""
    return _export(request, "reception", params)
