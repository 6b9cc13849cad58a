"""The life of a village covenant (hương ước, quy ước; Decree 61/2023, DOMAIN.md §6.7), every move checked by
`gandan.core.democracy.covenants.can_move`:

draft (its text is version 1) → consultation of the people (a consultation of subject "covenant", linked or made
here) → the households' vote (a `Vote` of matter 3, or the meeting's count typed in: more than half of all
households present and more than half of all households agreeing) → adopted → the recognition dossier sent by the
village head (5 working days after adoption) → recognised by the commune chairman with his decision (5 working days
after sending) or refused with a reason → in force. An amendment is a new covenant replacing the one in force, which
becomes superseded on the day the amendment is recognised; a covenant in force may be suspended, resumed, abolished.

The deadlines are computed on the working calendar (gandan.workcalendar) when the step before is done, and kept:
a later change of the calendar does not move a past deadline."""

import datetime as dt
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.scope import in_user_scope
from gandan.audit.services import event_record
from gandan.core.democracy import covenants as rules
from gandan.core.democracy.covenants import CovenantState
from gandan.core.democracy.votes import LAW_10_IN_FORCE, Matter
from gandan.core.vntext import normalize
from gandan.democracy.models import Consultation, Covenant, CovenantVersion, Vote
from gandan.democracy.models.covenants import STATE_LABELS
from gandan.democracy.services.consultations import SectionText, consultation_create
from gandan.errors import DomainError, NotAllowed, too_long
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, Unit
from gandan.workcalendar.selectors import work_calendar

MANAGE = "democracy.manage"
RECOGNISE = "democracy.recognise"
TITLE_MAX = 300
TEXT_MAX = 200_000
NOTE_MAX = 300
REASON_MAX = 300
DECISION_MAX = 100
HOUSEHOLDS_MAX = 100_000
S = CovenantState
#: A covenant still on its way (a village has at most one, besides the one in force).
PREPARING = (S.DRAFT, S.CONSULTATION, S.VOTING, S.ADOPTED, S.SUBMITTED, S.REFUSED)
STANDING = (S.IN_FORCE, S.SUSPENDED)

__all__ = [
    "covenant_abolish",
    "covenant_adoption_record",
    "covenant_amend",
    "covenant_consult",
    "covenant_create",
    "covenant_recognise",
    "covenant_redraft",
    "covenant_refuse",
    "covenant_resume",
    "covenant_revise",
    "covenant_submit",
    "covenant_suspend",
    "covenant_to_vote",
]


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _require(by: User | None, perm: str = MANAGE) -> None:
    if by is None or not by.can(perm):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))


def _raise(errors: dict[str, str], code: str = "covenant_invalid") -> None:
    if errors:
        raise DomainError(code, errors=errors)


def _commune_of(village: Unit) -> Unit | None:
    parts = village.path.split(".")
    ancestors = [".".join(parts[:n]) for n in range(1, len(parts))]
    return Unit.objects.filter(path__in=ancestors, kind__in=COMMUNE_KINDS).order_by("-depth").first()


def _locked(covenant: Covenant, by: User) -> Covenant:
    found = Covenant.objects.select_for_update(of=("self",)).select_related("village").get(pk=covenant.pk)
    if not in_user_scope(by, found.unit_path):
        raise DomainError("unit_out_of_scope", _("You can only act for your own unit."))
    return found


def _move(
    covenant: Covenant, target: S, *, by: User, fields: list[str], details: Mapping[str, object] | None = None
) -> None:
    """Move `covenant` (locked) to `target` if the covenant's life allows it, save `fields` with the state, audit."""
    current = covenant.state
    if not rules.can_move(current, target):
        raise DomainError(
            "covenant_state",
            _("A covenant “%(state)s” cannot go to “%(target)s”.")
            % {"state": covenant.state_label, "target": STATE_LABELS[target]},
        )
    covenant.state = target
    covenant.save(update_fields=["state", *fields])
    event_record(
        actor=by,
        action="democracy.covenant_move",
        obj=covenant,
        unit=covenant.village,
        details={"from": current, "to": str(target), **(details or {})},
    )


def _text(value: str, errors: dict[str, str], *, name: str = "text") -> str:
    text = normalize(value or "", multiline=True)
    if not text:
        errors[name] = _("Write the text of the covenant.")
    elif problem := too_long(text, max_length=TEXT_MAX):
        errors[name] = problem
    return text


