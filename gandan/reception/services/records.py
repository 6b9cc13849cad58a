"""Citizen reception services, the reception book (Form 03/TCD): cleaning an ID or passport number, writing one line
of the book (optionally creating a petition from it) and its follow-up. Identity of a denunciator received in
person: when a reception record of a *denunciation* creates a petition, the person's name, address and ID number go
to the petition's `ProtectedIdentity` (through `petition_receive`, with an intake grant for the officer) and are NOT
kept on the `ReceptionRecord`: the record keeps the neutral label `PROTECTED_LABEL` and a blank address and ID
number, so the reception book, its lists and its export can never reveal the denunciator (Law on Denunciation Art.
47, 56; Decree 154/2026 Art. 12). Anyone who needs the identity opens it on the petition with a grant, and the
opening is audited. A denunciation recorded *without* creating a petition keeps the details on the record (there is
no vault to put them in); lists and exports still mask the ID number.
"""

import datetime as dt
import re
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.citizen_id import citizen_id_problems, clean_citizen_id
from gandan.core.redaction import redact as redact_identity
from gandan.core.vntext import normalize
from gandan.errors import DomainError, too_long
from gandan.petitions import rules
from gandan.petitions.models import Kind
from gandan.petitions.services.common import local_today, require, text_required
from gandan.reception.models import ReceptionDay, ReceptionRecord
from gandan.reception.search import reception_index
from gandan.reception.services.helpers import MANAGE, _check_unit, _in_scope, _raise_all
from gandan.units.models import Unit

# What the reception book shows instead of a protected denunciator's name (data, not interface text: the book is an
# official register in Vietnamese whatever the officer's interface language).
PROTECTED_LABEL = "Người tố cáo (được bảo vệ)"
SUBJECT_LENGTH = 120
MAX_PEOPLE = 100_000
PASSPORT = re.compile(
    r"^[A-Z]\d{7,8}$"
)  # Vietnamese passport: one letter and 7 digits (8 for some older series)


def redact_statement(
    text: str,
    *,
    citizen_name: str = "",
    citizen_address: str = "",
    id_number: str = "",
    phone: str = "",
    multiline: bool = True,
) -> tuple[str, int]:
    """What the citizen said, without their name, address, ID number and phone however written (the redaction of
    the online form, gandan.core.redaction), and how many places were redacted."""
    text = normalize(text or "", multiline=multiline)
    identity = {
        "name": normalize(citizen_name or ""),
        "address": normalize(citizen_address or ""),
        "id_number": clean_citizen_id(id_number or ""),
        "phone": phone or "",
    }
    result = redact_identity(text, identity)
    return result.text, len(result.spans)


def redacts(kind: str, secrecy: bool) -> bool:
    """A denunciation, or any statement whose citizen asked for secrecy, is kept in the book redacted."""
    return kind == Kind.DENUNCIATION or bool(secrecy)


# --- The reception book (Form 03/TCD) -----------------------------------------------------------------------------


def clean_id_number(raw: str) -> str:
    """A 12-digit personal identification number, or a passport number (a letter and 7–8 digits)."""
    value = clean_citizen_id(raw or "").upper()
    if not value:
        return ""
    if value.isdigit():
        if citizen_id_problems(value):
            raise DomainError(
                "id_number_invalid",
                _("A citizen ID number has exactly 12 digits, e.g. 025190012345."),
                field="id_number",
            )
        return value
    if not PASSPORT.match(value):
        raise DomainError(
            "id_number_invalid",
            _("Enter the 12-digit citizen ID number, or a passport number such as C1234567."),
            field="id_number",
        )
    return value


