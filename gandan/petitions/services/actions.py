"""One entry for the actions on a case, shared by the staff page and the API: which service each action calls, with
the fields its form or payload cleaned."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.errors import DomainError
from gandan.petitions import services
from gandan.petitions.models import Dialogue, Petition, Task
from gandan.petitions.rules import Action
from gandan.petitions.selectors import petition_by_code_for_user


def petition_act(
    *, petition: Petition, action: Action, by: User, data: dict[str, Any]
) -> Petition | Task | Dialogue:
    """Carry out one action of the case page or the API with its cleaned fields (the same call for both)."""
    user, d = by, data
    s = services
    calls: dict[Action, Callable[[], Petition | Task | Dialogue]] = {
        Action.ACCEPT: lambda: s.petition_accept(
            petition=petition,
            by=user,
            complex_case=d.get("complex_case", False),
            complexity_note=d.get("complexity_note", ""),
            complexity_criteria=d.get("complexity_criteria") or 0,
            remote_area=d.get("remote_area", False),
            number=d.get("number", ""),
        ),
        Action.NOT_ACCEPT: lambda: s.petition_not_accept(
            petition=petition, by=user, reason=d["reason"], number=d.get("number", "")
        ),
        Action.GUIDE: lambda: s.petition_guide(
            petition=petition,
            by=user,
            to_body=d["to_body"],
            reason=d.get("reason", ""),
            number=d.get("number", ""),
        ),
        Action.FORWARD: lambda: s.petition_forward(
            petition=petition,
            by=user,
            to_body=d["to_body"],
            reason=d.get("reason", ""),
            number=d.get("number", ""),
        ),
        Action.FILE: lambda: s.petition_file(petition=petition, by=user, reason=d["reason"]),
        Action.MERGE: lambda: s.petition_merge(petition=petition, by=user, master=_master(user, d["master"])),
        Action.EXTEND_CLASSIFY: lambda: s.petition_extend_classify(
            petition=petition, by=user, reason=d["reason"]
        ),
        Action.ASSIGN: lambda: s.petition_assign(
            petition=petition,
            by=user,
            assignee=d["assignee"],
            resolver=d.get("resolver"),
            handler_due=d.get("handler_due"),
            note=d.get("note", ""),
        ),
        Action.TRANSFER: lambda: s.petition_transfer(
            petition=petition, by=user, assignee=d["assignee"], note=d["note"]
        ),
        Action.ADD_TASK: lambda: s.petition_add_task(
            petition=petition, by=user, title=d["title"], assignee=d["assignee"], due=d["due"]
        ),
        Action.DIALOGUE: lambda: s.petition_dialogue(
            petition=petition,
            by=user,
            scheduled_at=d["scheduled_at"],
            place=d["place"],
            notified_on=d["notified_on"],
            held=d.get("held", False),
            petitioner_absent=d.get("petitioner_absent", False),
            minutes=d.get("minutes", ""),
        ),
        Action.EXTEND: lambda: s.petition_extend(
            petition=petition, by=user, reason=d["reason"], number=d.get("number", "")
        ),
        Action.SUSPEND: lambda: s.petition_suspend(
            petition=petition, by=user, reason=d["reason"], decision_no=d.get("decision_no", "")
        ),
        Action.RESUME: lambda: s.petition_resume(
            petition=petition, by=user, decision_no=d.get("decision_no", "")
        ),
        Action.DECIDE: lambda: s.petition_decide(
            petition=petition, by=user, resolution=d["resolution"], number=d.get("number", "")
        ),
        Action.TERMINATE: lambda: s.petition_terminate(
            petition=petition, by=user, reason=d["reason"], number=d.get("number", "")
        ),
        Action.WITHDRAW: lambda: s.petition_withdraw(petition=petition, by=user, reason=d["reason"]),
    }
    return calls[action]()


def _master(user: User, code: str) -> Petition:
    master = petition_by_code_for_user(user, code)
    if master is None:
        raise DomainError("master_not_found", _("No case with this code in your unit."), field="master")
    return master