def _title(value: str, errors: dict[str, str]) -> str:
    title = normalize(value or "")
    if not title:
        errors["title"] = _("Enter the title, e.g. “Hương ước thôn Bến Đò”.")
    elif problem := too_long(title, max_length=TITLE_MAX):
        errors["title"] = problem
    return title


def _check_day(
    value: dt.date | None, *, name: str, after: dt.date | None, after_label: str, errors: dict[str, str]
) -> None:
    today = timezone.localdate()
    if value is None:
        errors[name] = _("Enter the date, as dd/mm/yyyy.")
    elif value > today:
        errors[name] = _("The date cannot be after today (%(today)s).") % {"today": _day(today)}
    elif after is not None and value < after:
        errors[name] = _("The date cannot be before %(what)s (%(day)s).") % {
            "what": after_label,
            "day": _day(after),
        }


def _add_version(covenant: Covenant, *, text: str, note: str, by: User) -> CovenantVersion:
    last = covenant.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return CovenantVersion.objects.create(covenant=covenant, number=last + 1, text=text, note=note, by=by)


# --- Drafting ------------------------------------------------------------------------------------------------------


def _check_village(by: User, village: Unit | None, errors: dict[str, str]) -> Unit | None:
    if village is None or village.kind not in GRASSROOTS_KINDS or village.valid_to is not None:
        errors["village"] = _("Choose the village or residential group whose covenant it is.")
        return None
    if not in_user_scope(by, village.path):
        raise DomainError("unit_out_of_scope", _("You can only act for your own unit."), field="village")
    return _commune_of(village)


@transaction.atomic
def covenant_create(
    *, village: Unit, title: str, text: str, note: str = "", by: User, replaces: Covenant | None = None
) -> Covenant:
    """Draft a village's covenant: its title and text (version 1). A village with a covenant in force amends it
    (`covenant_amend`) instead, and has at most one covenant in preparation at a time."""
    _require(by)
    errors: dict[str, str] = {}
    commune = _check_village(by, village, errors)
    title = _title(title, errors)
    text = _text(text, errors)
    note = normalize(note or "")
    if problem := too_long(note, max_length=NOTE_MAX):
        errors["note"] = problem
    if "village" not in errors:
        siblings = Covenant.objects.select_for_update(of=("self",)).filter(unit_path=village.path)
        preparing = siblings.filter(state__in=PREPARING).first()
        standing = siblings.filter(state__in=STANDING).first()
        if preparing is not None:
            errors["village"] = _("%(village)s already has a covenant in preparation: “%(title)s”.") % {
                "village": village.name,
                "title": preparing.title,
            }
        elif replaces is None and standing is not None:
            errors["village"] = _("%(village)s has a covenant in force (“%(title)s”): amend it instead.") % {
                "village": village.name,
                "title": standing.title,
            }
        elif replaces is not None and (standing is None or standing.pk != replaces.pk):
            errors["village"] = _("Only the covenant in force of the village can be amended.")
        elif commune is None:
            errors["village"] = _("Choose the village or residential group whose covenant it is.")
    _raise(errors)
    assert commune is not None
    covenant = Covenant.objects.create(
        village=village,
        unit_path=village.path,
        commune_path=commune.path,
        title=title,
        replaces=replaces,
        created_by=by,
    )
    _add_version(covenant, text=text, note=note or ("Dự thảo sửa đổi" if replaces else "Dự thảo"), by=by)
    event_record(
        actor=by,
        action="democracy.covenant_create",
        obj=covenant,
        unit=village,
        details={"to": S.DRAFT, "replaces": replaces.pk if replaces else None},
    )
    return covenant


@transaction.atomic
def covenant_amend(*, covenant: Covenant, title: str, text: str, note: str, by: User) -> Covenant:
    """Start an amendment of a covenant in force: a new covenant of the same village, its text the amended one,
    that goes through consultation, vote and recognition; the covenant in force stays in force until then."""
    _require(by)
    covenant = _locked(covenant, by)
    if covenant.state not in STANDING:
        raise DomainError("covenant_state", _("Only a covenant in force can be amended."))
    errors: dict[str, str] = {}
    if not normalize(note or ""):
        errors["note"] = _("Say what the amendment changes.")
    _raise(errors)
    return covenant_create(
        village=covenant.village, title=title, text=text, note=note, by=by, replaces=covenant
    )


