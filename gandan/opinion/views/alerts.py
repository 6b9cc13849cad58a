"""Alerts: the list, one alert with why it was raised and its history, and the officials' actions on it
(acknowledge, assign, link a petition, close, reopen), each a page that asks for confirmation before it acts."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.accounts.rules import Perm
from gandan.errors import DomainError
from gandan.kit.communes import add_commune_filter, commune_paths
from gandan.opinion import alert_queries as q
from gandan.opinion.alert_forms import AlertFilterForm, AssignForm, CloseForm, LinkForm, NoteForm, ReopenForm
from gandan.opinion.models import Alert, AlertStatus
from gandan.opinion.reasons import reason_sentences
from gandan.opinion.services import alerts as services
from gandan.units.selectors import communes_for_user
from gandan.web import form_add_domain_error, paginate, require_perm


def _issue_url(alert: Alert) -> str:
    """The issue's page (the board's, opinion:issue), or "" while that page does not exist."""
    from django.urls import NoReverseMatch

    if not alert.issue_id:
        return ""
    try:
        return reverse("opinion:issue", args=[alert.issue_id])
    except NoReverseMatch:
        return ""


@require_safe
@login_required
def alert_list(request):
    require_perm(request.user, Perm.OPINION_VIEW)
    form = AlertFilterForm(request.GET or None)
    show_commune = add_commune_filter(form, communes_for_user(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    status = data.get("status", "open") if form.is_bound else "open"
    rows = q.alerts_filtered(
        request.user,
        status=status,
        level=data.get("level"),
        paths=commune_paths(data.get("unit")),
        mine=bool(data.get("mine")),
    )
    context = {
        "form": form,
        "counts": q.alert_counts(request.user),
        "show_commune": show_commune,
        "filtered": bool(data.get("level") or data.get("unit") or data.get("mine") or status != "open"),
        "status": status,
        **paginate(request, rows),
    }
    for alert in context["page_obj"].object_list:
        alert.why = reason_sentences(alert.reasons)
    return render(request, "opinion/alerts.html", context)


@require_safe
@login_required
def alert_detail(request, pk: int):
    require_perm(request.user, Perm.OPINION_VIEW)
    alert = q.alert_get_for_user(request.user, pk)
    context = {
        "alert": alert,
        "why": reason_sentences(alert.reasons),
        "issue_url": _issue_url(alert),
        "history": q.alert_history(alert),
        "links": q.alert_links(alert),
        "can_manage": request.user.can(Perm.OPINION_MANAGE),
        "is_open": alert.status != AlertStatus.CLOSED,
        "today": timezone.localdate(),
    }
    return render(request, "opinion/alert.html", context)


def _action(
    request,
    pk: int,
    *,
    form_class: Callable[..., forms.Form],
    act: Callable[[Alert, dict[str, Any]], Any],
    title: str,
    button: str,
    done: str,
    intro: str = "",
    form_kwargs: Callable[[Alert], dict[str, Any]] | None = None,
):
    """One action's page: GET shows what will happen and the form (the confirmation); POST acts through the
    service, or shows the form again with what to fix (422)."""
    require_perm(request.user, Perm.OPINION_MANAGE)
    alert = q.alert_get_for_user(request.user, pk)
    extra = form_kwargs(alert) if form_kwargs else {}
    form = form_class(request.POST if request.method == "POST" else None, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            act(alert, form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, done)
            return redirect("opinion:alert", pk=alert.pk)
    context = {
        "alert": alert,
        "form": form,
        "title": title,
        "button": button,
        "intro": intro,
        "why": reason_sentences(alert.reasons),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "opinion/alert_action.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def alert_acknowledge(request, pk: int):
    return _action(
        request,
        pk,
        form_class=NoteForm,
        act=lambda alert, data: services.alert_acknowledge(alert=alert, by=request.user, note=data["note"]),
        title=_("Acknowledge the alert"),
        button=_("Acknowledge"),
        intro=_("You have seen the alert and take it up. The commune's leaders see who acknowledged it."),
        done=_("The alert is acknowledged."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def alert_assign(request, pk: int):
    def act(alert: Alert, data: dict[str, Any]) -> Alert:
        officers = {u.pk: u for u in services.alert_officers(alert)}
        return services.alert_assign(
            alert=alert,
            by=request.user,
            assignee=officers.get(data["assignee"]),
            due=data["due"],
            note=data["note"],
        )

    return _action(
        request,
        pk,
        form_class=AssignForm,
        form_kwargs=lambda alert: {"officers": services.alert_officers(alert)},
        act=act,
        title=_("Assign a responsible officer"),
        button=_("Assign"),
        intro=_("The officer is told in his notifications and finds the alert on his home page."),
        done=_("The alert is assigned."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def alert_link(request, pk: int):
    return _action(
        request,
        pk,
        form_class=LinkForm,
        act=lambda alert, data: services.alert_link_petition(alert=alert, by=request.user, code=data["code"]),
        title=_("Link a petition"),
        button=_("Link"),
        intro=_(
            "A petition of this commune that answers the alert. When every linked case is resolved or closed, "
            "the alert closes by itself."
        ),
        done=_("The petition is linked to the alert."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def alert_close(request, pk: int):
    return _action(
        request,
        pk,
        form_class=CloseForm,
        act=lambda alert, data: services.alert_close(alert=alert, by=request.user, note=data["note"]),
        title=_("Close the alert"),
        button=_("Close the alert"),
        intro=_("The matter is resolved. The issue stays on the board; only its alert closes."),
        done=_("The alert is closed."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def alert_reopen(request, pk: int):
    return _action(
        request,
        pk,
        form_class=ReopenForm,
        act=lambda alert, data: services.alert_reopen(alert=alert, by=request.user, note=data["note"]),
        title=_("Reopen the alert"),
        button=_("Reopen"),
        intro=_("The matter is not over: the alert opens again, with its responsible officer."),
        done=_("The alert is open again."),
    )


urlpatterns = [
    path("alerts/", alert_list, name="alerts"),
    path("alerts/<int:pk>/", alert_detail, name="alert"),
    path("alerts/<int:pk>/acknowledge/", alert_acknowledge, name="alert_acknowledge"),
    path("alerts/<int:pk>/assign/", alert_assign, name="alert_assign"),
    path("alerts/<int:pk>/link/", alert_link, name="alert_link"),
    path("alerts/<int:pk>/close/", alert_close, name="alert_close"),
    path("alerts/<int:pk>/reopen/", alert_reopen, name="alert_reopen"),
]
