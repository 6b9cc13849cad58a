"""Public disclosures (công khai, Law 10/2022 Art. 11–13): recording one, correcting it, adding its documents and
withdrawing it with a reason. Each change is one transaction with its audit event and its search document; every
problem of the input is reported at once, in Vietnamese, and nothing is saved.

The law's periods are checked by `gandan.core.democracy.disclosure` (the rule in force on the day of the decision):
the posting may not start before the decision; it lasts at least 30 consecutive days (the end, when left empty, is
that minimum), items 4 and 13 stay posted permanently (no end); items 7–12 go on the commune loudspeakers too, at
least 3 consecutive days. The deadline to disclose (5 working days after the decision, on the working calendar) and
the legal basis are copied when the disclosure is recorded, and computed again only when its item or decision date
is corrected: a later change of the calendar does not move a past deadline."""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Perm
from gandan.accounts.scope import in_user_scope
from gandan.audit.services import event_record
from gandan.core.democracy import disclosure as rules
from gandan.core.democracy.disclosure import PeriodProblem
from gandan.core.vntext import normalize, search_key
from gandan.democracy.models import Disclosure, DisclosureDocument
from gandan.democracy.models.disclosures import Channel
from gandan.democracy.search import disclosure_index
from gandan.errors import Conflict, DomainError, NotAllowed, too_long
from gandan.kit.office_files import document_check
from gandan.kit.uploads import CheckedUpload, UploadRefused
from gandan.units.models import COMMUNE_KINDS, Unit
from gandan.workcalendar.selectors import work_calendar

MANAGE = Perm.DEMOCRACY_MANAGE
MAX_DOCUMENTS = 20
SUMMARY_LENGTH = 10_000
REASON_LENGTH = 300  # the model's column
LOUDSPEAKER_MAX = 366
START_AHEAD_MAX = dt.timedelta(days=366)  # a posting is planned for the coming months, not years
_DAY = "%d/%m/%Y"
# Fields whose change is worth naming in the trail (in the order of the form).
_TRACKED = (
    "item",
    "title",
    "summary",
    "decision_ref",
    "decided_on",
    "channels",
    "start",
    "end",
    "loudspeaker_days",
)


def require(by: User | None) -> None:
    if by is None or not by.can(MANAGE):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))


def check_in_scope(by: User, disclosure: Disclosure) -> None:
    if not in_user_scope(by, disclosure.unit_path):
        raise NotAllowed("out_of_scope", _("You can only act on the disclosures of your own units."))


def _day(value: dt.date) -> str:
    return value.strftime(_DAY)


def _rule(item: Any, decided: dt.date | None, errors: dict[str, str]) -> rules.DisclosureRule | None:
    if not isinstance(item, int) or isinstance(item, bool) or item not in rules.ITEMS:
        errors["item"] = _("Choose the item of Art. 11 of Law 10/2022 being disclosed (1 to 14).")
        return None
    if decided is None:
        return None
    try:
        return rules.rule_for(item, decided)
    except LookupError:
        errors["decided_on"] = _(
            "Law 10/2022/QH15 applies to decisions from %(day)s: enter the date of the decision or document."
        ) % {"day": _day(rules.LAW_10_IN_FORCE)}
        return None


def _channels(channels: Iterable[str] | None, errors: dict[str, str]) -> list[str]:
    chosen = {str(c) for c in channels or []}
    unknown = chosen - set(Channel.values)
    if unknown:
        errors["channels"] = _("Choose the channels from the list.")
    elif not chosen:
        errors["channels"] = _(
            "Choose at least one channel: the notice board at the commune office, the village cultural houses, "
            "the portal, the loudspeakers…"
        )
    return [c for c in Channel.values if c in chosen]  # in the list's order, each once