@transaction.atomic
def covenant_revise(*, covenant: Covenant, text: str, note: str, by: User) -> CovenantVersion:
    """A new version of the text (after the people's opinions, or a refusal), kept beside the earlier ones. Only
    while the covenant is a draft, under consultation or refused."""
    _require(by)
    covenant = _locked(covenant, by)
    if covenant.state not in (S.DRAFT, S.CONSULTATION, S.REFUSED):
        raise DomainError(
            "covenant_state", _("The text can be changed only before the vote, or after a refusal.")
        )
    errors: dict[str, str] = {}
    text = _text(text, errors)
    note = normalize(note or "")
    if not note:
        errors["note"] = _("Say what changed in this version.")
    elif problem := too_long(note, max_length=NOTE_MAX):
        errors["note"] = problem
    _raise(errors)
    version = _add_version(covenant, text=text, note=note, by=by)
    event_record(
        actor=by,
        action="democracy.covenant_revise",
        obj=covenant,
        unit=covenant.village,
        details={"version": version.number},
    )
    return version


def _current_text(covenant: Covenant) -> str:
    version = covenant.versions.order_by("-number").first()
    return version.text if version is not None else ""


@transaction.atomic
def covenant_consult(
    *,
    covenant: Covenant,
    by: User,
    consultation: Consultation | None = None,
    opens: dt.date | None = None,
    closes: dt.date | None = None,
) -> Consultation:
    """Put the draft to the people: link a consultation of subject "covenant" of the village's commune, or prepare
    one here from the current text (from `opens` to `closes`; it is opened from its own page)."""
    _require(by)
    covenant = _locked(covenant, by)
    if not rules.can_move(covenant.state, S.CONSULTATION):
        raise DomainError("covenant_state", _("Only a draft can be put to the people's opinion."))
    if consultation is not None:
        if not in_user_scope(by, consultation.unit_path) or consultation.unit_path != covenant.commune_path:
            raise DomainError(
                "covenant_invalid", _("Choose a consultation of the village's commune."), field="consultation"
            )
        if consultation.subject != Consultation.Subject.COVENANT:
            raise DomainError(
                "covenant_invalid", _("Choose a consultation on a village covenant."), field="consultation"
            )
        if Covenant.objects.filter(consultation=consultation).exclude(pk=covenant.pk).exists():
            raise DomainError(
                "covenant_invalid",
                _("This consultation is already linked to another covenant."),
                field="consultation",
            )
    else:
        commune = Unit.objects.get(path=covenant.commune_path)
        consultation = consultation_create(
            commune=commune,
            subject=Consultation.Subject.COVENANT,
            title=f"Lấy ý kiến dự thảo {covenant.title}"[:300],
            introduction=(
                f"Nhân dân {covenant.village.name} cho ý kiến về dự thảo {covenant.title} trước khi các hộ gia đình "
                "biểu quyết (Nghị định 61/2023/NĐ-CP)."
            ),
            opens=opens,
            closes=closes,
            sections=[SectionText("Toàn văn dự thảo", _current_text(covenant))],
            by=by,
        )
    covenant.consultation = consultation
    _move(covenant, S.CONSULTATION, by=by, fields=["consultation"], details={"consultation": consultation.pk})
    return consultation


@transaction.atomic
def covenant_redraft(*, covenant: Covenant, by: User) -> Covenant:
    """Back to drafting: after the consultation, or after a refusal, to revise the text."""
    _require(by)
    covenant = _locked(covenant, by)
    _move(covenant, S.DRAFT, by=by, fields=[])
    return covenant


@transaction.atomic
def covenant_to_vote(*, covenant: Covenant, by: User) -> Covenant:
    """The households vote on the text. After a consultation, its summary must be published first: the people vote
    on a text whose comments were answered."""
    _require(by)
    covenant = _locked(covenant, by)
    if covenant.state == S.CONSULTATION and covenant.consultation_id is not None:
        status = (
            Consultation.objects.filter(pk=covenant.consultation_id).values_list("status", flat=True).first()
        )
        if status != Consultation.Status.PUBLISHED:
            raise DomainError(
                "covenant_state",
                _("Publish the summary of the consultation first: the households vote on a text whose comments "
                  "were answered."),
            )  # fmt: skip
    _move(covenant, S.VOTING, by=by, fields=[])
    return covenant


# --- Adoption and recognition ---------------------------------------------------------------------------------------


