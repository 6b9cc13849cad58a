"""Receiving a field report: from the portal, from an Open311 client (gandan.fieldreports.open311) or written down by
an officer. One transaction: the report, its photos, its first update, the handlers' inbox, the opinion signal, the
reporter's receipt and the audit event — or, on any problem, nothing, with every field's problem named."""

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.accounts.scope import within_any
from gandan.accounts.selectors import officers_of
from gandan.apikeys.models import ApiKey
from gandan.audit.services import event_record
from gandan.core import fieldreports as rules
from gandan.core.identifiers import clean_phone, is_phone
from gandan.core.vntext import normalize, search_key
from gandan.errors import DomainError, NotAllowed
from gandan.fieldreports.catalogue import catalogue
from gandan.fieldreports.models import Category, FieldReport, Photo, ReportCounter, Update
from gandan.fieldreports.services.notices import tell_reporter
from gandan.fieldreports.services.photos import Written, photo_store, photos_removed_on_failure
from gandan.fieldreports.services.places import Where, as_decimal, parse_point, resolve_place
from gandan.kit.uploads import CheckedUpload, upload_checked
from gandan.notify.services import inbox_post
from gandan.opinion.services import signal_record
from gandan.units.models import Unit
from gandan.workcalendar.selectors import receipt_cutoff, work_calendar

DESCRIPTION_MAX = 4_000  # GeoReport v2
ADDRESS_MAX = 300
NAME_MAX = 120
MAX_PHOTOS = 5
PHOTO_TYPES = {"image/jpeg", "image/png"}
SIGNAL_SOURCE = "field_report"


@dataclass
class ReportFacts:
    """What a reporter sends, as typed (the service cleans and checks every part)."""

    category: Category | None
    description: str = ""
    lat: str = ""
    long: str = ""
    address: str = ""
    commune: Unit | None = None  # the portal's commune, Open311's jurisdiction_id
    village: Unit | None = None
    attributes: dict[str, list[str]] = field(default_factory=dict)
    name: str = ""
    phone: str = ""
    email: str = ""
    device_id: str = ""
    account_id: str = ""
    media_url: str = ""
    photos: Sequence[Any] = ()  # uploaded files


def _next_code(unit: Unit, year: int) -> str:
    """One UPDATE … RETURNING under the write lock (SQLite ≥ 3.35, PostgreSQL); the year's first report makes the
    counter. (Three statements before: a tenth of an Open311 POST's time, bench open311.post_request.)"""
    table = connection.ops.quote_name(ReportCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last = last + 1 WHERE unit_id = %s AND year = %s RETURNING last",  # noqa: S608
            [unit.pk, year],
        )
        row = cursor.fetchone()
    if row is None:
        ReportCounter.objects.get_or_create(unit=unit, year=year)
        ReportCounter.objects.filter(unit=unit, year=year).update(last=F("last") + 1)
        row = (ReportCounter.objects.values_list("last", flat=True).get(unit=unit, year=year),)
    return f"PA-{unit.code or unit.pk}-{year % 100:02d}-{row[0]:05d}"


def attribute_problem_text(problem: rules.AttributeProblem) -> str:
    return {
        rules.AttributeProblem.UNKNOWN: _("This category does not ask this question."),
        rules.AttributeProblem.REQUIRED: _("This question must be answered."),
        rules.AttributeProblem.TOO_LONG: _("The answer is too long."),
        rules.AttributeProblem.NOT_NUMBER: _("Write a number, e.g. 3 or 2.5."),
        rules.AttributeProblem.NOT_DATETIME: _(
            "Write a date and time with its time zone, e.g. 2026-12-05T08:30:00+07:00."
        ),
        rules.AttributeProblem.NOT_AN_OPTION: _("Choose one of the options offered."),
        rules.AttributeProblem.ONE_VALUE: _("Give only one answer to this question."),
    }[problem]


