"""(being written: teams, members and the coverage view)"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path


@login_required
def team_list(request):
    return HttpResponse("")


urlpatterns: list = [path("teams/", team_list, name="teams")]