def _count(value: object, name: str, errors: dict[str, str], *, lo: int) -> int | None:
    if value is None or value == "":
        errors[name] = _("Enter a whole number.")
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= HOUSEHOLDS_MAX:
        errors[name] = _("Enter a whole number between %(min)s and %(max)s.") % {
            "min": lo,
            "max": HOUSEHOLDS_MAX,
        }
        return None
    return value


@transaction.atomic
def covenant_adoption_record(
    *,
    covenant: Covenant,
    by: User,
    vote: Vote | None = None,
    households: int | None = None,
    present: int | None = None,
    yes: int | None = None,
    voted_on: dt.date | None = None,
) -> Covenant:
    """The households' decision on the covenant under vote: a counted `Vote` of matter 3 of the same village, or
    the meeting's count typed in (all households of the village, those present, those who agreed, the day). It is
    adopted when more than half of all households attended and more than half of all households agreed; otherwise
    it goes back to drafting, with the reason. Adopted: the dossier is due 5 working days later."""
    _require(by)
    covenant = _locked(covenant, by)
    if covenant.state != S.VOTING:
        raise DomainError("covenant_state", _("Put the covenant to the households' vote first."))
    errors: dict[str, str] = {}
    if vote is not None:
        if vote.matter != Matter.COVENANT or vote.unit_path != covenant.unit_path:
            errors["vote"] = _("Choose a vote of the village on its covenant (matter 3 of Art. 15).")
        elif vote.passed is None or vote.counted_at is None:
            errors["vote"] = _("This vote has not been counted yet.")
        _raise(errors)
        assert vote.counted_at is not None
        passed = bool(vote.passed)
        day = timezone.localdate(vote.counted_at)
        covenant.vote = vote
        covenant.households = covenant.present = covenant.yes = None
        reason = _("The vote did not pass.") if not passed else ""
        details = {"vote": vote.pk}
    else:
        counts = {
            name: _count(value, name, errors, lo=1 if name == "households" else 0)
            for name, value in (("households", households), ("present", present), ("yes", yes))
        }
        _check_day(voted_on, name="voted_on", after=LAW_10_IN_FORCE, after_label=_("Law 10/2022 in force"),
                   errors=errors)  # fmt: skip
        n, p, y = counts["households"], counts["present"], counts["yes"]
        if n is not None and p is not None and p > n:
            errors["present"] = _(
                "More households present (%(present)s) than in the village (%(households)s)."
            ) % {
                "present": p,
                "households": n,
            }
        if p is not None and y is not None and y > p:
            errors["yes"] = _("More households agreeing (%(yes)s) than present (%(present)s).") % {
                "yes": y,
                "present": p,
            }
        _raise(errors)
        assert n is not None and p is not None and y is not None and voted_on is not None
        result = rules.adoption(households=n, present=p, yes=y, on=voted_on)
        passed, day = result.passed, voted_on
        covenant.vote = None
        covenant.households, covenant.present, covenant.yes = n, p, y
        if not result.quorum:
            reason = _(
                "Not adopted: %(present)s of %(households)s households attended, more than half are needed."
            ) % {
                "present": p,
                "households": n,
            }
        elif not passed:
            reason = _(
                "Not adopted: %(yes)s of %(households)s households agreed, %(needed)s were needed."
            ) % {
                "yes": y,
                "households": n,
                "needed": result.needed,
            }
        else:
            reason = ""
        details = {"households": n, "present": p, "yes": y, "needed": result.needed}
    fields = ["vote", "households", "present", "yes", "reason"]
    covenant.reason = reason[:REASON_MAX]
    if passed:
        covenant.adopted_on = day
        covenant.send_by = rules.send_by(day, calendar=work_calendar())
        _move(covenant, S.ADOPTED, by=by, fields=[*fields, "adopted_on", "send_by"], details=details)
    else:
        _move(covenant, S.DRAFT, by=by, fields=fields, details=details)
    return covenant


@transaction.atomic
def covenant_submit(*, covenant: Covenant, submitted_on: dt.date | None, by: User) -> Covenant:
    """The village head sent the recognition dossier (request, minutes, adopted text) on `submitted_on`: the
    chairman's answer is due 5 working days later."""
    _require(by)
    covenant = _locked(covenant, by)
    if covenant.state != S.ADOPTED:
        raise DomainError("covenant_state", _("Only an adopted covenant is sent for recognition."))
    errors: dict[str, str] = {}
    _check_day(submitted_on, name="submitted_on", after=covenant.adopted_on, after_label=_("its adoption"),
               errors=errors)  # fmt: skip
    _raise(errors)
    assert submitted_on is not None
    covenant.submitted_on = submitted_on
    covenant.recognise_by = rules.recognise_by(submitted_on, calendar=work_calendar())
    late = rules.late(covenant.send_by, done_on=submitted_on, today=submitted_on)
    _move(covenant, S.SUBMITTED, by=by, fields=["submitted_on", "recognise_by"],
          details={"day": submitted_on.isoformat(), "late": late})  # fmt: skip
    return covenant


