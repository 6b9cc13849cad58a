"""Staff pages of citizen reception (tiếp công dân, DOMAIN.md §5): the leaders' reception days and their compliance
with the statutory minimums, the reception book (Form 03/TCD) with its Excel export and printable forms, notices of
conclusions and their tasks. Reading needs "petitions.view", changing "reception.manage"; everything stays inside
the officer's units (404 outside). `urlpatterns` is included in the petitions URLconf (namespace "petitions"), all
under "reception/". The views live in `days` (reception days and compliance), `records` (the reception book and its
records) and `conclusions` (notices of conclusions and their tasks), sharing `helpers`; this package re-exports
them.
"""

from django.urls import path

from gandan.petitions.reception_views.conclusions import (
    conclusion_detail,
    conclusion_new,
    conclusion_pdf,
    task_done,
    task_list,
)
from gandan.petitions.reception_views.days import (
    compliance,
    day_cancel,
    day_detail,
    day_held,
    day_list,
    day_new,
)
from gandan.petitions.reception_views.helpers import HANDLE, MANAGE, VIEW
from gandan.petitions.reception_views.records import (
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

urlpatterns = [
    path("reception/days/", day_list, name="reception_days"),
    path("reception/days/new/", day_new, name="reception_day_new"),
    path("reception/days/<int:pk>/", day_detail, name="reception_day"),
    path("reception/days/<int:pk>/held/", day_held, name="reception_day_held"),
    path("reception/days/<int:pk>/cancel/", day_cancel, name="reception_day_cancel"),
    path("reception/days/<int:pk>/conclusions/new/", conclusion_new, name="reception_conclusion_new"),
    path("reception/compliance/", compliance, name="reception_compliance"),
    path("reception/book/", book, name="reception_book"),
    path("reception/book.xlsx", book_export, name="reception_book_export"),
    path("reception/records/new/", record_new, name="reception_record_new"),
    path("reception/records/<int:pk>/", record_detail, name="reception_record"),
    path("reception/records/<int:pk>/follow-up/", record_follow_up, name="reception_record_follow_up"),
    path("reception/records/<int:pk>/refusal.pdf", record_refusal_pdf, name="reception_refusal_pdf"),
    path("reception/records/<int:pk>/receipt.pdf", record_receipt_pdf, name="reception_receipt_pdf"),
    path("reception/conclusions/<int:pk>/", conclusion_detail, name="reception_conclusion"),
    path("reception/conclusions/<int:pk>/notice.pdf", conclusion_pdf, name="reception_conclusion_pdf"),
    path("reception/tasks/", task_list, name="reception_tasks"),
    path("reception/tasks/<int:pk>/done/", task_done, name="reception_task_done"),
]

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
    "task_done",
    "task_list",
    "urlpatterns",
]
