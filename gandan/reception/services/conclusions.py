"""Citizen reception services, the notice of conclusions (thông báo kết luận, Decree 154/2026 Art. 25): issuing the
leader's instructions after a reception day that was held, with up to `MAX_TASKS` tasks, each with its responsible
body and deadline, tracked until reported done.
"""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.vntext import normalize
from gandan.errors import Conflict, too_long
from gandan.petitions.models import Task
from gandan.petitions.services.common import local_today, require
from gandan.reception.models import ConclusionNotice, ReceptionDay
from gandan.reception.search import tasks_index
from gandan.reception.services.days import _lock_day
from gandan.reception.services.helpers import MANAGE, _check_unit, _raise_all

MAX_TASKS = 20


# --- Notice of conclusions ---------------------------------------------------------------------------------------


@transaction.atomic
def conclusion_notice_issue(
    *,
    reception_day: ReceptionDay,
    number: str,
    issued_on: dt.date,
    content: str,
    tasks: Sequence[dict[str, Any]] = (),
    by: User,
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
    elif problem := too_long(number, max_length=60):
        errors["number"] = problem
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
    rows: list[dict[str, Any]] = []
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
        elif problem := too_long(body, max_length=300):
            errors[prefix + "responsible_body"] = problem
        if due is None:
            errors[prefix + "due"] = _("Task %(n)s: give the deadline.") % {"n": i + 1}
        elif issued_on is not None and due < issued_on:
            errors[prefix + "due"] = _("Task %(n)s: the deadline cannot be before the notice.") % {"n": i + 1}
        rows.append({"title": title, "responsible_body": body, "due": due})
    if len(rows) > MAX_TASKS:
        errors["tasks"] = _("At most %(n)s tasks per notice.") % {"n": MAX_TASKS}
    _raise_all("conclusion_invalid", errors)
    notice = ConclusionNotice.objects.create(
        reception_day=day, number=number, issued_on=issued_on, content=content, created_by=by
    )
    created = Task.objects.bulk_create(
        [
            Task(
                conclusion=notice,
                unit_path=day.unit_path,
                title=row["title"],
                responsible_body=row["responsible_body"],
                due=row["due"],
            )
            for row in rows
        ]
    )
    tasks_index(created)
    event_record(
        actor=by,
        action="petitions.conclusion_issue",
        obj=notice,
        unit=day.unit,
        details={"number": notice.number, "day": day.day.isoformat(), "tasks": len(rows)},
    )
    return notice
