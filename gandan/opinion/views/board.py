"""The board: rising issues first, trends by topic, issues by village, an issue's signals (masked)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from gandan.web import require_perm


@login_required
def board(request):
    require_perm(request.user, "opinion.view")
    return render(request, "opinion/board.html", {})


urlpatterns = [path("", board, name="board")]
