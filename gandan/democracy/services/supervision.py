"""People's supervision (Law 10/2022 Art. 36–45; DOMAIN.md §6.5–6.6): setting up the commune's people's inspection
board for a term and a community investment supervision board for each project, their members (eligibility
checked for the inspection board: no commune or village staff) and dissolving a board; and the checks the boards'
findings share (`supervision_findings`).

Each function checks everything first and reports every problem at once, in one DomainError naming the fields, then
writes in one transaction with its audit event; nothing is half-saved. Every change needs "democracy.manage" and
stays inside the officer's units."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Perm
from gandan.accounts.scope import in_user_scope
from gandan.audit.services import event_record
from gandan.core.democracy.supervision import Ineligible, ineligible_reasons
from gandan.core.vntext import fold, normalize
from gandan.democracy.models import Board, BoardMember
from gandan.democracy.selectors.supervision import (
    commune_staff_named,
    current_inspection_board,
    current_members_of,
    is_current,
    village_heads_named,
)
from gandan.errors import NON_FIELD, DomainError, NotAllowed, too_long
from gandan.kit.params import day_in_range
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, Unit

MANAGE = Perm.DEMOCRACY_MANAGE
MAX_NAME, MAX_BOARD_NAME, MAX_PROJECT, MAX_REPRESENTS = 120, 300, 300, 120
MAX_TITLE, MAX_ADDRESSED, MAX_TEXT, MAX_REASON = 300, 200, 5000, 500
INSPECTION_PREFIX = "Ban Thanh tra nhân dân"  # a record's data (the board's name), not UI
INVESTMENT_PREFIX = "Ban Giám sát đầu tư của cộng đồng"


# --- Shared checks -------------------------------------------------------------------------------------------------


def require_manage(by: User | None) -> None:
    if by is None or not by.can(MANAGE):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))


def require_scope(by: User, path: str) -> None:
    if not in_user_scope(by, path):
        raise NotAllowed("not_allowed", _("You can only change the supervision boards of your own unit."))


def today() -> dt.date:
    return timezone.localdate()


def day_text(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def raise_if(code: str, errors: dict[str, str]) -> None:
    if errors:
        raise DomainError(code, errors=errors)


def day_problem(value: dt.date | None, *, required: bool = False, example: str = "") -> str | None:
    if value is None:
        return (
            _("Enter the date, e.g. %(day)s.") % {"day": example or day_text(today())} if required else None
        )
    if not day_in_range(value):
        return _("Enter a real date, e.g. 01/07/2025.")
    return None


def text_checked(errors: dict[str, str], name: str, value: str, *, limit: int, missing: str = "") -> str:
    """The text cleaned (NFC, spaces); a problem added to `errors` when it is missing (`missing` says what to
    write) or too long."""
    text = normalize(value or "", multiline=limit > 1000)
    if missing and not text:
        errors[name] = missing
    elif problem := too_long(text, max_length=limit):
        errors[name] = problem
    return text


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def default_board_name(kind: str, *, commune: Unit, project: str = "") -> str:
    """ "Ban Thanh tra nhân dân xã Sông Lô", or "Ban Giám sát đầu tư của cộng đồng — <project>"."""
    if kind == Board.Kind.INSPECTION:
        return f"{INSPECTION_PREFIX} {lower_first(commune.name)}"
    return (
        f"{INVESTMENT_PREFIX} — {project}" if project else f"{INVESTMENT_PREFIX} {lower_first(commune.name)}"
    )


# --- Boards --------------------------------------------------------------------------------------------------------


def _board_values(
    *,
    kind: str,
    name: str,
    project: str,
    term_start: dt.date | None,
    term_end: dt.date | None,
    errors: dict[str, str],
) -> dict[str, object]:
    values: dict[str, object] = {
        "name": text_checked(errors, "name", name, limit=MAX_BOARD_NAME),
        "project": text_checked(
            errors,
            "project",
            project,
            limit=MAX_PROJECT,
            missing=_("Enter the programme or project the board supervises, e.g. “Đường bê tông liên thôn”.")
            if kind == Board.Kind.INVESTMENT
            else "",
        ),
        "term_start": term_start,
        "term_end": term_end,
    }
    if kind == Board.Kind.INSPECTION:
        values["project"] = ""
    if problem := day_problem(term_start, required=True):
        errors["term_start"] = problem
    elif term_start and term_start > today() + dt.timedelta(days=366):
        errors["term_start"] = _("A board's term starts within a year: check the date.")
    if problem := day_problem(term_end):
        errors["term_end"] = problem
    elif term_start and term_end and term_end < term_start:
        what = _("The project ends") if kind == Board.Kind.INVESTMENT else _("The term ends")
        errors["term_end"] = _("%(what)s (%(end)s) before the board starts (%(start)s).") % {
            "what": what,
            "end": day_text(term_end),
            "start": day_text(term_start),
        }
    return values


@transaction.atomic
def board_create(
    *,
    commune: Unit,
    kind: str,
    term_start: dt.date | None,
    term_end: dt.date | None = None,
    name: str = "",
    project: str = "",
    by: User,
) -> Board:
    """Set up the commune's people's inspection board for a term (one in office at a time), or a community
    investment supervision board for a project, until the project's end (`term_end`). Without a name, the board is
    called by the law's words and the commune or the project."""
    require_manage(by)
    errors: dict[str, str] = {}
    if kind not in Board.Kind.values:
        errors["kind"] = _("Choose the people's inspection board or an investment supervision board.")
    if commune is None or commune.kind not in COMMUNE_KINDS or commune.valid_to is not None:
        errors["commune"] = _("Choose a commune or ward in force.")
    else:
        require_scope(by, commune.path)
        Unit.objects.select_for_update().filter(
            pk=commune.pk
        ).first()  # one board set up at a time per commune
    values = _board_values(
        kind=kind, name=name, project=project, term_start=term_start, term_end=term_end, errors=errors
    )
    if (
        kind == Board.Kind.INSPECTION
        and "commune" not in errors
        and term_start
        and "term_start" not in errors
    ):
        existing = current_inspection_board(commune, today=max(term_start, today()))
        if existing is not None:
            errors[NON_FIELD] = _(
                "%(commune)s already has a people's inspection board in office (%(board)s, from %(day)s): "
                "dissolve it, or let its term end, before setting up the next one."
            ) % {"commune": commune.name, "board": existing.name, "day": day_text(existing.term_start)}
    raise_if("board_invalid", errors)
    if not values["name"]:
        values["name"] = default_board_name(kind, commune=commune, project=str(values["project"]))
    board = Board.objects.create(unit=commune, unit_path=commune.path, kind=kind, created_by=by, **values)
    event_record(actor=by, action="democracy.board_create", obj=board, unit=commune, details={"kind": kind})
    return board