@transaction.atomic
def reception_record_add(
    *,
    unit: Unit,
    reception_day: ReceptionDay | None = None,
    officer: User | None = None,
    at: dt.datetime | None = None,
    citizen_name: str,
    citizen_address: str = "",
    id_number: str = "",
    phone: str = "",
    people_count: int = 1,
    content: str,
    kind: str,
    prior_body: str = "",
    competent: bool = True,
    guided_to: str = "",
    outcome: str = ReceptionRecord.Outcome.RECORDED,
    refusal_reason: str = "",
    documents_received: str = "",
    note: str = "",
    follow_up: str = "",
    create_petition: bool = False,
    subject: str = "",
    secrecy: bool = False,
    original_statement: str = "",
    by: User,
) -> ReceptionRecord:
    """Write one line of the reception book. The officer writes down what the citizen says (no written petition:
    Decree 154/2026 Art. 14), so `content` is required. A refusal needs its reason (Form 01/TCD); a group of five or
    more chooses representatives (Art. 29), which the note records.

    With `create_petition` (only for outcome "recorded") the statement becomes a petition through `petition_receive`
    on the "reception" channel, linked to the record; a denunciation's identity then goes to the petition's protected
    identity and the record keeps only `PROTECTED_LABEL` (see the module docstring). Without a petition the citizen's
    words are recorded as an opinion signal here (with one, intake records it).

    A denunciation, or a statement whose citizen asked for `secrecy`, is redacted (the citizen's name, address, ID
    number and phone, however written) before anything is stored: the book line, the petition's subject and
    content, its search entry and the opinion signal all get the redacted words. The words as spoken
    (`original_statement`, the statement before the officer's preview, or else `content`) go only to a protected
    petition's identity store."""
    from gandan.opinion.services import signal_record

    require(by, MANAGE)
    _check_unit(by, unit)
    officer = officer or by
    at = at or timezone.now()
    errors: dict[str, str] = {}
    Outcome = ReceptionRecord.Outcome

    if reception_day is not None:
        if reception_day.unit_id != unit.pk:
            errors["reception_day"] = _("Choose a reception day of %(unit)s.") % {"unit": unit.name}
        elif reception_day.cancelled_reason:
            errors["reception_day"] = _("That reception day was cancelled; choose another or none.")
        elif reception_day.day != local_today(at):
            errors["at"] = _("The time must fall on the reception day, %(day)s.") % {
                "day": reception_day.day.strftime("%d/%m/%Y")
            }
    if at > timezone.now() + dt.timedelta(minutes=5):
        errors["at"] = _("The time of reception cannot be in the future.")
    if officer is None or not officer.is_active or not _in_scope(officer, unit):
        errors["officer"] = _("Choose an officer of this unit.")

    citizen_name = normalize(citizen_name or "")
    citizen_address = normalize(citizen_address or "")
    if not citizen_name:
        errors["citizen_name"] = _("Enter the citizen's full name.")
    if not citizen_address and outcome != Outcome.REFUSED:
        errors["citizen_address"] = _("Enter the address (village, commune).")
    try:
        id_number = clean_id_number(id_number)
    except DomainError as error:
        errors["id_number"] = str(error.message)
    if people_count is None or not 1 <= people_count <= MAX_PEOPLE:
        errors["people_count"] = _("The number of people is between 1 and 100,000.")
    content = normalize(content or "", multiline=True)
    if not content:
        errors["content"] = _("Write down what the citizen says: the statement is read back and signed.")
    if kind not in Kind.values or kind == Kind.ANONYMOUS:
        errors["kind"] = _("Choose the kind: complaint, denunciation, recommendation or reflection.")
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose the outcome of the reception.")
    refusal_reason = normalize(refusal_reason or "", multiline=True)
    if outcome == Outcome.REFUSED and not refusal_reason:
        errors["refusal_reason"] = _("Give the reason for refusing (it goes in the notice, Form 01/TCD).")
    guided_to = normalize(guided_to or "")
    if outcome == Outcome.GUIDED and not guided_to:
        errors["guided_to"] = _("Name the competent body the citizen was guided to.")
    if kind == Kind.DENUNCIATION and outcome == Outcome.RECORDED and not create_petition:
        # The book is a list: a denunciator named in it would be exposed. Recorded, the identity goes to the
        # petition's protected store and the book keeps only the neutral label.
        errors["create_petition"] = _(
            "A denunciation is recorded as a petition, so that the denunciator's "
            "identity is protected: tick “create a petition”."
        )
    if create_petition and outcome != Outcome.RECORDED:
        errors["create_petition"] = _("A petition is created only when the outcome is “petition recorded”.")
    subject = normalize(subject or "")
    if len(subject) > 300:
        errors["subject"] = _("Keep the subject under 300 characters.")
    prior_body = normalize(prior_body or "")
    for field, value, limit in (
        ("citizen_name", citizen_name, 200),
        ("citizen_address", citizen_address, 300),
        ("prior_body", prior_body, 300),
        ("guided_to", guided_to, 300),
    ):
        if problem := too_long(value, max_length=limit):
            errors.setdefault(field, problem)
    _raise_all("reception_record_invalid", {field: message for field, message in errors.items() if message})

    if redacts(kind, secrecy):
        who: dict[str, Any] = {
            "citizen_name": citizen_name,
            "citizen_address": citizen_address,
            "id_number": id_number,
            "phone": phone,
        }
        original_statement = normalize(original_statement or "", multiline=True) or content
        content = redact_statement(content, **who)[0]
        # Redaction may lengthen a very short name into "***": the redacted subject is ours, cut to its column.
        subject = redact_statement(subject, **who, multiline=False)[0][:300]
        note = redact_statement(note, **who)[0]
        documents_received = redact_statement(documents_received, **who)[0]
        follow_up = redact_statement(follow_up, **who)[0]
        prior_body = redact_statement(prior_body, **who, multiline=False)[0][:300]  # ours, as the subject
    else:
        original_statement = content
    notes = [normalize(note or "", multiline=True)]
    if rules.is_crowd(people_count):
        notes.append(
            _(
                "Group of %(n)s people: they choose representatives to present the matter (Law on Citizen "
                "Reception, Art. 29); consider an ad-hoc reception by the leader (Art. 18(3))."
            )
            % {"n": people_count}
        )
    protected = create_petition and kind == Kind.DENUNCIATION
    record = ReceptionRecord.objects.create(
        unit=unit,
        unit_path=unit.path,
        reception_day=reception_day,
        at=at,
        officer=officer,
        citizen_name=PROTECTED_LABEL if protected else citizen_name,
        citizen_address="" if protected else citizen_address,
        id_number="" if protected else id_number,
        people_count=people_count,
        content=content,
        kind=kind,
        prior_body=prior_body,
        competent=bool(competent),
        guided_to=guided_to,
        outcome=outcome,
        refusal_reason=refusal_reason if outcome == Outcome.REFUSED else "",
        documents_received=normalize(documents_received or "", multiline=True),
        follow_up=normalize(follow_up or "", multiline=True),
        note="\n".join(n for n in notes if n),
    )
    if create_petition:
        from gandan.petitions.services.intake import petition_receive

        person = {
            "name": citizen_name,
            "address": citizen_address,
            # The petition keeps only a 12-digit personal number; a passport number stays off it.
            "id_number": id_number if id_number.isdigit() else "",
            # Not kept in the book: it is how the citizen follows the petition (last 4 digits) and is contacted.
            "phone": phone,
            "representative": rules.is_crowd(people_count),
        }
        try:
            petitions = petition_receive(
                unit=unit,
                channel="reception",
                parts=[{"kind": kind, "subject": subject or _subject_of(content), "content": content}],
                persons=[person],
                original_text=original_statement if protected else "",
                signers=people_count,
                by=by,
                at=at,
            )
        except DomainError as error:  # intake's names for the fields → this record's names
            found = error.errors
            _raise_all(error.code, {_INTAKE_FIELDS.get(k, k): v for k, v in found.items()})
            raise
        record.petition = petitions[0]
        record.save(update_fields=["petition", "updated_at"])
    reception_index(record)
    if not create_petition:
        # The board is about matters, not persons: the citizen's name is masked in the signal too.
        signal_record(
            text=content,
            unit=unit,
            source_kind="reception",
            source_id=record.pk,
            at=at,
            protected_names=[citizen_name] if citizen_name else (),
            # A denunciation, or a statement whose citizen asked for secrecy: heard, but its words stay the book's.
            confidential=redacts(kind, secrecy),
        )
    event_record(
        actor=by,
        action="petitions.reception_record_add",
        obj=record,
        unit=unit,
        # Never the identity: what happened, not who came.
        details={
            "kind": kind,
            "outcome": outcome,
            "people": people_count,
            "petition": record.petition.code if record.petition else "",
        },
    )
    return record


