from django.urls import path

from gandan.portal import public, views

app_name = "portal"

urlpatterns = [
    path("", public.home, name="home"),
    path("xa/", public.communes, name="communes"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/inbox/", views.inbox, name="inbox"),
    path("staff/inbox/<int:pk>/open/", views.inbox_item_open, name="inbox_open"),
    path("staff/inbox/read-all/", views.inbox_read_everything, name="inbox_read_all"),
]
