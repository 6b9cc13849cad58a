"""The petitions' rules in plain Python: kinds, statuses, the transition table, which statutory clock each
stage runs and the processability check of DOMAIN.md §4.1. No Django here; the models mirror these values."""

from dataclasses import dataclass
from enum import StrEnum

from gandan.accounts.rules import Perm

CROWD_SIGNERS = 5  # Circular 07/2014 Art. 6(4): "many people" from five signers


class Kind(StrEnum):
    COMPLAINT = "complaint"  # khiếu nại
    DENUNCIATION = "denunciation"  # tố cáo
    RECOMMENDATION = "recommendation"  # kiến nghị
    REFLECTION = "reflection"  # phản ánh
    ANONYMOUS = (
        "anonymous"  # thông tin có nội dung tố cáo không rõ người gửi: not a denunciation case (Art. 25)
    )


class Status(StrEnum):
    RECEIVED = "received"  # tiếp nhận, chờ xử lý đơn
    ACCEPTED = "accepted"  # đã thụ lý / đang giải quyết
    SUSPENDED = "suspended"  # tạm đình chỉ: the resolution clock stands still
    RESOLVED = "resolved"  # đã có quyết định / kết luận / trả lời
    NOT_ACCEPTED = "not_accepted"  # không thụ lý, with reasons
    GUIDED = "guided"  # hướng dẫn công dân gửi đến cơ quan có thẩm quyền
    FORWARDED = "forwarded"  # chuyển đơn (forwarding letter)
    FILED = "filed"  # lưu đơn, không xử lý (kept 1 year)
    MERGED = "merged"  # trùng: linked to an earlier master case
    WITHDRAWN = "withdrawn"  # rút đơn
    TERMINATED = "terminated"  # đình chỉ giải quyết
    LEAD = "lead"  # anonymous information naming a violator with evidence: inspection lead queue


TERMINAL = frozenset(
    {
        Status.RESOLVED,
        Status.NOT_ACCEPTED,
        Status.GUIDED,
        Status.FORWARDED,
        Status.FILED,
        Status.MERGED,
        Status.WITHDRAWN,
        Status.TERMINATED,
    }
)
# Stages whose statutory clock counts towards "overdue" in the worklists.
OPEN = frozenset({Status.RECEIVED, Status.ACCEPTED, Status.SUSPENDED, Status.LEAD})


class Action(StrEnum):
    ACCEPT = "accept"  # thụ lý (complaint/denunciation), or take up a recommendation/reflection
    NOT_ACCEPT = "not_accept"
    GUIDE = "guide"
    FORWARD = "forward"
    FILE = "file"
    MERGE = "merge"
    EXTEND_CLASSIFY = "extend_classify"  # denunciation: 7 → 10 working days (Art. 24(1))
    ASSIGN = "assign"  # the leader names the handler and the resolver, with the handler's own deadline
    TRANSFER = "transfer"  # to another handler
    ADD_TASK = "add_task"  # verification task
    DIALOGUE = "dialogue"
    EXTEND = "extend"  # denunciation resolution extension, by decision
    SUSPEND = "suspend"
    RESUME = "resume"
    DECIDE = "decide"
    TERMINATE = "terminate"
    WITHDRAW = "withdraw"
    ESCALATE = "escalate"
    GRANT = "grant"  # identity grant on a protected denunciation


_CLASSIFY = {
    Action.NOT_ACCEPT: Status.NOT_ACCEPTED,
    Action.GUIDE: Status.GUIDED,
    Action.FORWARD: Status.FORWARDED,
    Action.FILE: Status.FILED,
    Action.MERGE: Status.MERGED,
    Action.WITHDRAW: Status.WITHDRAWN,
}
_NOTES = {  # actions that do not move the status
    Action.ASSIGN,
    Action.TRANSFER,
    Action.ADD_TASK,
    Action.ESCALATE,
    Action.GRANT,
}

TRANSITIONS: dict[Status, dict[Action, Status]] = {
    Status.RECEIVED: {
        Action.ACCEPT: Status.ACCEPTED,
        Action.EXTEND_CLASSIFY: Status.RECEIVED,
        **_CLASSIFY,
        **{a: Status.RECEIVED for a in _NOTES},
    },
    Status.ACCEPTED: {
        Action.DIALOGUE: Status.ACCEPTED,
        Action.EXTEND: Status.ACCEPTED,
        Action.SUSPEND: Status.SUSPENDED,
        Action.DECIDE: Status.RESOLVED,
        Action.TERMINATE: Status.TERMINATED,
        Action.WITHDRAW: Status.WITHDRAWN,
        **{a: Status.ACCEPTED for a in _NOTES},
    },
    Status.SUSPENDED: {
        Action.RESUME: Status.ACCEPTED,
        Action.TERMINATE: Status.TERMINATED,
        Action.WITHDRAW: Status.WITHDRAWN,
        **{a: Status.SUSPENDED for a in _NOTES},
    },
    Status.LEAD: {
        Action.DECIDE: Status.RESOLVED,
        Action.FILE: Status.FILED,
        Action.FORWARD: Status.FORWARDED,
        **{a: Status.LEAD for a in _NOTES},
    },
}
for _status in TERMINAL:
    TRANSITIONS[_status] = {Action.GRANT: _status}