def _clean(facts: ReportFacts, errors: dict[str, str], *, channel: str) -> dict[str, Any]:
    description = normalize(facts.description or "", multiline=True)
    address = normalize(facts.address or "")
    name = normalize(facts.name or "")
    phone = clean_phone(facts.phone)
    email = (facts.email or "").strip()
    media_url = (facts.media_url or "").strip()
    # GeoReport v2 makes the description optional (a category, a place and a photo say it all: "street light out");
    # the portal and the officers ask for it.
    if not description and channel != FieldReport.Channel.OPEN311:
        errors["description"] = _("Describe what you saw: what is wrong, and since when.")
    elif len(description) > DESCRIPTION_MAX:
        errors["description"] = _("Keep the description under %(n)s characters.") % {
            "n": f"{DESCRIPTION_MAX:,}"
        }
    if len(address) > ADDRESS_MAX:
        errors["address"] = _("Keep the address under %(n)s characters.") % {"n": ADDRESS_MAX}
    if len(name) > NAME_MAX:
        errors["name"] = _("Keep the name under %(n)s characters.") % {"n": NAME_MAX}
    if phone and not is_phone(phone):
        errors["phone"] = _("Enter a Vietnamese phone number, e.g. 0912 345 678, or leave it empty.")
    if len(email) > 254:
        errors["email"] = _("Enter a valid e-mail address or leave it empty.")
    elif email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Enter a valid e-mail address or leave it empty.")
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            media_url = ""
            errors["media_url"] = _("The media URL must be a web address starting with http:// or https://.")
        if len(media_url) > 500:
            errors["media_url"] = _("The media URL is too long (500 characters at most).")
    if len(facts.photos) > MAX_PHOTOS:
        errors["media"] = _("Send at most %(n)s photos.") % {"n": MAX_PHOTOS}
    return {
        "description": description,
        "address": address,
        "name": name,
        "phone": phone,
        "email": email,
        "media_url": media_url,
        "device_id": (facts.device_id or "").strip()[:100],
        "account_id": (facts.account_id or "").strip()[:100],
    }


def _photos(uploads: Sequence[Any], errors: dict[str, str]) -> list[CheckedUpload]:
    checked = []
    for upload in uploads:
        try:
            photo = upload_checked(upload, field="media")
        except DomainError as error:
            errors["media"] = str(error.message)
            continue
        if photo.content_type not in PHOTO_TYPES:
            errors["media"] = _("Send photos as JPEG or PNG images.")
            continue
        checked.append(photo)
    return checked


def report_receive(
    *,
    facts: ReportFacts,
    channel: str,
    by: User | None = None,
    api_key: ApiKey | None = None,
    within: str = "",
    at: dt.datetime | None = None,
) -> FieldReport:
    """Record a field report. `by` is the officer who wrote it down (None from the portal or an Open311 client);
    `api_key` the integrator's key; `within` a unit path the place must lie in (an integrator's key's unit), else
    NotAllowed. Raises DomainError naming every field's problem; nothing is saved then.

    Every check and read (photos re-encoded, the place found, the due day) happens before the write transaction:
    on SQLite a transaction holds the database's one write lock from its first statement (IMMEDIATE), and what
    another worker waits for is only the inserts."""
    at = at or timezone.now()
    errors: dict[str, str] = {}
    category = facts.category
    if category is None or not category.active:
        raise DomainError("category_required", _("Choose what kind of problem it is."), field="service_code")
    if channel not in FieldReport.Channel.values:
        raise ValueError(f"unknown channel {channel!r}")
    cleaned = _clean(facts, errors, channel=channel)
    known = catalogue()
    answers, problems = rules.check_answers(known.questions.get(category.pk, []), facts.attributes)
    for code, problem in problems.items():
        errors[f"attribute[{code}]"] = attribute_problem_text(problem)
    where = None
    try:
        point = parse_point(facts.lat, facts.long)
        where = resolve_place(
            category=category,
            point=point,
            address=cleaned["address"],
            commune=facts.commune,
            village=facts.village,
        )
    except DomainError as error:
        errors.update({name: messages[0] for name, messages in error.errors.items()})
    photos = _photos(facts.photos, errors)
    if errors or where is None:
        raise DomainError("report_invalid", errors=errors)
    places = [where.handler.path] + ([where.village.path] if where.village is not None else [])
    if within and not any(within_any(path, [within]) for path in places):
        raise NotAllowed(
            "outside_unit",
            _("This place lies in %(commune)s, outside the unit this key may file in.")
            % {"commune": where.commune.name},
            field="api_key",
        )
    local = timezone.localtime(at)
    due = rules.report_due(
        local.replace(tzinfo=None),
        known.timers.get(category.pk, []),
        calendar=work_calendar(),
        cutoff=receipt_cutoff(),
    )
    officers = list(
        officers_of(where.handler.path, [Role(category.handler_role), Role.UNIT_LEADER, Role.DESK_OFFICER])
    )
    with photos_removed_on_failure() as written:  # a failed transaction leaves no photo behind
        return _record(
            where=where, category=category, channel=channel, cleaned=cleaned, answers=answers, photos=photos,
            officers=officers, due=due, by=by, api_key=api_key, at=at, written=written,
        )  # fmt: skip


