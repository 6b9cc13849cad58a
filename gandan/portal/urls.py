from django.urls import path

from gandan.portal import public, views

app_name = "portal"

urlpatterns = [
    path("", public.home, name="home"),
    path("staff/", views.staff_home, name="staff_home"),
]