def lock_board(board: Board) -> Board:
    return Board.objects.select_for_update(of=("self",)).select_related("unit").get(pk=board.pk)


@transaction.atomic
def board_update(
    *,
    board: Board,
    name: str,
    term_start: dt.date | None,
    term_end: dt.date | None = None,
    project: str = "",
    by: User,
) -> Board:
    """Change a board's name, project and term (its kind and commune stay)."""
    require_manage(by)
    board = lock_board(board)
    require_scope(by, board.unit_path)
    errors: dict[str, str] = {}
    values = _board_values(
        kind=board.kind, name=name, project=project, term_start=term_start, term_end=term_end, errors=errors
    )
    if not values["name"]:
        errors["name"] = _("Enter the board's name, e.g. “%(name)s”.") % {
            "name": default_board_name(board.kind, commune=board.unit, project=board.project)
        }
    if board.dissolved_on is not None:
        errors[NON_FIELD] = _("This board was dissolved on %(day)s: it can no longer be changed.") % {
            "day": day_text(board.dissolved_on)
        }
    raise_if("board_invalid", errors)
    changed = {k: v for k, v in values.items() if getattr(board, k) != v}
    for key, value in changed.items():
        setattr(board, key, value)
    if changed:
        board.save(update_fields=list(changed))
        event_record(
            actor=by,
            action="democracy.board_update",
            obj=board,
            unit=board.unit,
            details={"changed": sorted(changed)},
        )
    return board