def _period_messages(
    problems: list[PeriodProblem],
    rule: rules.DisclosureRule,
    *,
    decided: dt.date,
    start: dt.date,
    end: dt.date | None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    for problem in problems:
        if problem is PeriodProblem.START_BEFORE_DECISION:
            errors["start"] = _(
                "The posting cannot start (%(start)s) before the decision it discloses (%(decided)s)."
            ) % {"start": _day(start), "decided": _day(decided)}
        elif problem is PeriodProblem.END_ON_PERMANENT:
            errors["end"] = _(
                "Item %(item)s is posted permanently and updated when it changes (Art. 13 of Law 10/2022): "
                "leave the end date empty."
            ) % {"item": rule.item}
        elif problem is PeriodProblem.END_BEFORE_START and end is not None:
            errors["end"] = _("The end of the posting (%(end)s) cannot be before its start (%(start)s).") % {
                "end": _day(end),
                "start": _day(start),
            }
        elif problem is PeriodProblem.TOO_SHORT:
            errors["end"] = _(
                "Item %(item)s must stay posted at least %(days)s consecutive days (Art. 13 of Law 10/2022): "
                "starting on %(start)s, the end can be no earlier than %(min)s."
            ) % {
                "item": rule.item,
                "days": rule.posting_days,
                "start": _day(start),
                "min": _day(rules.last_required_day(start, rule.posting_days or 1)),
            }
        elif problem is PeriodProblem.LOUDSPEAKER_TOO_SHORT:
            errors["loudspeaker_days"] = _(
                "Item %(item)s must be broadcast on the commune loudspeakers at least %(days)s consecutive days "
                "(Art. 13 of Law 10/2022)."
            ) % {"item": rule.item, "days": rule.loudspeaker_days}
    return errors


def _clean(
    *,
    item: Any,
    title: str,
    summary: str,
    decision_ref: str,
    decided_on: dt.date | None,
    channels: Iterable[str] | None,
    start: dt.date | None,
    end: dt.date | None,
    loudspeaker_days: int | None,
    today: dt.date,
    errors: dict[str, str],
) -> dict[str, Any]:
    """Every field checked and completed (the end and loudspeaker days the law asks for when left empty)."""
    values: dict[str, Any] = {
        "title": normalize(title or ""),
        "summary": normalize(summary or "", multiline=True),
        "decision_ref": normalize(decision_ref or ""),
    }
    if not values["title"]:
        errors["title"] = _("Give the disclosure its title, e.g. “Dự toán ngân sách xã năm 2026”.")
    for key, limit in (("title", 300), ("summary", SUMMARY_LENGTH), ("decision_ref", 200)):
        if problem := too_long(values[key], max_length=limit):
            errors.setdefault(key, problem)
    if decided_on is None:
        errors["decided_on"] = _("Enter the date of the decision or document being disclosed.")
    elif decided_on > today:
        errors["decided_on"] = _(
            "The decision's date (%(day)s) is in the future: enter the day it was signed."
        ) % {"day": _day(decided_on)}
    rule = _rule(item, decided_on, errors)
    chosen = _channels(channels, errors)
    if end is not None and start is None:
        errors["end"] = _("Enter the start of the posting before its end.")
    if (
        start is not None and start > today + START_AHEAD_MAX
    ):  # 2062 typed for 2026: never shown, never "late"
        errors["start"] = _(
            "The start of the posting (%(start)s) is more than a year ahead: check the year."
        ) % {"start": _day(start)}
    if rule is not None and decided_on is not None and start is not None:
        if end is None and not rule.permanent:
            end = rules.default_end(start, rule)
        if rule.loudspeaker_days is not None and loudspeaker_days is None:
            loudspeaker_days = rule.loudspeaker_days
        problems = rules.period_problems(
            rule, decided=decided_on, start=start, end=end, loudspeaker_days=loudspeaker_days
        )
        for field, message in _period_messages(
            problems, rule, decided=decided_on, start=start, end=end
        ).items():
            errors.setdefault(field, message)
    if rule is not None and rule.loudspeaker_days is not None:
        if loudspeaker_days is None:
            loudspeaker_days = rule.loudspeaker_days
        elif 1 <= loudspeaker_days < rule.loudspeaker_days and "loudspeaker_days" not in errors:
            short = [PeriodProblem.LOUDSPEAKER_TOO_SHORT]
            errors.update(_period_messages(short, rule, decided=today, start=today, end=None))
        if Channel.LOUDSPEAKER not in chosen and "channels" not in errors:
            errors["channels"] = _(
                "Item %(item)s is also announced on the commune loudspeakers (Art. 13 of Law 10/2022): tick "
                "“Commune loudspeakers”."
            ) % {"item": rule.item}
    if loudspeaker_days is not None:
        if not 1 <= loudspeaker_days <= LOUDSPEAKER_MAX:
            errors.setdefault(
                "loudspeaker_days",
                _("Enter a number of days between 1 and %(max)s.") % {"max": LOUDSPEAKER_MAX},
            )
        elif Channel.LOUDSPEAKER not in chosen and "channels" not in errors:
            errors["loudspeaker_days"] = _(
                "Tick “Commune loudspeakers” among the channels, or leave the days on the loudspeakers empty."
            )
    values.update(
        item=item,
        decided_on=decided_on,
        channels=chosen,
        start=start,
        end=end,
        loudspeaker_days=loudspeaker_days,
    )
    values["rule"] = rule
    return values


def _check_commune(by: User, unit: Unit | None, errors: dict[str, str]) -> None:
    if unit is None or unit.kind not in COMMUNE_KINDS or unit.valid_to is not None:
        errors["unit"] = _("Choose the commune or ward that discloses.")
    elif not in_user_scope(by, unit.path):
        errors["unit"] = _("You can only record the disclosures of your own commune.")


def _checked_documents(uploads: Sequence[object], errors: dict[str, str]) -> list[CheckedUpload]:
    checked: list[CheckedUpload] = []
    if len(uploads) > MAX_DOCUMENTS:
        errors["documents"] = _("A disclosure has at most %(n)s documents.") % {"n": MAX_DOCUMENTS}
        return checked
    for upload in uploads:
        try:
            checked.append(upload if isinstance(upload, CheckedUpload) else document_check(upload))
        except UploadRefused as refused:
            errors.setdefault("documents", str(refused.message))
    return checked


def _store_document(
    disclosure: Disclosure, checked: CheckedUpload, *, name: str, by: User
) -> DisclosureDocument:
    shown = normalize(name or "") or checked.original_name
    if len(shown) > 200:
        stem, dot, extension = shown.rpartition(".")
        shown = f"{stem[: 199 - len(extension)]}.{extension}" if dot and len(extension) <= 10 else shown[:200]
    return DisclosureDocument.objects.create(
        disclosure=disclosure,
        file=checked.as_file(),
        name=shown,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=by,
    )


def _apply(disclosure: Disclosure, values: dict[str, Any], *, recompute: bool) -> None:
    rule = values["rule"]
    for key in _TRACKED:
        setattr(disclosure, key, values[key])
    disclosure.title_search = search_key(f"{values['title']} {values['summary']}")[:800]
    if recompute:
        disclosure.deadline = rules.disclose_by(values["decided_on"], rule, calendar=work_calendar())
        disclosure.legal_basis = rule.legal_basis[:300]
        disclosure.permanent = rule.permanent


@transaction.atomic
def disclosure_create(
    *,
    unit: Unit,
    item: int,
    title: str,
    decided_on: dt.date | None,
    channels: Iterable[str],
    summary: str = "",
    decision_ref: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
    loudspeaker_days: int | None = None,
    documents: Sequence[object] = (),
    by: User,
) -> Disclosure:
    """Record the disclosure of an Art. 11 item by `unit` (a commune of the officer's units). With no `start` it is
    recorded as decided and not yet posted (due, then late after its deadline); with no `end`, a posting lasts the
    legal minimum. `documents` are uploads (PDF, JPG, PNG, Word .docx, Excel .xlsx; 10 MB each)."""
    require(by)
    errors: dict[str, str] = {}
    _check_commune(by, unit, errors)
    values = _clean(
        item=item,
        title=title,
        summary=summary,
        decision_ref=decision_ref,
        decided_on=decided_on,
        channels=channels,
        start=start,
        end=end,
        loudspeaker_days=loudspeaker_days,
        today=timezone.localdate(),
        errors=errors,
    )
    checked = _checked_documents(list(documents or ()), errors)
    if errors:
        raise DomainError("disclosure_invalid", errors=errors)
    disclosure = Disclosure(unit=unit, unit_path=unit.path, created_by=by)
    _apply(disclosure, values, recompute=True)
    disclosure.save()
    for upload in checked:
        _store_document(disclosure, upload, name="", by=by)
    event_record(
        actor=by,
        action="democracy.disclosure_create",
        obj=disclosure,
        unit=unit,
        details={
            "item": disclosure.item,
            "deadline": disclosure.deadline.isoformat(),
            "start": disclosure.start.isoformat() if disclosure.start else "",
            "end": disclosure.end.isoformat() if disclosure.end else "",
            "documents": len(checked),
        },
    )
    disclosure_index(disclosure)
    return disclosure


def _lock(disclosure: Disclosure) -> Disclosure:
    return Disclosure.objects.select_for_update(of=("self",)).select_related("unit").get(pk=disclosure.pk)


@transaction.atomic
def disclosure_update(
    *,
    disclosure: Disclosure,
    item: int,
    title: str,
    decided_on: dt.date | None,
    channels: Iterable[str],
    summary: str = "",
    decision_ref: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
    loudspeaker_days: int | None = None,
    by: User,
) -> Disclosure:
    """Correct a disclosure of the officer's units that is not withdrawn (e.g. enter the day it went up on the
    boards). Its deadline and legal basis are computed again only when its item or decision date changes."""
    require(by)
    check_in_scope(by, disclosure)
    disclosure = _lock(disclosure)
    if disclosure.withdrawn_on is not None:
        raise Conflict(
            "disclosure_withdrawn", _("This disclosure was withdrawn: it can no longer be changed.")
        )
    errors: dict[str, str] = {}
    values = _clean(
        item=item,
        title=title,
        summary=summary,
        decision_ref=decision_ref,
        decided_on=decided_on,
        channels=channels,
        start=start,
        end=end,
        loudspeaker_days=loudspeaker_days,
        today=timezone.localdate(),
        errors=errors,
    )
    if errors:
        raise DomainError("disclosure_invalid", errors=errors)
    changed = [k for k in _TRACKED if getattr(disclosure, k) != values[k]]
    if not changed:
        return disclosure
    recompute = disclosure.item != values["item"] or disclosure.decided_on != values["decided_on"]
    _apply(disclosure, values, recompute=recompute)
    disclosure.save()
    event_record(
        actor=by,
        action="democracy.disclosure_update",
        obj=disclosure,
        unit=disclosure.unit,
        details={"fields": ", ".join(changed), "deadline": disclosure.deadline.isoformat()},
    )
    disclosure_index(disclosure)
    return disclosure


@transaction.atomic
def disclosure_withdraw(*, disclosure: Disclosure, reason: str, by: User) -> Disclosure:
    """Take a disclosure down (a wrong document, a decision annulled, a permanent list replaced by a new one): it
    leaves the public pages at once and stays in the compliance list as withdrawn, with the reason."""
    require(by)
    check_in_scope(by, disclosure)
    disclosure = _lock(disclosure)
    if disclosure.withdrawn_on is not None:
        raise Conflict("disclosure_withdrawn", _("This disclosure was already withdrawn."))
    reason = normalize(reason or "")
    if not reason:
        raise DomainError("reason_required", _("Say why the disclosure is withdrawn."), field="reason")
    if problem := too_long(reason, max_length=REASON_LENGTH):
        raise DomainError("reason_too_long", problem, field="reason")
    disclosure.withdrawn_on = timezone.localdate()
    disclosure.withdraw_reason = reason
    disclosure.save(update_fields=["withdrawn_on", "withdraw_reason"])
    event_record(
        actor=by,
        action="democracy.disclosure_withdraw",
        obj=disclosure,
        unit=disclosure.unit,
        details={"reason": reason},
    )
    return disclosure


@transaction.atomic
def document_add(*, disclosure: Disclosure, upload: object, name: str = "", by: User) -> DisclosureDocument:
    """Attach one document (PDF, JPG, PNG, Word .docx or Excel .xlsx, checked by its content, at most 10 MB) to a
    disclosure of the officer's units that is not withdrawn. `name` is what the public page calls it (the file's
    name when empty)."""
    require(by)
    check_in_scope(by, disclosure)
    disclosure = _lock(disclosure)
    if disclosure.withdrawn_on is not None:
        raise Conflict("disclosure_withdrawn", _("This disclosure was withdrawn: no document can be added."))
    if disclosure.documents.count() >= MAX_DOCUMENTS:
        raise Conflict(
            "documents_full", _("A disclosure has at most %(n)s documents.") % {"n": MAX_DOCUMENTS}
        )
    if upload is None:
        raise DomainError(
            "upload_required",
            _("Choose a file: PDF, JPG, PNG, Word (.docx) or Excel (.xlsx)."),
            field="upload",
        )
    name = normalize(name or "")
    if problem := too_long(name, max_length=200):
        raise DomainError("name_too_long", problem, field="name")
    try:
        checked = upload if isinstance(upload, CheckedUpload) else document_check(upload)
    except UploadRefused as refused:
        raise DomainError(f"document_{refused.code}", refused.message, field="upload") from refused
    document = _store_document(disclosure, checked, name=name, by=by)
    event_record(
        actor=by,
        action="democracy.document_add",
        obj=disclosure,
        unit=disclosure.unit,
        details={"file": document.name, "kind": document.content_type},
    )
    return document
