"""Staff pages of citizen reception, mounted at /staff/petitions/reception/ (the module key, module.py): the same
addresses as when reception lived inside the petitions app."""

from django.urls import path

from gandan.reception import views

app_name = "reception"

urlpatterns = [
    path("days/", views.day_list, name="days"),
    path("days/new/", views.day_new, name="day_new"),
    path("days/<int:pk>/", views.day_detail, name="day"),
    path("days/<int:pk>/held/", views.day_held, name="day_held"),
    path("days/<int:pk>/cancel/", views.day_cancel, name="day_cancel"),
    path("days/<int:pk>/conclusions/new/", views.conclusion_new, name="conclusion_new"),
    path("schedules/", views.schedule_list, name="schedules"),
    path("schedules/new/", views.schedule_new, name="schedule_new"),
    path("schedules/<int:pk>/edit/", views.schedule_edit, name="schedule_edit"),
    path("schedules/<int:pk>/end/", views.schedule_end, name="schedule_end"),
    path("compliance/", views.compliance, name="compliance"),
    path("book/", views.book, name="book"),
    path("book.xlsx", views.book_export, name="book_export"),
    path("records/new/", views.record_new, name="record_new"),
    path("records/<int:pk>/", views.record_detail, name="record"),
    path("records/<int:pk>/follow-up/", views.record_follow_up, name="record_follow_up"),
    path("records/<int:pk>/refusal.pdf", views.record_refusal_pdf, name="refusal_pdf"),
    path("records/<int:pk>/receipt.pdf", views.record_receipt_pdf, name="receipt_pdf"),
    path("conclusions/<int:pk>/", views.conclusion_detail, name="conclusion"),
    path("conclusions/<int:pk>/notice.pdf", views.conclusion_pdf, name="conclusion_pdf"),
    path("tasks/", views.task_list, name="tasks"),
    path("tasks/<int:pk>/done/", views.task_done, name="task_done"),
]
