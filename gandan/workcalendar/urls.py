from django.urls import path

from gandan.workcalendar import views

app_name = "workcalendar"

urlpatterns = [
    path("", views.day_list, name="list"),
    path("add/", views.day_add, name="add"),
    path("<int:pk>/remove/", views.day_remove, name="remove"),
]
