"""Intake from every channel: record the petition(s), the petitioners or the protected identity, start the clock,
store the duplicate keys, index it for search and record the citizen's words as an opinion signal."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.accounts.selectors import officers_of
from gandan.core.citizen_id import citizen_id_problems, clean_citizen_id
from gandan.core.identifiers import clean_phone, is_phone
from gandan.core.redaction import redact as redact_identity
from gandan.core.vntext import normalize
from gandan.errors import DomainError, too_long
from gandan.kit.uploads import CheckedUpload, upload_checked
from gandan.notify.models import InboxKind
from gandan.notify.services import inbox_post
from gandan.opinion.services import protection_request, signal_record
from gandan.petitions import dupcheck, rules
from gandan.petitions.models import (
    Attachment,
    Channel,
    Clock,
    IdentityGrant,
    Kind,
    Petition,
    PetitionCounter,
    Petitioner,
    ProtectedIdentity,
    Status,
)
from gandan.petitions.search import PETITION, petition_text
from gandan.petitions.services.clocks import clock_start, sync_current_due
from gandan.petitions.services.common import local_today, record_step
from gandan.petitions.services.handling import petition_merge
from gandan.search.services import index_document
from gandan.units.models import COMMUNE_KINDS, Unit, UnitKind

MAX_PERSONS = 200


def redact_people(text: str, people: list[dict[str, Any]]) -> str:
    """`text` without any of `people`'s name, address, phone, e-mail or ID number (gandan.core.redaction)."""
    for person in people:
        text = redact_identity(text, person).text
    return text


def _next_code(unit: Unit, year: int) -> str:
    PetitionCounter.objects.get_or_create(unit=unit, year=year)
    PetitionCounter.objects.filter(unit=unit, year=year).update(last=F("last") + 1)
    seq = PetitionCounter.objects.values_list("last", flat=True).get(unit=unit, year=year)
    return f"DT-{unit.code}-{year % 100:02d}-{seq:05d}"


def clean_persons(persons: Sequence[dict[str, Any]], *, required: bool) -> list[dict[str, Any]]:
    """Normalise and check each petitioner; every problem is reported with its row, nothing is saved on error."""
    errors: dict[str, str] = {}
    cleaned = []
    if len(persons) > MAX_PERSONS:
        raise DomainError(
            "too_many_persons",
            _("At most %(n)s petitioners per petition.") % {"n": MAX_PERSONS},
            field="persons",
        )
    for i, raw in enumerate(persons):
        name = normalize(raw.get("name", ""))
        address = normalize(raw.get("address", ""))
        phone = clean_phone(raw.get("phone"))
        email = (raw.get("email") or "").strip()
        id_number = clean_citizen_id(raw.get("id_number", "") or "")
        if not any((name, address, phone, email, id_number)):
            continue
        prefix = f"persons.{i}."
        if not name:
            errors[prefix + "name"] = _("Person %(n)s: enter the full name.") % {"n": i + 1}
        elif problem := too_long(name, max_length=200):
            errors[prefix + "name"] = problem
        if not address:
            errors[prefix + "address"] = _("Person %(n)s: enter the address (village, commune).") % {
                "n": i + 1
            }
        elif problem := too_long(address, max_length=300):
            errors[prefix + "address"] = problem
        if phone and not is_phone(phone):
            errors[prefix + "phone"] = _(
                "Person %(n)s: a Vietnamese phone number has 10 digits and starts with 0, e.g. 0912345678."
            ) % {"n": i + 1}
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors[prefix + "email"] = _(
                    "Person %(n)s: enter a valid e-mail address or leave it empty."
                ) % {"n": i + 1}
        if id_number and citizen_id_problems(id_number):
            errors[prefix + "id_number"] = _(
                "Person %(n)s: a citizen ID number has exactly 12 digits, e.g. 025190012345."
            ) % {"n": i + 1}
        cleaned.append(
            {
                "name": name,
                "address": address,
                "phone": phone,
                "email": email,
                "id_number": id_number,
                "representative": bool(raw.get("representative")),
            }
        )
    if required and not cleaned and not errors:
        errors["persons.0.name"] = _("Enter at least one petitioner: full name and address.")
    if errors:
        raise DomainError(
            "petitioners_invalid", errors=errors
        )  # every field's problem, so forms and the API show them all
    return cleaned


