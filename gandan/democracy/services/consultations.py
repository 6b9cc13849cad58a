"""Consulting the people on a draft (lấy ý kiến, Law 10/2022 Art. 25–28; DOMAIN.md §6.4): the commune prepares the
draft by sections and opens it from a date to a date; citizens comment on the portal while it is open, and officials
type in what they gathered at meetings, on slips, from the suggestion box, the hotline, the Front and the village's
social-network group; every opinion is considered (accepted, partly or not, and why); the summary of opinions with
the explanation and acceptance is then published, as Art. 11(11) requires.

Every text a citizen wrote becomes an opinion signal (gandan.opinion), placed in the village when one is named.
Every problem of an input is reported at once (DomainError "consultation_invalid", "comment_invalid") and nothing
is saved. The audit trail names the consultation, never the commenter: a comment's text and contact stay out of it.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.scope import in_user_scope, within_any
from gandan.audit.services import event_record
from gandan.core.democracy.consultations import (
    Phase,
    PublishProblem,
    WindowProblem,
    publish_problems,
    takes_citizen_comments,
    takes_entered_comments,
    window_problems,
)
from gandan.core.identifiers import clean_phone, is_phone
from gandan.core.vntext import normalize, search_key
from gandan.democracy.models import Comment, Consultation, Section
from gandan.democracy.selectors.consultations import window_message
from gandan.errors import DomainError, NotAllowed, too_long
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, Unit

MANAGE = "democracy.manage"
#: The opinion signal's source kind for a comment on a consultation (labelled in gandan.opinion.sources).
COMMENT_SOURCE = "democracy_comment"
EARLIEST = dt.date(2000, 1, 1)
AHEAD_MAX = dt.timedelta(days=366)  # a window typed years ahead (2062 for 2026) is a mistyped year
TITLE_MAX = 300
HEADING_MAX = 300
INTRO_MAX = 20_000
SECTION_MAX = 50_000
SECTIONS_MAX = 60
COMMENT_MAX = 5_000
NAME_MAX = 120
CONTACT_MAX = 120
RESPONSE_MAX = 5_000
SUMMARY_MAX = 50_000

Channel = Comment.Channel
Disposition = Comment.Disposition
#: What an official may record as a comment's channel (the portal's comments come in by themselves).
ENTERED_CHANNELS = [c for c in Channel.values if c != Channel.PORTAL]
CONSIDERED = [Disposition.ACCEPTED, Disposition.PARTLY, Disposition.NOT_ACCEPTED]

__all__ = [
    "COMMENT_SOURCE",
    "ENTERED_CHANNELS",
    "MANAGE",
    "SectionText",
    "comment_consider",
    "comment_enter",
    "comment_submit",
    "consultation_create",
    "consultation_open",
    "consultation_publish",
    "consultation_summarise",
    "consultation_update",
]


@dataclass(frozen=True)
class SectionText:
    heading: str
    text: str


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _require(by: User | None) -> None:
    if by is None or not by.can(MANAGE):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))


def _check_commune(by: User, commune: Unit | None) -> None:
    if commune is None or commune.kind not in COMMUNE_KINDS or commune.valid_to is not None:
        raise DomainError("unit_invalid", _("Choose the commune that consults its people."), field="commune")
    if not in_user_scope(by, commune.path):
        raise DomainError("unit_out_of_scope", _("You can only act for your own unit."), field="commune")


def _locked(consultation: Consultation, by: User | None) -> Consultation:
    """The consultation read again and locked for this transaction; an officer outside its commune is refused."""
    found = (
        Consultation.objects.select_for_update(of=("self",)).select_related("unit").get(pk=consultation.pk)
    )
    if by is not None and not in_user_scope(by, found.unit_path):
        raise DomainError("unit_out_of_scope", _("You can only act for your own unit."))
    return found


# --- Preparing the draft -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Draft:
    subject: str
    title: str
    introduction: str
    opens: dt.date | None
    closes: dt.date | None
    sections: list[SectionText]


def _check_draft(draft: _Draft, *, errors: dict[str, str]) -> _Draft:
    if draft.subject not in Consultation.Subject.values:
        errors["subject"] = _("Choose what the people are consulted on (Art. 25).")
    title = normalize(draft.title or "")
    introduction = normalize(draft.introduction or "", multiline=True)
    if not title:
        errors["title"] = _(
            "Enter the title of the draft, e.g. “Dự thảo kế hoạch phát triển kinh tế - xã hội 2027”."
        )
    for name, value, limit in (("title", title, TITLE_MAX), ("introduction", introduction, INTRO_MAX)):
        if problem := too_long(value, max_length=limit):
            errors.setdefault(name, problem)
    opens, closes = draft.opens, draft.closes
    if opens is None:
        errors["opens"] = _("Enter the first day comments are taken, as dd/mm/yyyy.")
    elif opens < EARLIEST:
        errors["opens"] = _("The date cannot be before %(earliest)s: check the year.") % {
            "earliest": _day(EARLIEST)
        }
    if closes is None:
        errors["closes"] = _("Enter the last day comments are taken, as dd/mm/yyyy.")
    today = timezone.localdate()
    for name, day in (("opens", opens), ("closes", closes)):
        if day is not None and day > today + AHEAD_MAX and name not in errors:
            errors[name] = _("The date (%(day)s) is more than a year ahead: check the year.") % {
                "day": _day(day)
            }
    if (
        opens is not None
        and closes is not None
        and WindowProblem.CLOSES_BEFORE_OPENS in window_problems(opens=opens, closes=closes, today=today)
    ):
        errors["closes"] = _("The last day cannot be before the first day (%(opens)s).") % {
            "opens": _day(opens)
        }
    sections: list[SectionText] = []
    for number, section in enumerate(draft.sections, start=1):
        heading = normalize(section.heading or "")
        text = normalize(section.text or "", multiline=True)
        if not heading and not text:
            continue  # a blank row of the form
        if not heading or not text:
            errors.setdefault(
                "sections", _("Section %(n)s: write both its heading and its text.") % {"n": number}
            )
        elif too_long(heading, max_length=HEADING_MAX) or too_long(text, max_length=SECTION_MAX):
            errors.setdefault(
                "sections",
                _(
                    "Section %(n)s is too long: at most %(heading)s characters for the heading, %(text)s for the text."
                )
                % {"n": number, "heading": HEADING_MAX, "text": SECTION_MAX},
            )
        sections.append(SectionText(heading, text))
    if not sections and "sections" not in errors:
        errors["sections"] = _("Write at least one section of the draft: its heading and its text.")
    if len(sections) > SECTIONS_MAX:
        errors["sections"] = _("At most %(n)s sections.") % {"n": SECTIONS_MAX}
    return _Draft(draft.subject, title, introduction, opens, closes, sections)


def _raise(code: str, errors: dict[str, str]) -> None:
    if errors:
        raise DomainError(code, errors=errors)


def _apply(consultation: Consultation, draft: _Draft) -> None:
    consultation.subject = draft.subject
    consultation.title = draft.title
    consultation.title_search = search_key(draft.title)[:800]
    consultation.introduction = draft.introduction
    assert draft.opens is not None and draft.closes is not None
    consultation.opens = draft.opens
    consultation.closes = draft.closes


def _save_sections(consultation: Consultation, sections: list[SectionText]) -> None:
    Section.objects.bulk_create(
        Section(consultation=consultation, number=n, heading=s.heading, text=s.text)
        for n, s in enumerate(sections, start=1)
    )


@transaction.atomic
def consultation_create(
    *,
    commune: Unit,
    subject: str,
    title: str,
    introduction: str = "",
    opens: dt.date | None,
    closes: dt.date | None,
    sections: Iterable[SectionText],
    by: User,
) -> Consultation:
    """Prepare a draft for consultation: what it is about (an Art. 25 subject), its title, an introduction, its
    sections (heading and text each; blank rows are ignored) and the window from `opens` to `closes` (the last day
    not before the first). It stays a draft, seen by officials only, until it is opened."""
    _require(by)
    _check_commune(by, commune)
    errors: dict[str, str] = {}
    draft = _check_draft(_Draft(subject, title, introduction, opens, closes, list(sections)), errors=errors)
    _raise("consultation_invalid", errors)
    consultation = Consultation(unit=commune, unit_path=commune.path, created_by=by)
    _apply(consultation, draft)
    consultation.save(force_insert=True)
    _save_sections(consultation, draft.sections)
    event_record(
        actor=by,
        action="democracy.consultation_create",
        obj=consultation,
        details={"subject": consultation.subject, "sections": len(draft.sections)},
    )
    return consultation


@transaction.atomic
def consultation_update(
    *,
    consultation: Consultation,
    subject: str,
    title: str,
    introduction: str = "",
    opens: dt.date | None,
    closes: dt.date | None,
    sections: Iterable[SectionText],
    by: User,
) -> Consultation:
    """Correct a draft not yet opened, by the same rules as `consultation_create` (its sections are replaced)."""
    _require(by)
    consultation = _locked(consultation, by)
    if consultation.status != Consultation.Status.DRAFT:
        raise DomainError(
            "consultation_opened",
            _("This consultation is already open: its draft can no longer be changed."),
        )
    errors: dict[str, str] = {}
    draft = _check_draft(_Draft(subject, title, introduction, opens, closes, list(sections)), errors=errors)
    _raise("consultation_invalid", errors)
    _apply(consultation, draft)
    consultation.save(update_fields=["subject", "title", "title_search", "introduction", "opens", "closes"])
    consultation.sections.all().delete()
    _save_sections(consultation, draft.sections)
    event_record(
        actor=by,
        action="democracy.consultation_update",
        obj=consultation,
        details={"sections": len(draft.sections)},
    )
    return consultation


@transaction.atomic
def consultation_open(*, consultation: Consultation, by: User) -> Consultation:
    """Open a draft: from its first day citizens comment on the portal and officials record what they gather. A
    window whose last day has passed cannot be opened (nobody could comment): correct the dates first."""
    _require(by)
    consultation = _locked(consultation, by)
    if consultation.status != Consultation.Status.DRAFT:
        raise DomainError("consultation_opened", _("This consultation is already open."))
    today = timezone.localdate()
    problems = window_problems(
        opens=consultation.opens, closes=consultation.closes, today=today, opening=True
    )
    if WindowProblem.ALREADY_OVER in problems:
        raise DomainError(
            "consultation_invalid",
            _("Its last day (%(closes)s) has passed: correct the dates before opening it.")
            % {"closes": _day(consultation.closes)},
            field="closes",
        )
    if not consultation.sections.exists():
        raise DomainError(
            "consultation_invalid", _("Write at least one section of the draft first."), field="sections"
        )
    consultation.status = Consultation.Status.OPEN
    consultation.save(update_fields=["status"])
    event_record(
        actor=by,
        action="democracy.consultation_open",
        obj=consultation,
        details={"from": "draft", "to": "open", "opens": consultation.opens.isoformat(),
                 "closes": consultation.closes.isoformat()},
    )  # fmt: skip
    return consultation


# --- Comments ------------------------------------------------------------------------------------------------------


def _check_comment(
    consultation: Consultation,
    *,
    text: str,
    section: Section | None,
    village: Unit | None,
    author_name: str,
    contact: str,
    errors: dict[str, str],
) -> tuple[str, str, str]:
    text = normalize(text or "", multiline=True)
    author_name = normalize(author_name or "")
    contact = normalize(contact or "")
    if not text:
        errors["text"] = _("Write your opinion on the draft.")
    if section is not None and section.consultation_id != consultation.pk:
        errors["section"] = _("Choose a section of this draft.")
    if village is not None and (
        village.kind not in GRASSROOTS_KINDS
        or village.valid_to is not None
        or not within_any(village.path, [consultation.unit_path])
    ):
        errors["village"] = _("Choose a village or residential group of %(commune)s.") % {
            "commune": consultation.unit.name
        }
    if contact:
        phone = clean_phone(contact)
        if phone and phone[0] in "+0" and phone.lstrip("+").isdigit():
            if not is_phone(phone):
                errors["contact"] = _(
                    "Enter a Vietnamese phone number of 10 digits starting with 0, e.g. 0912345678, or an e-mail."
                )
            else:
                contact = phone
        else:
            try:
                validate_email(contact)
            except ValidationError:
                errors["contact"] = _("Enter a phone number or an e-mail address, or leave it empty.")
    for name, value, limit in (
        ("text", text, COMMENT_MAX),
        ("author_name", author_name, NAME_MAX),
        ("contact", contact, CONTACT_MAX),
    ):
        if problem := too_long(value, max_length=limit):
            errors.setdefault(name, problem)
    return text, author_name, contact


def _signal(comment: Comment, consultation: Consultation) -> None:
    from gandan.opinion.services import signal_record

    signal_record(
        text=comment.text,
        unit=comment.village or consultation.unit,
        source_kind=COMMENT_SOURCE,
        source_id=comment.pk,
        new_source=True,
    )


@transaction.atomic
def comment_enter(
    *,
    consultation: Consultation,
    channel: str,
    text: str,
    section: Section | None = None,
    village: Unit | None = None,
    author_name: str = "",
    contact: str = "",
    by: User,
) -> Comment:
    """Record an opinion an official gathered: at a community meeting, on a slip, from the suggestion box, the
    hotline, the Front, the village's social-network group or a dialogue (`channel` required). The section and the
    village are optional. Taken while the consultation is open and after its last day until the summary is
    published. The opinion also goes to the opinion board."""
    _require(by)
    consultation = _locked(consultation, by)
    p = consultation.phase
    if not takes_entered_comments(p):
        raise DomainError("consultation_not_open", window_message(consultation))
    errors: dict[str, str] = {}
    if channel not in ENTERED_CHANNELS:
        errors["channel"] = _(
            "Choose where the opinion was gathered: a meeting, a slip, the suggestion box, the hotline, the Front, "
            "a social-network group or a dialogue."
        )
    text, author_name, contact = _check_comment(
        consultation, text=text, section=section, village=village, author_name=author_name, contact=contact,
        errors=errors,
    )  # fmt: skip
    _raise("comment_invalid", errors)
    comment = Comment.objects.create(
        consultation=consultation,
        section=section,
        unit_path=village.path if village is not None else consultation.unit_path,
        channel=channel,
        author_name=author_name,
        contact=contact,
        village=village,
        text=text,
        entered_by=by,
    )
    _signal(comment, consultation)
    event_record(
        actor=by,
        action="democracy.comment_enter",
        obj=consultation,
        details={"comment": comment.pk, "channel": channel},
    )
    return comment


@transaction.atomic
def comment_submit(
    *,
    consultation: Consultation,
    text: str,
    section: Section | None = None,
    village: Unit | None = None,
    author_name: str = "",
    contact: str = "",
) -> Comment:
    """A citizen's opinion sent on the portal, taken only while the consultation is open (from its first day to
    its last, both included); outside that window the refusal says when comments were taken. The name is optional
    and shown with the opinion once the summary is published; the contact is for the commune only, never shown."""
    consultation = _locked(consultation, None)
    p = consultation.phase
    if not takes_citizen_comments(p):
        raise DomainError("consultation_not_open", window_message(consultation))
    errors: dict[str, str] = {}
    text, author_name, contact = _check_comment(
        consultation, text=text, section=section, village=village, author_name=author_name, contact=contact,
        errors=errors,
    )  # fmt: skip
    _raise("comment_invalid", errors)
    comment = Comment.objects.create(
        consultation=consultation,
        section=section,
        unit_path=village.path if village is not None else consultation.unit_path,
        channel=Channel.PORTAL,
        author_name=author_name,
        contact=contact,
        village=village,
        text=text,
    )
    _signal(comment, consultation)
    event_record(
        actor=None,
        action="democracy.comment_submit",
        obj=consultation,
        details={"comment": comment.pk, "channel": Channel.PORTAL},
    )
    return comment


# --- Considering, summarising, publishing ----------------------------------------------------------------------


def _check_not_published(consultation: Consultation) -> None:
    if consultation.status == Consultation.Status.PUBLISHED:
        raise DomainError(
            "consultation_published",
            _("The summary of this consultation is published: it can no longer change."),
        )
    if consultation.status == Consultation.Status.DRAFT:
        raise DomainError("consultation_not_open", _("This draft has not been opened for comments."))


@transaction.atomic
def comment_consider(*, comment: Comment, disposition: str, response: str = "", by: User) -> Comment:
    """Say what becomes of an opinion: accepted, partly accepted or not accepted, with the explanation (required
    when it is not fully accepted). It may be reconsidered until the summary is published."""
    _require(by)
    consultation = _locked(comment.consultation, by)
    _check_not_published(consultation)
    comment = Comment.objects.select_for_update(of=("self",)).get(pk=comment.pk, consultation=consultation)
    errors: dict[str, str] = {}
    response = normalize(response or "", multiline=True)
    if disposition not in CONSIDERED:
        errors["disposition"] = _("Choose: accepted, partly accepted or not accepted.")
    elif disposition != Disposition.ACCEPTED and not response:
        errors["response"] = _("Explain why the opinion is not accepted, or what part of it is.")
    if problem := too_long(response, max_length=RESPONSE_MAX):
        errors.setdefault("response", problem)
    _raise("comment_invalid", errors)
    before = comment.disposition
    comment.disposition = disposition
    comment.response = response
    comment.save(update_fields=["disposition", "response"])
    event_record(
        actor=by,
        action="democracy.comment_consider",
        obj=consultation,
        details={"comment": comment.pk, "from": before, "to": disposition},
    )
    return comment


@transaction.atomic
def consultation_summarise(
    *, consultation: Consultation, summary: str, explanation: str = "", by: User
) -> Consultation:
    """Write (or rewrite) the summary of opinions and the explanation and acceptance, until it is published. Once
    the last day has passed, the consultation is marked closed."""
    _require(by)
    consultation = _locked(consultation, by)
    _check_not_published(consultation)
    errors: dict[str, str] = {}
    summary = normalize(summary or "", multiline=True)
    explanation = normalize(explanation or "", multiline=True)
    if not summary:
        errors["summary"] = _("Write the summary of the opinions received.")
    for name, value in (("summary", summary), ("explanation", explanation)):
        if problem := too_long(value, max_length=SUMMARY_MAX):
            errors.setdefault(name, problem)
    _raise("consultation_invalid", errors)
    consultation.summary = summary
    consultation.explanation = explanation
    fields = ["summary", "explanation"]
    if consultation.phase is Phase.CLOSED and consultation.status != Consultation.Status.CLOSED:
        consultation.status = Consultation.Status.CLOSED
        fields.append("status")
    consultation.save(update_fields=fields)
    event_record(actor=by, action="democracy.consultation_summary", obj=consultation, details={})
    return consultation


@transaction.atomic
def consultation_publish(*, consultation: Consultation, by: User) -> Consultation:
    """Publish the summary of opinions, the explanation and acceptance and the answer to each opinion on the portal
    (Art. 11(11)). Refused while comments are still taken, while an opinion has not been considered, or without a
    summary — every reason at once."""
    _require(by)
    consultation = _locked(consultation, by)
    _check_not_published(consultation)
    pending = consultation.comments.filter(disposition=Disposition.PENDING).count()
    problems = publish_problems(consultation.phase, pending=pending, summary=consultation.summary)
    errors: dict[str, str] = {}
    if PublishProblem.NOT_OVER in problems:
        errors["closes"] = _("Comments are taken until %(closes)s: publish the summary after that day.") % {
            "closes": _day(consultation.closes)
        }
    if PublishProblem.PENDING in problems:
        errors["comments"] = _(
            "%(n)s opinions have not been considered yet: say for each whether it is accepted, partly or not, "
            "and why."
        ) % {"n": pending}
    if PublishProblem.NO_SUMMARY in problems:
        errors["summary"] = _("Write the summary of the opinions received first.")
    _raise("consultation_not_ready", errors)
    consultation.status = Consultation.Status.PUBLISHED
    consultation.published_on = timezone.localdate()
    consultation.save(update_fields=["status", "published_on"])
    event_record(
        actor=by,
        action="democracy.consultation_publish",
        obj=consultation,
        details={"to": "published", "comments": consultation.comments.count()},
    )
    return consultation