_INTAKE_FIELDS = {
    "persons.0.name": "citizen_name",
    "persons.0.address": "citizen_address",
    "persons.0.id_number": "id_number",
    "persons.0.phone": "phone",
    "persons": "citizen_name",
    "parts.0.subject": "subject",
    "parts.0.content": "content",
    "parts.0.kind": "kind",
    "signers": "people_count",
}


def _subject_of(content: str) -> str:
    line = content.replace("\n", " ")
    if len(line) <= SUBJECT_LENGTH:
        return line
    cut = line[:SUBJECT_LENGTH].rsplit(" ", 1)[0]
    return (cut or line[:SUBJECT_LENGTH]).rstrip(" ,.;:") + "…"


@transaction.atomic
def reception_record_follow_up(*, record: ReceptionRecord, by: User, text: str) -> ReceptionRecord:
    """Column 12 of the book: how the matter was followed up."""
    require(by, MANAGE)
    record = ReceptionRecord.objects.select_for_update().select_related("unit").get(pk=record.pk)
    _check_unit(by, record.unit)
    record.follow_up = text_required(
        text, field="follow_up", message=_("Write how the matter was followed up.")
    )
    record.save(update_fields=["follow_up", "updated_at"])
    event_record(
        actor=by,
        action="petitions.reception_follow_up",
        obj=record,
        unit=record.unit,
        details={"follow_up": record.follow_up[:300]},  # an excerpt: the record keeps it whole
    )
    return record