def _clean_parts(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    errors: dict[str, str] = {}
    cleaned = []
    if not parts:
        errors["parts.0.content"] = _("Enter the content of the petition.")
    for i, part in enumerate(parts):
        kind = part.get("kind", "")
        subject = normalize(part.get("subject", ""))
        content = normalize(part.get("content", ""), multiline=True)
        if kind not in Kind.values:
            errors[f"parts.{i}.kind"] = _(
                "Choose the kind: complaint, denunciation, recommendation or reflection."
            )
        if not subject:
            errors[f"parts.{i}.subject"] = _(
                "Give a short subject, e.g. “Tranh chấp ranh giới đất ở thôn Đồng Thịnh”."
            )
        elif len(subject) > 300:
            errors[f"parts.{i}.subject"] = _("Keep the subject under 300 characters.")
        if not content:
            errors[f"parts.{i}.content"] = _("Enter the content of the petition.")
        cleaned.append({"kind": kind, "subject": subject, "content": content})
    if len(cleaned) > 1 and any(p["kind"] == Kind.ANONYMOUS for p in cleaned):
        errors["parts.0.kind"] = _(
            "Anonymous information is recorded on its own, not split with other kinds."
        )
    if errors:
        raise DomainError(
            "petition_invalid", errors=errors
        )  # every field's problem, so forms and the API show them all
    return cleaned


@transaction.atomic
def petition_receive(
    *,
    unit: Unit | None,
    channel: str,
    parts: list[dict[str, Any]],
    persons: Sequence[dict[str, Any]] = (),
    original_text: str = "",
    waived: bool = False,
    waiver_note: str = "",
    signers: int | None = None,
    addressed_to: str = "",
    forwarded_by: str = "",
    place: Unit | None = None,
    sent_to_many: bool = False,
    above_level: bool = False,
    names_violator_with_evidence: bool = False,
    attachments: Sequence[CheckedUpload] = (),
    protected_attachments: Sequence[CheckedUpload] = (),
    master: Petition | None = None,
    heard_already: bool = False,
    by: User | None = None,
    at: dt.datetime | None = None,
) -> list[Petition]:
    """Record a petition received through `channel`. `parts` has one entry per matter ({kind, subject, content}); a
    mixed letter is split into several petitions linked to the first. `by` is None for an online submission.

    Denunciations: `persons` and `original_text` go to the protected identity (unless `waived`), the petition keeps
    only a neutral label and the redacted `content`; the recorder gets an intake grant. Anonymous information has
    no persons: it becomes an inspection lead when it names a violator with evidence, otherwise it is filed.

    With `master` (a duplicate found at intake) the first petition is merged into that earlier case in the same
    transaction: if the merge is refused, nothing is recorded.

    `heard_already`: the citizen's words are public opinion already (a field report made into a petition): they
    are not heard a second time, under the officer's subject."""
    at = at or timezone.now()
    if (
        unit is None
        or unit.kind not in (COMMUNE_KINDS | {UnitKind.PROVINCE, UnitKind.CITY})
        or unit.valid_to is not None
    ):
        raise DomainError("unit_invalid", _("Choose the unit that receives the petition."), field="unit")
    if channel not in Channel.values:
        raise DomainError("channel_invalid", _("Choose how the petition arrived."), field="channel")
    cleaned_parts = _clean_parts(list(parts))
    anonymous = cleaned_parts[0]["kind"] == Kind.ANONYMOUS
    people = [] if anonymous else clean_persons(list(persons), required=True)
    if signers is None:
        signers = max(1, len(people))
    if not 1 <= signers <= 100_000:
        raise DomainError(
            "signers_invalid", _("The number of signers is between 1 and 100,000."), field="signers"
        )
    if rules.is_crowd(signers) and len(people) > 1 and not any(p["representative"] for p in people):
        raise DomainError(
            "representative_required",
            _(
                "A petition signed by five or more people needs representatives: tick who represents the group."
            ),
            field="persons",
        )
    if channel in (Channel.FORWARDED, Channel.FRONT, Channel.DEPUTY, Channel.PRESS) and not normalize(
        forwarded_by
    ):
        raise DomainError(
            "forwarded_by_required", _("Name the body that forwarded the petition."), field="forwarded_by"
        )
    # Every file opened whole by the one upload check (gandan.kit.uploads); the forms already did it.
    attachments = [upload_checked(upload) for upload in attachments]
    protected_attachments = [upload_checked(upload) for upload in protected_attachments]
    original_text = normalize(original_text, multiline=True)
    if place is not None and not place.path.startswith(unit.path + "."):
        raise DomainError("place_invalid", _("Choose a village of this commune."), field="place")

    received_on = local_today(at)
    # Told in their inbox: the unit's leaders (who assign), its desk officers and inspectors (who record and verify).
    officers = list(officers_of(unit.path, [Role.UNIT_LEADER, Role.DESK_OFFICER, Role.INSPECTOR]))
    created: list[Petition] = []
    for part in cleaned_parts:
        kind = rules.Kind(part["kind"])
        protected = kind is rules.Kind.DENUNCIATION and not waived
        if anonymous:
            display = _("Anonymous")
        elif protected:
            display = _("Denunciator (identity protected)")
        else:
            display = people[0]["name"] + (_(" and %(n)s others") % {"n": signers - 1} if signers > 1 else "")
        status = Status.RECEIVED
        if anonymous:
            status = Status.LEAD if names_violator_with_evidence else Status.FILED
        phone = next((p["phone"] for p in people if p["phone"]), "")
        subject, content, original = part["subject"], part["content"], original_text
        if protected:
            # Whatever the channel, the protected store is the only place the identity is kept: the subject and
            # content every officer reads, searches and exports are redacted here, the words as given kept apart.
            # Redaction may lengthen a very short name into "***": the redacted subject is ours, cut to its column.
            subject, content = redact_people(subject, people)[:300], redact_people(content, people)
            if not original and (subject, content) != (part["subject"], part["content"]):
                original = f"{part['subject']}\n\n{part['content']}"
        petition = Petition.objects.create(
            code=_next_code(unit, received_on.year),
            unit=unit,
            unit_path=unit.path,
            kind=kind,
            channel=channel,
            status=status,
            received_at=at,
            received_on=received_on,
            subject=subject,
            content=content,
            addressed_to=normalize(addressed_to),
            forwarded_by=normalize(forwarded_by),
            place=place,
            petitioner_display=display[:300],  # built from checked names ("X and 4 others"), not typed
            phone_last4=phone[-4:] if phone else "",
            signers=signers,
            protected=protected,
            sent_to_many=sent_to_many,
            above_level=above_level,
            # Parts are linked only to parts of the same protection: a signed complaint pointing at the protected
            # denunciation of the same letter would name the denunciator to everyone who reads the complaint.
            split_from=next((c for c in created if c.protected == protected), None),
            created_by=by if getattr(by, "pk", None) else None,
        )
        if kind is rules.Kind.DENUNCIATION:
            ProtectedIdentity.objects.create(
                petition=petition,
                persons=[{k: v for k, v in p.items() if k != "representative"} for p in people],
                original_text=original,
                waived=waived,
                waiver_note=normalize(waiver_note, multiline=True) if waived else "",
                waived_at=at if waived else None,
            )
        if not protected:
            Petitioner.objects.bulk_create(
                [Petitioner(petition=petition, position=i, **p) for i, p in enumerate(people)]
            )
        if protected and by is not None and by.pk:
            IdentityGrant.objects.create(
                petition=petition, user=by, role="intake", reason=_("Recorded the petition"), at=at
            )
        for scan in attachments:
            Attachment.objects.create(
                petition=petition,
                file=scan.as_file(),
                original_name=scan.original_name,
                content_type=scan.content_type,
                size=scan.size,
            )
        for scan in protected_attachments:
            Attachment.objects.create(
                petition=petition,
                file=scan.as_file(),
                original_name=scan.original_name,
                content_type=scan.content_type,
                size=scan.size,
                protected=True,
            )
        key = rules.intake_clock_key(kind)
        if key is not None:
            clock_start(petition, Clock.Role.INTAKE, key, received_on)
            sync_current_due(petition)
        record_step(
            petition=petition,
            action="receive",
            by=by,
            from_status="",
            note=_("Received: %(channel)s") % {"channel": petition.get_channel_display()},
            at=at,
        )
        dupcheck.keys_store(petition, dupcheck.text_of(petition, people))
        index_document(
            PETITION,
            petition.pk,
            text=petition_text(petition, [p["name"] for p in people]),
            unit_path=petition.unit_path,
        )
        if not heard_already:
            signal_record(
                text=f"{petition.subject}\n{petition.content}",
                unit=place or unit,
                source_kind="petition",
                source_id=petition.pk,
                at=at,
                people=petition.signers,
                # A protected denunciator's name was redacted above already, masked again in case it survived in
                # another spelling; any other writer's name is masked too (the board is about matters, not persons).
                protected_names=[p["name"] for p in people if p.get("name")],
                confidential=protected,
            )
        if protected:
            protection_request(place or unit)
        inbox_post(
            recipients=officers,
            kind=InboxKind.NEW_PETITION,
            text=_("New petition %(code)s: %(subject)s")
            % {"code": petition.code, "subject": petition.subject},
            link=reverse("petitions:detail", args=[petition.pk]),
            obj=petition,
            exclude=by if getattr(by, "pk", None) else None,
        )
        created.append(petition)
    if master is not None:
        assert by is not None, (
            "a duplicate is merged at intake by the officer who received it (the desk's form)"
        )
        petition_merge(petition=created[0], master=master, by=by)
    return created
