"""What the public sees of a report: keeping it off the public list (abusive words, a person's data) and back, and
the officer's own photo of the fix."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.vntext import normalize
from gandan.errors import Conflict, DomainError
from gandan.fieldreports.models import FieldReport, Photo, Update
from gandan.fieldreports.services.handling import clean_note, lock, require_handle
from gandan.fieldreports.services.intake import PHOTO_TYPES
from gandan.fieldreports.services.photos import photo_store, photos_removed_on_failure
from gandan.kit.uploads import upload_checked

REASON_MIN = 5
REASON_MAX = 500
OFFICER_PHOTOS_MAX = 10  # the officers' photos of one report (before, during, after the fix)


def _reason(reason: str) -> str:
    text = normalize(reason or "")
    if len(text) < REASON_MIN:
        raise DomainError(
            "reason_required", _("Say why, in a short sentence kept in the audit trail."), field="reason"
        )
    if len(text) > REASON_MAX:
        raise DomainError(
            "reason_too_long",
            _("Keep the reason under %(n)s characters.") % {"n": REASON_MAX},
            field="reason",
        )
    return text


@transaction.atomic
def report_hide(*, report: FieldReport, reason: str, by: User) -> FieldReport:
    """Keep the report off the public list and page (the reporter and the officers still follow it)."""
    require_handle(by, report)
    text = _reason(reason)
    report = lock(report)
    if report.hidden:
        raise Conflict("already_hidden", _("This report is already kept off the public list."))
    report.hidden = True
    report.save(update_fields=["hidden"])
    event_record(
        actor=by,
        action="fieldreports.hide",
        obj=report,
        unit=report.unit,
        details={"code": report.code, "reason": text},
    )
    return report


@transaction.atomic
def report_show(*, report: FieldReport, reason: str, by: User) -> FieldReport:
    """Put a hidden report back on the public list."""
    require_handle(by, report)
    text = _reason(reason)
    report = lock(report)
    if not report.hidden:
        raise Conflict("not_hidden", _("This report is already on the public list."))
    report.hidden = False
    report.save(update_fields=["hidden"])
    event_record(
        actor=by,
        action="fieldreports.show",
        obj=report,
        unit=report.unit,
        details={"code": report.code, "reason": text},
    )
    return report


def report_photo_add(*, report: FieldReport, photo: Any, note: str = "", by: User) -> Photo:
    """The officer's photo of the place (typically of the fix), with an optional public note: a JPEG or PNG image,
    checked and re-encoded by gandan.kit.uploads (no EXIF reaches the disk) before the one write transaction; if
    that transaction fails, the stored file is removed with it."""
    require_handle(by, report)
    text = clean_note(note, action="")
    checked = upload_checked(photo, field="photo")
    if checked.content_type not in PHOTO_TYPES:
        raise DomainError("photo_type", _("Send photos as JPEG or PNG images."), field="photo")
    with photos_removed_on_failure() as written, transaction.atomic():
        report = lock(report)
        if report.photos.filter(by_officer=True).count() >= OFFICER_PHOTOS_MAX:
            raise DomainError(
                "too_many_photos", _("This report already holds as many photos as it may."), field="photo"
            )
        now = timezone.now()
        update = Update.objects.create(
            report=report, status=report.status, action="", note=text, by=by, at=now
        )
        stored = photo_store(Photo(report=report, by_officer=True, update=update), checked, written=written)
        report.updated_at = now
        report.save(update_fields=["updated_at"])
        event_record(
            actor=by,
            action="fieldreports.photo_add",
            obj=report,
            unit=report.unit,
            details={"code": report.code, "photo": str(stored.pk)},
        )
    return stored


@transaction.atomic
def report_photo_publish(*, photo: Photo, public: bool, by: User) -> Photo:
    """Withhold a photo from the public (a face, a number plate, a house number) or show it again; the officers
    still see it. Audited."""
    report = photo.report
    require_handle(by, report)
    photo = Photo.objects.select_for_update().get(pk=photo.pk)
    if photo.public == public:
        raise Conflict(
            "photo_unchanged",
            _("This photo is already shown to the public.")
            if public
            else _("This photo is already withheld."),
        )
    photo.public = public
    photo.save(update_fields=["public"])
    event_record(
        actor=by,
        action="fieldreports.photo_show" if public else "fieldreports.photo_withhold",
        obj=report,
        unit=report.unit,
        details={"code": report.code, "photo": photo.pk},
    )
    return photo
