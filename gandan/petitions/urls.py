from django.urls import path

from gandan.petitions import redaction_views, views

app_name = "petitions"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("new/", views.intake, name="intake"),
    path("tasks/", views.tasks, name="tasks"),
    path("tasks/<int:task_id>/done/", views.task_done, name="task_done"),
    path("clocks/", views.clock_rules, name="clock_rules"),
    path("clocks/<int:pk>/correct/", views.clock_rule_correct, name="clock_rule_correct"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/act/<str:action>/", views.act, name="act"),
    path("<int:pk>/unlock-lookup/", views.unlock_lookup, name="unlock_lookup"),
    path("<int:pk>/relate/", views.relate, name="relate"),
    path("<int:pk>/identity/", views.identity, name="identity"),
    path("<int:pk>/grant/", views.grant, name="grant"),
    path("<int:pk>/waive/", views.waive, name="waive"),
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("<int:pk>/documents/<int:document_id>.pdf", views.document_pdf, name="document_pdf"),
    *redaction_views.urlpatterns,
]
