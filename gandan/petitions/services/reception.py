"""Citizen reception (tiếp công dân, DOMAIN.md §5): the leaders' reception days and the statutory minimums, the
reception book (Form 03/TCD), and the notice of conclusions with its tracked tasks.

Each change of state is one function in one transaction with its audit event.

Identity of a denunciator received in person. When a reception record of a *denunciation* creates a petition, the
person's name, address and ID number go to the petition's `ProtectedIdentity` (through `petition_receive`, with an
intake grant for the officer) and are NOT kept on the `ReceptionRecord`: the record keeps the neutral label
`PROTECTED_LABEL` and a blank address and ID number, so the reception book, its lists and its export can never reveal
the denunciator (Law on Denunciation Art. 47, 56; Decree 154/2026 Art. 12). Anyone who needs the identity opens it on
the petition with a grant, and the opening is audited. A denunciation recorded *without* creating a petition keeps
the details on the record (there is no vault to put them in); lists and exports still mask the ID number.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gandan.accounts.rules import Role
from gandan.audit.services import event_record
from gandan.core.citizen_id import citizen_id_problems, clean_citizen_id
from gandan.core.vntext import fold, normalize
from gandan.errors import Conflict, DomainError
from gandan.petitions import rules
from gandan.petitions.models import ConclusionNotice, Kind, LeaderKind, ReceptionDay, ReceptionRecord, Task
from gandan.petitions.services.common import local_today, require, text_required
from gandan.units.models import COMMUNE_KINDS, PROVINCE_KINDS

MANAGE = "reception.manage"
# What the reception book shows instead of a protected denunciator's name (data, not interface text: the book is an
# official register in Vietnamese whatever the officer's interface language).
PROTECTED_LABEL = "Người tố cáo (được bảo vệ)"
SUBJECT_LENGTH = 120
MAX_TASKS = 20
MAX_PEOPLE = 100_000
SCHEDULE_AHEAD_DAYS = 366
PASSPORT = re.compile(
    r"^[A-Z]\d{7,8}$"
)  # Vietnamese passport: one letter and 7 digits (8 for some older series)


# --- The statutory minimums, as data with their legal basis ------------------------------------------------------


@dataclass(frozen=True)
class ReceptionMinimum:
    """At least `days` regular reception days per `period` for a leader of `leader_kind`, from `valid_from` to
    `valid_to` (None: open). A correction is a new row; the newest row covering a day is the one in force."""

    leader_kind: str
    period: Literal["week", "month"]
    days: int
    legal_basis: str | Promise
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


LAW_42_IN_FORCE = dt.date(2014, 7, 1)  # Law on Citizen Reception 42/2013/QH13
CONCLUSION_215 = dt.date(2025, 11, 23)  # Conclusion 215-KL/TW amending Regulation 11-QĐi/TW
REGULATION_11 = dt.date(2019, 2, 18)

MINIMUMS: tuple[ReceptionMinimum, ...] = (
    ReceptionMinimum(
        leader_kind=LeaderKind.COMMUNE_CHAIRMAN,
        period="week",
        days=1,
        legal_basis=gettext_lazy("Law on Citizen Reception 42/2013/QH13, Art. 15(2)(d)"),
        valid_from=LAW_42_IN_FORCE,
    ),
    ReceptionMinimum(
        leader_kind=LeaderKind.COMMUNE_PARTY_SECRETARY,
        period="month",
        days=2,
        legal_basis=gettext_lazy("Regulation 11-QĐi/TW as amended by Conclusion 215-KL/TW"),
        valid_from=CONCLUSION_215,
    ),
    ReceptionMinimum(
        leader_kind=LeaderKind.PROVINCE_CHAIRMAN,
        period="month",
        days=1,
        legal_basis=gettext_lazy("Law on Citizen Reception 42/2013/QH13, Art. 12(5)"),
        valid_from=LAW_42_IN_FORCE,
    ),
    ReceptionMinimum(
        leader_kind=LeaderKind.PROVINCE_PARTY_SECRETARY,
        period="month",
        days=1,
        legal_basis=gettext_lazy("Regulation 11-QĐi/TW (2019), as amended by Conclusion 215-KL/TW"),
        valid_from=REGULATION_11,
    ),
    ReceptionMinimum(
        leader_kind=LeaderKind.OTHER_HEAD,
        period="month",
        days=1,
        legal_basis=gettext_lazy(
            "Law on Citizen Reception 42/2013/QH13, Art. 18(2); Decree 154/2026, Art. 10(2)"
        ),
        valid_from=LAW_42_IN_FORCE,
    ),
)

# Law 136/2025/QH15 (in force 1/7/2026): heads may no longer delegate reception to their deputies.
NO_DELEGATION_FROM = dt.date(2026, 7, 1)
NO_DELEGATION_BASIS = gettext_lazy("Law 136/2025/QH15 amending the Law on Citizen Reception")

# Which office needs which role, and which level of unit.
_ROLE_OF = {
    LeaderKind.COMMUNE_CHAIRMAN: Role.UNIT_LEADER,
    LeaderKind.PROVINCE_CHAIRMAN: Role.UNIT_LEADER,
    LeaderKind.COMMUNE_PARTY_SECRETARY: Role.PARTY_SECRETARY,
    LeaderKind.PROVINCE_PARTY_SECRETARY: Role.PARTY_SECRETARY,
}
_UNIT_KINDS = {
    LeaderKind.COMMUNE_CHAIRMAN: COMMUNE_KINDS,
    LeaderKind.COMMUNE_PARTY_SECRETARY: COMMUNE_KINDS,
    LeaderKind.PROVINCE_CHAIRMAN: PROVINCE_KINDS,
    LeaderKind.PROVINCE_PARTY_SECRETARY: PROVINCE_KINDS,
    LeaderKind.OTHER_HEAD: COMMUNE_KINDS | PROVINCE_KINDS,
}
# The offices every commune (or province) must fill, flagged in the compliance view even with no day scheduled.
EXPECTED_KINDS = {
    "commune": (LeaderKind.COMMUNE_CHAIRMAN, LeaderKind.COMMUNE_PARTY_SECRETARY),
    "province": (LeaderKind.PROVINCE_CHAIRMAN, LeaderKind.PROVINCE_PARTY_SECRETARY),
}


def minimum_for(leader_kind: str, on: dt.date) -> ReceptionMinimum | None:
    found = [m for m in MINIMUMS if m.leader_kind == leader_kind and m.covers(on)]
    return max(found, key=lambda m: m.valid_from or dt.date.min) if found else None


def is_deputy(user) -> bool:
    """A deputy (phó chủ tịch, phó bí thư …), told by the position title, the only place the data says it."""
    return fold(getattr(user, "position", "") or "").startswith("pho ")


# --- Helpers -------------------------------------------------------------------------------------------------------


def _in_scope(by, unit) -> bool:
    path = by.unit.path if getattr(by, "unit_id", None) else ""
    return bool(path) and (unit.path == path or unit.path.startswith(path + "."))


def _check_unit(by, unit) -> None:
    if unit is None or unit.kind not in (COMMUNE_KINDS | PROVINCE_KINDS) or unit.valid_to is not None:
        raise DomainError(
            "unit_invalid", _("Choose the commune or province that receives citizens."), field="unit"
        )
    if not _in_scope(by, unit):
        raise DomainError("unit_out_of_scope", _("You can only act for your own unit."), field="unit")


def _raise_all(code: str, errors: dict[str, str]) -> None:
    """Raise one DomainError carrying every problem (`.errors`), the first one as its message."""
    if errors:
        field_name, message = next(iter(errors.items()))
        error = DomainError(code, message, field=field_name)
        error.errors = errors
        raise error


def day_status(day: ReceptionDay) -> str:
    if day.cancelled_reason:
        return "cancelled"
    if day.held:
        return "held"
    return "scheduled"


# --- Reception days ------------------------------------------------------------------------------------------------


@transaction.atomic
def reception_day_schedule(
    *,
    unit,
    leader,
    leader_kind: str,
    day: dt.date,
    place: str,
    ad_hoc: bool = False,
    ad_hoc_reason: str = "",
    by,
) -> ReceptionDay:
    """Schedule a leader's reception day. The leader is an active officer of the unit holding the office
    (`leader_kind`); from 1/7/2026 a deputy cannot stand in. An ad-hoc day (Art. 18(3)) needs its reason. A leader
    has at most one reception day per date."""
    require(by, MANAGE)
    _check_unit(by, unit)
    errors: dict[str, str] = {}
    if leader_kind not in LeaderKind.values:
        errors["leader_kind"] = _("Choose in which capacity the leader receives citizens.")
    elif unit.kind not in _UNIT_KINDS[leader_kind]:
        errors["leader_kind"] = _("This office does not exist at the level of %(unit)s.") % {
            "unit": unit.name
        }
    if leader is None or not leader.is_active or leader.unit_id != unit.pk:
        errors["leader"] = _("Choose an active officer of %(unit)s.") % {"unit": unit.name}
    elif leader_kind in _ROLE_OF and not leader.has_role(_ROLE_OF[leader_kind]):
        errors["leader"] = _("%(who)s does not hold this office: choose the %(office)s.") % {
            "who": leader,
            "office": LeaderKind(leader_kind).label.lower(),
        }
    elif day is not None and day >= NO_DELEGATION_FROM and is_deputy(leader):
        errors["leader"] = _(
            "From 01/07/2026 the head receives citizens in person; a deputy cannot stand in (%(basis)s)."
        ) % {"basis": NO_DELEGATION_BASIS}
    today = local_today()
    if day is None:
        errors["day"] = _("Enter the date, e.g. 15/04/2026.")
    elif abs((day - today).days) > SCHEDULE_AHEAD_DAYS:
        errors["day"] = _("Choose a date within a year of today.")
    place = normalize(place or "")
    if not place:
        errors["place"] = _("Enter the place, e.g. “Phòng tiếp công dân, UBND xã”.")
    ad_hoc_reason = normalize(ad_hoc_reason or "", multiline=True)
    if ad_hoc and not ad_hoc_reason:
        errors["ad_hoc_reason"] = _(
            "Say why an ad-hoc reception is needed (e.g. a group of many people, a complex or urgent case)."
        )
    if not errors.get("leader") and day is not None:
        existing = ReceptionDay.objects.filter(leader=leader, day=day).first()
        if existing is not None:
            errors["day"] = (
                _("%(who)s already has a reception day on %(day)s (cancelled); choose another date.")
                if existing.cancelled_reason
                else _("%(who)s already has a reception day on %(day)s.")
            ) % {"who": leader, "day": day.strftime("%d/%m/%Y")}
    _raise_all("reception_day_invalid", errors)
    try:
        with (
            transaction.atomic()
        ):  # a concurrent double booking hits the unique constraint: answer it the same way
            day_obj = ReceptionDay.objects.create(
                unit=unit,
                unit_path=unit.path,
                leader=leader,
                leader_kind=leader_kind,
                day=day,
                place=place[:300],
                ad_hoc=bool(ad_hoc),
                ad_hoc_reason=ad_hoc_reason if ad_hoc else "",
            )
    except IntegrityError:
        raise DomainError(
            "reception_day_taken",
            _("%(who)s already has a reception day on %(day)s.")
            % {"who": leader, "day": day.strftime("%d/%m/%Y")},
            field="day",
        ) from None
    event_record(
        actor=by,
        action="petitions.reception_day_schedule",
        obj=day_obj,
        unit=unit,
        details={"leader": leader.pk, "kind": leader_kind, "day": day.isoformat(), "ad_hoc": bool(ad_hoc)},
    )
    return day_obj


def _lock_day(day_obj: ReceptionDay) -> ReceptionDay:
    return ReceptionDay.objects.select_for_update().select_related("unit", "leader").get(pk=day_obj.pk)


@transaction.atomic
def reception_day_held(day_obj: ReceptionDay, *, by) -> ReceptionDay:
    """The leader received citizens that day (only then does a regular day count towards the minimum)."""
    require(by, MANAGE)
    day_obj = _lock_day(day_obj)
    _check_unit(by, day_obj.unit)
    if day_obj.cancelled_reason:
        raise Conflict("reception_day_cancelled", _("This reception day was cancelled."))
    if day_obj.held:
        raise Conflict("reception_day_held", _("This reception day is already marked as held."))
    if day_obj.day > local_today():
        raise Conflict(
            "reception_day_future",
            _("A reception day can be marked as held on or after its date (%(day)s).")
            % {"day": day_obj.day.strftime("%d/%m/%Y")},
        )
    day_obj.held = True
    day_obj.save(update_fields=["held"])
    event_record(
        actor=by,
        action="petitions.reception_day_held",
        obj=day_obj,
        unit=day_obj.unit,
        details={"day": day_obj.day.isoformat()},
    )
    return day_obj


@transaction.atomic
def reception_day_cancel(day_obj: ReceptionDay, *, by, reason: str) -> ReceptionDay:
    require(by, MANAGE)
    day_obj = _lock_day(day_obj)
    _check_unit(by, day_obj.unit)
    reason = text_required(reason, field="reason", message=_("Say why the reception day is cancelled."))
    if day_obj.held:
        raise Conflict("reception_day_held", _("A reception day that was held cannot be cancelled."))
    if day_obj.cancelled_reason:
        raise Conflict("reception_day_cancelled", _("This reception day was already cancelled."))
    if day_obj.records.exists():
        raise Conflict(
            "reception_day_has_records",
            _("Citizens were already recorded on this day: mark it as held instead."),
        )
    day_obj.cancelled_reason = reason
    day_obj.save(update_fields=["cancelled_reason"])
    event_record(
        actor=by,
        action="petitions.reception_day_cancel",
        obj=day_obj,
        unit=day_obj.unit,
        details={"day": day_obj.day.isoformat(), "reason": reason[:300]},
    )
    return day_obj


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
    unit,
    reception_day: ReceptionDay | None = None,
    officer=None,
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
    by,
) -> ReceptionRecord:
    """Write one line of the reception book. The officer writes down what the citizen says (no written petition:
    Decree 154/2026 Art. 14), so `content` is required. A refusal needs its reason (Form 01/TCD); a group of five or
    more chooses representatives (Art. 29), which the note records.

    With `create_petition` (only for outcome "recorded") the statement becomes a petition through `petition_receive`
    on the "reception" channel, linked to the record; a denunciation's identity then goes to the petition's protected
    identity and the record keeps only `PROTECTED_LABEL` (see the module docstring). Without a petition the citizen's
    words are recorded as an opinion signal here (with one, intake records it)."""
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
        errors["create_petition"] = _("A denunciation is recorded as a petition, so that the denunciator's "
                                      "identity is protected: tick “create a petition”.")
    if create_petition and outcome != Outcome.RECORDED:
        errors["create_petition"] = _("A petition is created only when the outcome is “petition recorded”.")
    subject = normalize(subject or "")
    if len(subject) > 300:
        errors["subject"] = _("Keep the subject under 300 characters.")
    _raise_all("reception_record_invalid", errors)

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
        citizen_name=PROTECTED_LABEL if protected else citizen_name[:200],
        citizen_address="" if protected else citizen_address[:300],
        id_number="" if protected else id_number,
        people_count=people_count,
        content=content,
        kind=kind,
        prior_body=normalize(prior_body or "")[:300],
        competent=bool(competent),
        guided_to=guided_to[:300],
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
                original_text=content if protected else "",
                signers=people_count,
                by=by,
                at=at,
            )
        except DomainError as error:  # intake's names for the fields → this record's names
            found = getattr(error, "errors", None) or {error.field: str(error.message)}
            _raise_all(error.code, {_INTAKE_FIELDS.get(k, k): v for k, v in found.items()})
            raise
        record.petition = petitions[0]
        record.save(update_fields=["petition"])
    else:
        signal_record(text=content, unit=unit, source_kind="reception", source_id=record.pk, at=at)
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
            "petition": record.petition.code if record.petition_id else "",
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
def reception_record_follow_up(record: ReceptionRecord, *, by, text: str) -> ReceptionRecord:
    """Column 12 of the book: how the matter was followed up."""
    require(by, MANAGE)
    record = ReceptionRecord.objects.select_for_update().select_related("unit").get(pk=record.pk)
    _check_unit(by, record.unit)
    record.follow_up = text_required(
        text, field="follow_up", message=_("Write how the matter was followed up.")
    )
    record.save(update_fields=["follow_up"])
    event_record(
        actor=by,
        action="petitions.reception_follow_up",
        obj=record,
        unit=record.unit,
        details={"follow_up": record.follow_up[:300]},
    )
    return record


# --- Notice of conclusions ---------------------------------------------------------------------------------------


@transaction.atomic
def conclusion_notice_issue(
    *,
    reception_day: ReceptionDay,
    number: str,
    issued_on: dt.date,
    content: str,
    tasks: list[dict] = (),
    by,
) -> ConclusionNotice:
    """ "Thông báo kết luận việc tiếp công dân" (Decree 154/2026 Art. 25): the leader's instructions after a session
    that was held, each task with the responsible body and a deadline, tracked until reported done. Task rows left
    entirely blank are skipped."""
    require(by, MANAGE)
    day = _lock_day(reception_day)
    _check_unit(by, day.unit)
    if day.cancelled_reason:
        raise Conflict("reception_day_cancelled", _("This reception day was cancelled."))
    if not day.held:
        raise Conflict(
            "reception_day_not_held",
            _("Mark the reception day as held before issuing the notice of its conclusions."),
        )
    errors: dict[str, str] = {}
    number = normalize(number or "")
    if not number:
        errors["number"] = _("Enter the notice number, e.g. 12/TB-UBND.")
    elif (
        issued_on is not None
        and ConclusionNotice.objects.filter(
            reception_day__unit=day.unit, number=number, issued_on__year=issued_on.year
        ).exists()
    ):
        errors["number"] = _("Notice %(number)s already exists this year.") % {"number": number}
    today = local_today()
    if issued_on is None:
        errors["issued_on"] = _("Enter the date of the notice, e.g. 15/04/2026.")
    elif issued_on < day.day:
        errors["issued_on"] = _("The notice cannot be dated before the reception day (%(day)s).") % {
            "day": day.day.strftime("%d/%m/%Y")
        }
    elif issued_on > today:
        errors["issued_on"] = _("The notice cannot be dated in the future.")
    content = normalize(content or "", multiline=True)
    if not content:
        errors["content"] = _("Write the leader's conclusions.")
    rows = []
    for i, raw in enumerate(list(tasks)):
        title = normalize(raw.get("title") or "")
        body = normalize(raw.get("responsible_body") or "")
        due = raw.get("due")
        if not (title or body or due):
            continue
        prefix = f"tasks.{i}."
        if not title:
            errors[prefix + "title"] = _("Task %(n)s: say what must be done.") % {"n": i + 1}
        elif len(title) > 300:
            errors[prefix + "title"] = _("Task %(n)s: keep it under 300 characters.") % {"n": i + 1}
        if not body:
            errors[prefix + "responsible_body"] = _("Task %(n)s: name the responsible body.") % {"n": i + 1}
        if due is None:
            errors[prefix + "due"] = _("Task %(n)s: give the deadline.") % {"n": i + 1}
        elif issued_on is not None and due < issued_on:
            errors[prefix + "due"] = _("Task %(n)s: the deadline cannot be before the notice.") % {"n": i + 1}
        rows.append({"title": title, "responsible_body": body, "due": due})
    if len(rows) > MAX_TASKS:
        errors["tasks"] = _("At most %(n)s tasks per notice.") % {"n": MAX_TASKS}
    _raise_all("conclusion_invalid", errors)
    notice = ConclusionNotice.objects.create(
        reception_day=day, number=number[:60], issued_on=issued_on, content=content, created_by=by
    )
    Task.objects.bulk_create(
        [
            Task(
                conclusion=notice,
                unit_path=day.unit_path,
                title=row["title"][:300],
                responsible_body=row["responsible_body"][:300],
                due=row["due"],
            )
            for row in rows
        ]
    )
    event_record(
        actor=by,
        action="petitions.conclusion_issue",
        obj=notice,
        unit=day.unit,
        details={"number": notice.number, "day": day.day.isoformat(), "tasks": len(rows)},
    )
    return notice


# --- Compliance with the minimums ---------------------------------------------------------------------------------


@dataclass
class PeriodCompliance:
    start: dt.date
    end: dt.date
    required: int
    today: dt.date = field(repr=False)
    held: int = 0  # regular days held
    scheduled: int = 0  # regular days still to come (not held, not cancelled)
    ad_hoc: int = 0  # ad-hoc days held (they do not count)

    @property
    def compliant(self) -> bool:
        return self.held >= self.required

    @property
    def status(self) -> str:
        """met; missed (the period is over and below the minimum); pending (still running or to come)."""
        if self.compliant:
            return "met"
        return "missed" if self.end < self.today else "pending"


@dataclass
class LeaderCompliance:
    leader: object | None  # the User, or None: nobody has a reception day in this office
    leader_kind: str
    minimum: ReceptionMinimum | None
    periods: list[PeriodCompliance]

    @property
    def leader_kind_label(self) -> str:
        return LeaderKind(self.leader_kind).label

    @property
    def missed(self) -> list[PeriodCompliance]:
        return [p for p in self.periods if p.status == "missed"]

    @property
    def met(self) -> int:
        return sum(1 for p in self.periods if p.status == "met")

    @property
    def ended(self) -> int:
        return sum(1 for p in self.periods if p.status != "pending")

    @property
    def compliant(self) -> bool:
        return not self.missed

    @property
    def held(self) -> int:
        return sum(p.held for p in self.periods)


def _periods(kind: Literal["week", "month"], start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Whole weeks (Monday–Sunday) or calendar months that overlap start..end."""
    found = []
    if kind == "week":
        cursor = start - dt.timedelta(days=start.weekday())
        while cursor <= end:
            found.append((cursor, cursor + dt.timedelta(days=6)))
            cursor += dt.timedelta(days=7)
    else:
        cursor = start.replace(day=1)
        while cursor <= end:
            following = (cursor.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            found.append((cursor, following - dt.timedelta(days=1)))
            cursor = following
    return found


def compliance(
    unit,
    *,
    leader_kind: str,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
    expected: bool = False,
) -> list[LeaderCompliance]:
    """Per leader of `leader_kind` in `unit`, per period of the rule (week for the commune chairman, month for the
    others) overlapping start..end: the required number of regular days, how many were held (ad-hoc days and
    cancelled or unheld days do not count) and whether the minimum was met. With `expected` and nobody scheduled in
    this office, one row with `leader=None` flags every period."""
    today = today or local_today()
    rule = minimum_for(leader_kind, end) or minimum_for(leader_kind, start)
    spans = _periods(rule.period if rule else "month", start, end)
    if not spans:
        return []
    days = list(
        ReceptionDay.objects.filter(
            unit=unit, leader_kind=leader_kind, day__gte=spans[0][0], day__lte=spans[-1][1]
        )
        .select_related("leader")
        .order_by("day")
    )
    leaders = {d.leader_id: d.leader for d in days}
    if not leaders and expected:
        leaders = {None: None}
    rows = []
    for leader_id, leader in sorted(leaders.items(), key=lambda item: str(item[1] or "")):
        periods = []
        for first, last in spans:
            minimum = minimum_for(leader_kind, first)
            period = PeriodCompliance(
                start=first, end=last, required=minimum.days if minimum else 0, today=today
            )
            for d in days:
                if d.leader_id != leader_id or not first <= d.day <= last or d.cancelled_reason:
                    continue
                if d.ad_hoc:
                    period.ad_hoc += int(d.held)
                elif d.held:
                    period.held += 1
                else:
                    period.scheduled += int(d.day >= today)
            periods.append(period)
        rows.append(LeaderCompliance(leader=leader, leader_kind=leader_kind, minimum=rule, periods=periods))
    return rows


def compliance_for_unit(
    unit, *, start: dt.date, end: dt.date, today: dt.date | None = None
) -> list[LeaderCompliance]:
    """Every office of `unit`: those the unit must fill (chairman and party secretary of a commune or province,
    flagged even when nobody is scheduled) and any other head who has reception days."""
    level = "commune" if unit.kind in COMMUNE_KINDS else "province" if unit.kind in PROVINCE_KINDS else ""
    expected = EXPECTED_KINDS.get(level, ())
    present = set(
        ReceptionDay.objects.filter(unit=unit, day__gte=start - dt.timedelta(days=7), day__lte=end)
        .values_list("leader_kind", flat=True)
        .distinct()
    )
    rows: list[LeaderCompliance] = []
    for kind in LeaderKind.values:
        if kind in expected or kind in present:
            rows += compliance(
                unit, leader_kind=kind, start=start, end=end, today=today, expected=kind in expected
            )
    return rows