@transaction.atomic
def covenant_recognise(
    *, covenant: Covenant, decision_ref: str, recognised_on: dt.date | None, by: User
) -> Covenant:
    """The commune chairman recognises the covenant by his decision: it is in force from `recognised_on`, and the
    covenant it amends, if any, is replaced that day."""
    _require(by, RECOGNISE)
    covenant = _locked(covenant, by)
    if covenant.state != S.SUBMITTED:
        raise DomainError("covenant_state", _("Only a covenant sent for recognition can be recognised."))
    errors: dict[str, str] = {}
    decision_ref = normalize(decision_ref or "")
    if not decision_ref:
        errors["decision_ref"] = _("Enter the number of the recognition decision, e.g. “15/QĐ-UBND”.")
    elif problem := too_long(decision_ref, max_length=DECISION_MAX):
        errors["decision_ref"] = problem
    _check_day(recognised_on, name="recognised_on", after=covenant.submitted_on, after_label=_("the dossier was sent"),
               errors=errors)  # fmt: skip
    _raise(errors)
    assert recognised_on is not None
    covenant.decision_ref = decision_ref
    covenant.recognised_on = recognised_on
    covenant.reason = ""
    late = rules.late(covenant.recognise_by, done_on=recognised_on, today=recognised_on)
    _move(covenant, S.IN_FORCE, by=by, fields=["decision_ref", "recognised_on", "reason"],
          details={"number": decision_ref, "day": recognised_on.isoformat(), "late": late})  # fmt: skip
    if covenant.replaces_id is not None:
        old = _locked(Covenant(pk=covenant.replaces_id), by)
        old.ended_on = recognised_on
        _move(old, S.SUPERSEDED, by=by, fields=["ended_on"], details={"by_covenant": covenant.pk})
    return covenant


@transaction.atomic
def covenant_refuse(*, covenant: Covenant, reason: str, by: User) -> Covenant:
    """The commune chairman refuses recognition, in writing, with the reason: the village revises the text."""
    _require(by, RECOGNISE)
    covenant = _locked(covenant, by)
    if covenant.state != S.SUBMITTED:
        raise DomainError("covenant_state", _("Only a covenant sent for recognition can be refused."))
    covenant.reason = _reason(reason)
    _move(covenant, S.REFUSED, by=by, fields=["reason"], details={"reason": covenant.reason})
    return covenant


def _reason(value: str) -> str:
    reason = normalize(value or "")
    if not reason:
        raise DomainError("covenant_invalid", _("Give the reason."), field="reason")
    if problem := too_long(reason, max_length=REASON_MAX):
        raise DomainError("covenant_invalid", problem, field="reason")
    return reason


@transaction.atomic
def covenant_suspend(*, covenant: Covenant, reason: str, by: User) -> Covenant:
    """Suspend a covenant in force (a part contrary to the law, Decree 61/2023 Art. 12), with the reason."""
    _require(by, RECOGNISE)
    covenant = _locked(covenant, by)
    covenant.reason = _reason(reason)
    _move(covenant, S.SUSPENDED, by=by, fields=["reason"], details={"reason": covenant.reason})
    return covenant


@transaction.atomic
def covenant_resume(*, covenant: Covenant, by: User) -> Covenant:
    """A suspended covenant is in force again."""
    _require(by, RECOGNISE)
    covenant = _locked(covenant, by)
    covenant.reason = ""
    _move(covenant, S.IN_FORCE, by=by, fields=["reason"])
    return covenant


@transaction.atomic
def covenant_abolish(*, covenant: Covenant, reason: str, by: User) -> Covenant:
    """Abolish a covenant in force or suspended, with the reason (Decree 61/2023 Art. 14): it ends today."""
    _require(by, RECOGNISE)
    covenant = _locked(covenant, by)
    covenant.reason = _reason(reason)
    covenant.ended_on = timezone.localdate()
    _move(covenant, S.ABOLISHED, by=by, fields=["reason", "ended_on"], details={"reason": covenant.reason})
    return covenant