@transaction.atomic
def _record(
    *,
    where: Where,
    category: Category,
    channel: str,
    cleaned: dict[str, Any],
    answers: dict[str, str | list[str]],
    photos: list[CheckedUpload],
    officers: list[User],
    due: dt.date | None,
    by: User | None,
    api_key: ApiKey | None,
    at: dt.datetime,
    written: Written,
) -> FieldReport:
    local = timezone.localtime(at)
    report = FieldReport.objects.create(
        code=_next_code(where.commune, local.year),
        token=secrets.token_urlsafe(18),
        unit=where.handler,
        unit_path=where.handler.path,
        village=where.village,
        category=category,
        channel=channel,
        description=cleaned["description"],
        search_text=search_key(f"{cleaned['description']} {cleaned['address']}"),
        attributes=answers,
        lat=as_decimal(where.point.lat if where.point else None),
        long=as_decimal(where.point.long if where.point else None),
        public_lat=as_decimal(where.public_point.lat if where.public_point else None),
        public_long=as_decimal(where.public_point.long if where.public_point else None),
        address=cleaned["address"],
        reporter_name=cleaned["name"],
        reporter_phone=cleaned["phone"],
        reporter_email=cleaned["email"],
        device_id=cleaned["device_id"],
        account_id=cleaned["account_id"],
        api_key=api_key,
        media_url=cleaned["media_url"],
        due=due,
        received_at=at,
        updated_at=at,
        entered_by=by,
    )
    for photo in photos:
        photo_store(Photo(report=report), photo, written=written)
    Update.objects.create(
        report=report, status=report.status, action="", note="", by=by, api_key=api_key, at=at
    )
    inbox_post(
        recipients=officers,
        kind="field_report",
        text=_("New field report %(code)s: %(category)s") % {"code": report.code, "category": category.name},
        link=reverse("fieldreports:detail", args=[report.pk]),
        obj=report,
        unit_path=report.unit_path,
        exclude=by,
    )
    if cleaned["description"]:  # what the citizen wrote is heard with the rest of public opinion
        signal_record(
            text=cleaned["description"], unit=where.village or where.commune, source_kind=SIGNAL_SOURCE,
            source_id=report.pk, at=at, new_source=True,
        )  # fmt: skip
    tell_reporter(report, kind="received")
    event_record(
        actor=by,
        action="fieldreports.receive",
        obj=report,
        unit=where.handler,
        details={
            "code": report.code,
            "category": category.code,
            "channel": channel,
            "api_key": api_key.prefix if api_key is not None else "",
        },
    )
    return report