# Which kinds each action applies to (an action outside its kinds is refused like an illegal transition).
_ALL = frozenset(Kind)
KINDS: dict[Action, frozenset[Kind]] = {
    Action.EXTEND_CLASSIFY: frozenset({Kind.DENUNCIATION}),
    Action.EXTEND: frozenset({Kind.DENUNCIATION}),
    Action.DIALOGUE: frozenset({Kind.COMPLAINT, Kind.RECOMMENDATION, Kind.REFLECTION}),
    Action.SUSPEND: frozenset({Kind.COMPLAINT, Kind.DENUNCIATION}),
    Action.RESUME: frozenset({Kind.COMPLAINT, Kind.DENUNCIATION}),
    Action.TERMINATE: frozenset({Kind.COMPLAINT, Kind.DENUNCIATION}),
    Action.NOT_ACCEPT: frozenset({Kind.COMPLAINT, Kind.DENUNCIATION}),
    Action.GRANT: frozenset({Kind.DENUNCIATION}),
}


class TransitionError(ValueError):
    pass


def next_status(status: Status, action: Action, kind: Kind) -> Status:
    if kind not in KINDS.get(action, _ALL):
        raise TransitionError(f"{action} does not apply to a {kind}")
    try:
        return TRANSITIONS[status][action]
    except KeyError:
        raise TransitionError(f"{action} is not allowed from {status}") from None


def allowed_actions(status: Status, kind: Kind) -> list[Action]:
    return [a for a in TRANSITIONS.get(status, {}) if kind in KINDS.get(a, _ALL)]


def is_crowd(signers: int) -> bool:
    return signers >= CROWD_SIGNERS


# --- which clock each stage runs (keys of gandan.core.petition_clocks.DEFAULT_RULES) -----------------------------


def intake_clock_key(kind: Kind) -> str | None:
    """The clock that runs from receipt until the petition is accepted, forwarded, guided or filed."""
    return {
        Kind.COMPLAINT: "complaint.accept",
        Kind.DENUNCIATION: "denunciation.classify",
        Kind.RECOMMENDATION: "petition.reply",
        Kind.REFLECTION: "petition.reply",
        Kind.ANONYMOUS: None,
    }[kind]


def resolution_clock_key(
    kind: Kind, *, instance: int = 1, complex_case: bool = False, remote: bool = False
) -> str | None:
    if kind == Kind.COMPLAINT:
        base = "complaint.first" if instance == 1 else "complaint.second"
        suffix = {
            (False, False): "",
            (True, False): ".complex",
            (False, True): ".remote",
            (True, True): ".remote_complex",
        }[(complex_case, remote)]
        return base + suffix
    if kind == Kind.DENUNCIATION:
        return "denunciation.resolve"
    if kind in (Kind.RECOMMENDATION, Kind.REFLECTION):
        return "online.answer"
    return None


# --- processability (DOMAIN.md §4.1, Circular 07/2014 Art. 6) -----------------------------------------------------


class Outcome(StrEnum):
    ACCEPT = "accept"
    GUIDE = "guide"
    FORWARD = "forward"
    FILE = "file"


@dataclass(frozen=True)
class Processability:
    signed: bool = True  # signature or fingerprint
    has_name_address: bool = True
    has_content: bool = True
    competent: bool = True  # the matter is within this unit's competence
    sent_to_many_incl_competent: bool = False  # sent to several bodies, the competent one among them
    already_guided_same_content: bool = False  # the same content was already answered with guidance once
    came_in_person: bool = False  # the citizen came to a reception: guide rather than forward


@dataclass(frozen=True)
class Assessment:
    outcome: Outcome
    reasons: tuple[str, ...]


def assess(kind: Kind, p: Processability) -> Assessment:
    """Suggest the handling of a petition. Reasons are keys the UI translates; the official decides.

    Order matters: a petition that fails the form requirements, went to many bodies including the competent one,
    or repeats content already answered with guidance is not processed (filed), even when we are competent."""
    reasons: list[str] = []
    if kind == Kind.ANONYMOUS:
        return Assessment(Outcome.FILE, ("anonymous",))
    if not p.has_content:
        reasons.append("no_content")
    if not p.has_name_address:
        reasons.append("no_name_address")
    if not p.signed and not p.came_in_person:
        reasons.append("unsigned")
    if p.sent_to_many_incl_competent:
        reasons.append("sent_to_many")
    if p.already_guided_same_content:
        reasons.append("already_guided")
    if reasons:
        return Assessment(Outcome.FILE, tuple(reasons))
    if not p.competent:
        if p.came_in_person:
            return Assessment(Outcome.GUIDE, ("not_competent",))
        return Assessment(Outcome.FORWARD, ("not_competent",))
    return Assessment(Outcome.ACCEPT, ())


# --- Who may do what on a case -----------------------------------------------------------------------------
_H, _R, _L = Perm.PETITIONS_HANDLE, Perm.PETITIONS_RECEIVE, Perm.PETITIONS_ASSIGN
ACTION_PERMS: dict[Action, tuple[Perm, ...]] = {
    Action.ACCEPT: (_H,),
    Action.NOT_ACCEPT: (_R, _H),
    Action.GUIDE: (_R, _H),
    Action.FORWARD: (_R, _H),
    Action.FILE: (_R, _H),
    Action.MERGE: (_R, _H),
    Action.EXTEND_CLASSIFY: (_R, _H),
    Action.ASSIGN: (_L,),
    Action.TRANSFER: (_L, _H),
    Action.ADD_TASK: (_H,),
    Action.DIALOGUE: (_H,),
    Action.EXTEND: (_H,),
    Action.SUSPEND: (_H,),
    Action.RESUME: (_H,),
    Action.DECIDE: (_H,),
    Action.TERMINATE: (_H,),
    Action.WITHDRAW: (_R, _H),
}


def may_act(user, action: Action) -> bool:
    """`user` is anything with `can(perm)` (the signed-in staff user)."""
    return action in ACTION_PERMS and any(user.can(p) for p in ACTION_PERMS[action])
