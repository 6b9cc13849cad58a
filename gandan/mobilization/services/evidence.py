"""The evidence of a "dân vận khéo" model: photos of what it did and documents (a decision, minutes, a report), at
most `MAX_EVIDENCE` per model. Every file goes through the one upload check (gandan.kit.uploads): a real JPEG, PNG
or PDF by its content whatever its name, at most 10 MB, images re-encoded without their EXIF (a phone's GPS
position). The photos of a recognised model are shown on the public showcase; documents never are. A wrong file is
removed with a reason (`evidence_remove`): its row at once, its stored file once the removal is committed."""

from django.db import transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.mobilization import models_rules as rules
from gandan.core.vntext import normalize
from gandan.errors import Conflict, DomainError, too_long
from gandan.kit.uploads import upload_checked
from gandan.mobilization.models import Evidence, Initiative
from gandan.mobilization.services.initiatives import MANAGE, check_in_scope, lock, require

MAX_EVIDENCE = 20
REASON_LENGTH = 2000


@transaction.atomic
def evidence_add(*, initiative: Initiative, upload: object, caption: str = "", by: User) -> Evidence:
    """Attach one photo or document to a model that is not withdrawn. `upload` is a Django `UploadedFile` (or an
    already checked upload)."""
    require(by, MANAGE)
    check_in_scope(by, initiative)
    initiative = lock(initiative)
    if initiative.status == rules.Status.WITHDRAWN:
        raise Conflict("initiative_withdrawn", _("This model was withdrawn: no evidence can be added."))
    if initiative.evidence.count() >= MAX_EVIDENCE:
        raise Conflict(
            "evidence_full",
            _("A model has at most %(n)s photos and documents. Keep the most telling ones.")
            % {"n": MAX_EVIDENCE},
        )
    caption = normalize(caption or "")
    if problem := too_long(caption, max_length=300):
        raise DomainError("caption_too_long", problem, field="caption")
    if upload is None:
        raise DomainError(
            "upload_required", _("Choose a photo (JPG, PNG) or a PDF document."), field="upload"
        )
    checked = upload_checked(upload, field="upload")
    evidence = Evidence.objects.create(
        initiative=initiative,
        file=checked.as_file(),
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        caption=caption,
        uploaded_by=by,
    )
    event_record(
        actor=by,
        action="mobilization.evidence_add",
        obj=initiative,
        unit=initiative.unit,
        details={"file": evidence.original_name, "kind": evidence.content_type},
    )
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, reason: str, by: User) -> None:
    """Remove a wrong photo or document from a model of the officer's units, saying why: it leaves the staff gallery
    and the public showcase, its addresses answer 404, and the stored file is deleted after the commit (a rollback
    keeps it). The model's timeline keeps the file's name and the reason."""
    require(by, MANAGE)
    initiative = evidence.initiative
    check_in_scope(by, initiative)
    initiative = lock(initiative)
    reason = normalize(reason or "", multiline=True)
    if not reason:
        raise DomainError("reason_required", _("Say why this photo or document is removed."), field="reason")
    if problem := too_long(reason, max_length=REASON_LENGTH):
        raise DomainError("reason_too_long", problem, field="reason")
    found = Evidence.objects.select_for_update().filter(pk=evidence.pk, initiative=initiative).first()
    if found is None:
        raise Conflict("evidence_gone", _("This photo or document was already removed."))
    stored, storage = found.file.name, found.file.storage
    details = {"file": found.original_name, "kind": found.content_type, "reason": reason[:500]}
    found.delete()
    event_record(
        actor=by, action="mobilization.evidence_remove", obj=initiative, unit=initiative.unit, details=details
    )
    if stored:
        transaction.on_commit(lambda: storage.delete(stored), robust=True)