@transaction.atomic
def board_dissolve(*, board: Board, on: dt.date | None, by: User) -> Board:
    """Dissolve a board on `on` (an investment board when its project ends; the inspection board at the end of its
    term or by the Front's decision). Its current members leave the same day; the board stays with its history and
    findings."""
    require_manage(by)
    board = lock_board(board)
    require_scope(by, board.unit_path)
    errors: dict[str, str] = {}
    if board.dissolved_on is not None:
        errors[NON_FIELD] = _("This board was already dissolved on %(day)s.") % {
            "day": day_text(board.dissolved_on)
        }
    if problem := day_problem(on, required=True):
        errors["on"] = problem
    elif on and on > today():
        errors["on"] = _("A board is dissolved on a day that has come: check the date.")
    elif on and on < board.term_start:
        errors["on"] = _("The board was set up on %(day)s: it cannot be dissolved before.") % {
            "day": day_text(board.term_start)
        }
    raise_if("board_dissolve_invalid", errors)
    assert on is not None
    current = current_members_of(board, today=on)
    left = current.exclude(elected_on__gt=on).update(left_on=on)
    for member in current.filter(elected_on__gt=on):  # elected after the day: they leave the day they came
        member.left_on = member.elected_on
        member.save(update_fields=["left_on"])
        left += 1
    board.dissolved_on = on
    board.save(update_fields=["dissolved_on"])
    event_record(
        actor=by,
        action="democracy.board_dissolve",
        obj=board,
        unit=board.unit,
        details={"on": on.isoformat(), "members_left": left},
    )
    return board


# --- Members -------------------------------------------------------------------------------------------------------


def _ineligibility_messages(
    *, board: Board, full_name: str, name_key: str, declared_staff: bool, resident: bool
) -> dict[str, str]:
    """Why the person may not sit on the people's inspection board, field → message (Law 10/2022: a permanent
    resident who is neither commune nor village staff)."""
    commune = board.unit
    staff = commune_staff_named(commune, name_key)
    heads = village_heads_named(commune, name_key, today=today())
    reasons = ineligible_reasons(
        commune_staff=bool(staff), village_staff=bool(heads) or declared_staff, resident=resident
    )
    messages: list[str] = []
    errors: dict[str, str] = {}
    if Ineligible.COMMUNE_STAFF in reasons:
        officer = staff[0]
        messages.append(
            _(
                "%(name)s is an officer of %(unit)s (%(position)s): commune staff may not sit on the people's "
                "inspection board."
            )
            % {
                "name": officer.full_name,
                "unit": lower_first(officer.unit.name if officer.unit else commune.name),
                "position": officer.position or _("staff account"),
            }
        )
    if Ineligible.VILLAGE_STAFF in reasons and heads:
        head = heads[0]
        messages.append(
            _(
                "%(name)s is the village head of %(village)s (in its mobilisation team): village staff may not sit "
                "on the people's inspection board."
            )
            % {"name": head.full_name, "village": lower_first(head.team.village.name)}
        )
    if messages:
        errors["full_name"] = " ".join(messages)
    if Ineligible.VILLAGE_STAFF in reasons and declared_staff and not heads:
        errors["declared_staff"] = _(
            "%(name)s was declared commune or village staff: such a person may not sit on the people's "
            "inspection board."
        ) % {"name": full_name}
    if Ineligible.NOT_RESIDENT in reasons:
        errors["resident"] = _(
            "Only a permanent resident of the commune may sit on the people's inspection board."
        )
    return errors


