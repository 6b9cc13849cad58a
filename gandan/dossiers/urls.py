from django.urls import path

from gandan.dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("new/", views.intake, name="intake"),
    path("indicators/", views.indicators, name="indicators"),
    path("procedures/", views.procedure_list, name="procedures"),
    path("procedures/import/", views.procedure_import, name="procedure_import"),
    path("procedures/import/template/", views.procedure_import_template, name="procedure_import_template"),
    path("procedures/<int:pk>/", views.procedure_detail, name="procedure"),
    path("procedures/<int:pk>/edit/", views.procedure_edit, name="procedure_edit"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/act/<str:action>/", views.act, name="act"),
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("<int:pk>/unlock-lookup/", views.unlock_lookup, name="unlock_lookup"),
    path("<int:pk>/result-file/", views.result_file, name="result_file"),
    path("<int:pk>/identity/", views.reveal_identity, name="reveal_identity"),
    path("book.xlsx", views.tracking_book, name="book"),
    path("<int:pk>/form/<str:form>.pdf", views.form_pdf, name="form_pdf"),
]
