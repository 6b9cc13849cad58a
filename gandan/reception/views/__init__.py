"""Staff pages of citizen reception (tiếp công dân, DOMAIN.md §5): the leaders' reception days and their compliance
with the statutory minimums, the reception book (Form 03/TCD) with its Excel export and printable forms, notices of
conclusions and their tasks. Reading needs "petitions.view", changing "reception.manage"; everything stays inside
the officer's units (404 outside); the URLs are in gandan/reception/urls.py. The views live in `days` (reception days and compliance), `records` (the reception book and its
records) and `conclusions` (notices of conclusions and their tasks), sharing `helpers`; this package re-exports them.
"""

from gandan.reception.views.conclusions import (
    conclusion_detail,
    conclusion_new,
    conclusion_pdf,
    task_done,
    task_list,
)
from gandan.reception.views.days import (
    compliance,
    day_cancel,
    day_detail,
    day_held,
    day_list,
    day_new,
)
from gandan.reception.views.helpers import HANDLE, MANAGE, VIEW
from gandan.reception.views.records import (
    MAX_BOOK_DAYS,
    RECORD_DAYS_BACK,
    REFUSAL_NOTICE_WORKING_DAYS,
    XLSX,
    book,
    book_export,
    record_detail,
    record_follow_up,
    record_new,
    record_receipt_pdf,
    record_refusal_pdf,
)
from gandan.reception.views.schedules import schedule_edit, schedule_end, schedule_list, schedule_new

__all__ = [
    "HANDLE",
    "MANAGE",
    "MAX_BOOK_DAYS",
    "RECORD_DAYS_BACK",
    "REFUSAL_NOTICE_WORKING_DAYS",
    "VIEW",
    "XLSX",
    "book",
    "book_export",
    "compliance",
    "conclusion_detail",
    "conclusion_new",
    "conclusion_pdf",
    "day_cancel",
    "day_detail",
    "day_held",
    "day_list",
    "day_new",
    "record_detail",
    "record_follow_up",
    "record_new",
    "record_receipt_pdf",
    "record_refusal_pdf",
    "schedule_edit",
    "schedule_end",
    "schedule_list",
    "schedule_new",
    "task_done",
    "task_list",
]