@transaction.atomic
def member_add(
    *,
    board: Board,
    full_name: str,
    village: Unit | None = None,
    post: str = BoardMember.Post.MEMBER,
    represents: str = "",
    elected_on: dt.date | None = None,
    declared_staff: bool = False,
    resident: bool = True,
    by: User,
) -> BoardMember:
    """Add a member to a board in office. On the people's inspection board each member comes from a village of the
    commune and may be neither commune staff (an account of the commune's units bearing the name, compared without
    diacritics) nor village staff (the village head of a mobilisation team, or declared so by the officer). A person
    sits once on a board; a board has one head."""
    require_manage(by)
    board = lock_board(board)  # two officers adding a head at once: the second sees the first
    require_scope(by, board.unit_path)
    errors: dict[str, str] = {}
    full_name = text_checked(
        errors,
        "full_name",
        full_name,
        limit=MAX_NAME,
        missing=_("Enter the member's full name, e.g. Nguyễn Văn An."),
    )
    if full_name and "full_name" not in errors and not any(ch.isalpha() for ch in full_name):
        errors["full_name"] = _("A full name is written with letters, e.g. Nguyễn Văn An.")
    represents = text_checked(errors, "represents", represents, limit=MAX_REPRESENTS)
    if post not in BoardMember.Post.values:
        errors["post"] = _("Choose the head, a deputy head or a member.")
    inspection = board.kind == Board.Kind.INSPECTION
    if village is None:
        if inspection:
            errors["village"] = _("Choose the village the member was elected from: one member per village.")
    elif (
        village.kind not in GRASSROOTS_KINDS
        or village.parent_id != board.unit_id
        or village.valid_to is not None
    ):
        errors["village"] = _("Choose a village of %(commune)s in force.") % {"commune": board.unit.name}
    if problem := day_problem(elected_on):
        errors["elected_on"] = problem
    elif elected_on and elected_on > today():
        errors["elected_on"] = _("A member is elected on a day that has come: check the date.")
    if board.dissolved_on is not None:
        errors[NON_FIELD] = _("This board was dissolved on %(day)s: it takes no new member.") % {
            "day": day_text(board.dissolved_on)
        }
    name_key = fold(full_name)
    if full_name and "full_name" not in errors:
        current = list(current_members_of(board, today=today()))
        if any(fold(m.full_name) == name_key for m in current):
            errors["full_name"] = _("%(name)s is already on the board.") % {"name": full_name}
        elif inspection:
            errors.update(
                _ineligibility_messages(
                    board=board,
                    full_name=full_name,
                    name_key=name_key,
                    declared_staff=declared_staff,
                    resident=resident,
                )
            )
        if post == BoardMember.Post.HEAD and "post" not in errors:
            head = next((m for m in current if m.post == BoardMember.Post.HEAD), None)
            if head is not None:
                errors["post"] = _("%(name)s is already the board's head: record that they left first.") % {
                    "name": head.full_name
                }
    raise_if("board_member_invalid", errors)
    member = BoardMember.objects.create(
        board=board,
        unit_path=board.unit_path,
        village=village,
        full_name=full_name,
        post=post,
        represents=represents,
        elected_on=elected_on,
    )
    event_record(
        actor=by,
        action="democracy.board_member",
        obj=member,
        unit=board.unit,
        details={"board": board.pk, "change": "add", "post": post},
    )
    return member


@transaction.atomic
def member_leave(*, member: BoardMember, on: dt.date | None, by: User) -> BoardMember:
    """Record that a member left the board on `on` (resigned, dismissed, moved away): from then on they no longer
    count."""
    require_manage(by)
    lock_board(member.board)
    member = (
        BoardMember.objects.select_for_update(of=("self",))
        .select_related("board", "board__unit")
        .get(pk=member.pk)
    )
    require_scope(by, member.unit_path)
    errors: dict[str, str] = {}
    if not is_current(member, today()):
        errors[NON_FIELD] = _("%(name)s already left the board on %(day)s.") % {
            "name": member.full_name,
            "day": day_text(member.left_on),  # type: ignore[arg-type]
        }
    if problem := day_problem(on, required=True):
        errors["on"] = problem
    elif on and member.elected_on and on < member.elected_on:
        errors["on"] = _("%(name)s was elected on %(day)s: they cannot leave before.") % {
            "name": member.full_name,
            "day": day_text(member.elected_on),
        }
    raise_if("board_member_leave_invalid", errors)
    member.left_on = on
    member.save(update_fields=["left_on"])
    event_record(
        actor=by,
        action="democracy.board_member",
        obj=member,
        unit=member.board.unit,
        details={"board": member.board_id, "change": "leave", "on": on.isoformat() if on else ""},
    )
    return member
