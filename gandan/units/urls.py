from django.urls import path

from gandan.units import views

app_name = "units"

urlpatterns = [
    path("", views.unit_list, name="list"),
    path("former/", views.former_list, name="former"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/edit/", views.unit_edit, name="edit"),
    path("<int:pk>/add/", views.unit_add_child, name="add_child"),
    path("<int:pk>/merge/", views.unit_merge_into, name="merge"),
]
