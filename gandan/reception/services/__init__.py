"""Citizen reception (tiếp công dân, DOMAIN.md §5): the leaders' reception days and the statutory minimums, the
reception book (Form 03/TCD), and the notice of conclusions with its tracked tasks. Each change of state is one
function in one transaction with its audit event. The package re-exports every public name of its modules
(`from gandan.reception.services import X`): `days` (scheduling, holding and cancelling a leader's reception day),
`records` (the reception book and the protection of a denunciator's identity), `conclusions` (the notice of
conclusions and its tasks), `schedules` (the leaders' recurring schedules and the days they generate), `minimums` (the statutory minimums and compliance with them) and `helpers` (the
permission and unit checks they share).
"""

from gandan.reception.services.conclusions import MAX_TASKS, conclusion_notice_issue
from gandan.reception.services.days import (
    SCHEDULE_AHEAD_DAYS,
    day_status,
    reception_day_cancel,
    reception_day_held,
    reception_day_schedule,
)
from gandan.reception.services.helpers import MANAGE
from gandan.reception.services.minimums import (
    CONCLUSION_215,
    EXPECTED_KINDS,
    LAW_42_IN_FORCE,
    MINIMUMS,
    NO_DELEGATION_BASIS,
    NO_DELEGATION_FROM,
    REGULATION_11,
    CommuneRow,
    LeaderCompliance,
    MonthCell,
    PeriodCompliance,
    ReceptionMinimum,
    compliance,
    compliance_by_commune,
    compliance_for_unit,
    is_deputy,
    minimum_for,
)
from gandan.reception.services.records import (
    MAX_PEOPLE,
    PASSPORT,
    PROTECTED_LABEL,
    SUBJECT_LENGTH,
    clean_id_number,
    reception_record_add,
    reception_record_follow_up,
    redact_statement,
    redacts,
)
from gandan.reception.services.schedules import (
    GENERATE_DAYS,
    ScheduleSpec,
    reception_schedule_create,
    reception_schedule_end,
    reception_schedule_update,
    reception_schedules_extend,
    schedule_recurrence,
)

__all__ = [
    "CommuneRow",
    "MonthCell",
    "compliance_by_commune",
    "GENERATE_DAYS",
    "ScheduleSpec",
    "reception_schedule_create",
    "reception_schedule_end",
    "reception_schedule_update",
    "reception_schedules_extend",
    "schedule_recurrence",
    "CONCLUSION_215",
    "EXPECTED_KINDS",
    "LAW_42_IN_FORCE",
    "MANAGE",
    "MAX_PEOPLE",
    "MAX_TASKS",
    "MINIMUMS",
    "NO_DELEGATION_BASIS",
    "NO_DELEGATION_FROM",
    "PASSPORT",
    "PROTECTED_LABEL",
    "REGULATION_11",
    "SCHEDULE_AHEAD_DAYS",
    "SUBJECT_LENGTH",
    "LeaderCompliance",
    "PeriodCompliance",
    "ReceptionMinimum",
    "clean_id_number",
    "compliance",
    "compliance_for_unit",
    "conclusion_notice_issue",
    "day_status",
    "is_deputy",
    "minimum_for",
    "reception_day_cancel",
    "reception_day_held",
    "reception_day_schedule",
    "reception_record_add",
    "reception_record_follow_up",
    "redact_statement",
    "redacts",
]
