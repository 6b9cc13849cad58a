"""Staff pages of the dialogues: the list (status, kind, year, words without diacritics, pages), scheduling and
correcting a dialogue, its page with its questions grouped by theme and its commitments, recording that it was held,
closing it with its minutes, cancelling it with a reason, and the minutes as PDF. Reading needs "dialogues.view",
acting "dialogues.manage"; everything stays inside the officer's units (404 outside)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gandan.dialogues.forms import DialogueFilterForm, DialogueForm, MinutesForm, ReasonForm
from gandan.dialogues.models import Dialogue
from gandan.dialogues.rules import MANAGE, VIEW, DialogueAction, dialogue_allows
from gandan.dialogues.selectors.dialogues import (
    DialogueFilter,
    dialogue_commitments,
    dialogue_get_for_user,
    dialogue_list,
    dialogue_question_counts,
    dialogue_questions,
    dialogue_years,
    grouped_by_theme,
)
from gandan.dialogues.services.dialogues import (
    dialogue_cancel,
    dialogue_close,
    dialogue_hold,
    dialogue_schedule,
    dialogue_update,
)
from gandan.errors import DomainError
from gandan.kit.communes import add_commune_filter, commune_paths
from gandan.kit.downloads import generated_file
from gandan.kit.idempotency import create_once, once_per_token
from gandan.kit.params import month_first
from gandan.units.selectors import communes_for_user
from gandan.web import form_add_domain_error, paginate, require_perm

PDF = "application/pdf"


@require_safe
@login_required
def dialogue_list_page(request):
    require_perm(request.user, VIEW)
    user = request.user
    form = DialogueFilterForm(request.GET or None, years=dialogue_years(user))
    show_commune = add_commune_filter(form, communes_for_user(user))
    data = form.cleaned_data if form.is_valid() else {}
    filters = DialogueFilter(
        status=data.get("status") or "",
        kind=data.get("kind") or "",
        year=data.get("year"),
        q=data.get("q") or "",
        commune_paths=commune_paths(data.get("unit")),
        indicator=data.get("indicator") or "",
        period=month_first(data.get("period")),
        order=data.get("order") or "-starts_at",
    )
    context = {
        "form": form,
        "filtered": filters.used,
        "show_commune": show_commune,
        "can_manage": user.can(MANAGE),
        "drill_month": filters.period if filters.indicator else None,
        **paginate(request, dialogue_list(user, filters)),
    }
    return render(request, "dialogues/list.html", context)


def _actions(user, dialogue: Dialogue) -> dict[str, bool]:
    manage = user.can(MANAGE)
    found = {a.value: manage and dialogue_allows(dialogue.status, a) for a in DialogueAction}
    found["pdf"] = dialogue.status in (Dialogue.Status.HELD, Dialogue.Status.CLOSED)
    return found


@require_safe
@login_required
def dialogue_detail(request, pk: int):
    require_perm(request.user, VIEW)
    dialogue = dialogue_get_for_user(request.user, pk)
    questions = dialogue_questions(dialogue)
    context = {
        "dialogue": dialogue,
        "groups": grouped_by_theme(questions),
        "counts": dialogue_question_counts(dialogue),
        "commitments": dialogue_commitments(dialogue),
        "actions": _actions(request.user, dialogue),
        "can_manage": request.user.can(MANAGE),
        "started": dialogue.starts_at <= timezone.now(),
    }
    return render(request, "dialogues/detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def dialogue_new(request):
    require_perm(request.user, MANAGE)
    user = request.user
    form = DialogueForm(request.POST or None, initial={"kind": Dialogue.Kind.ANNUAL, "public": True})
    if request.method == "POST" and form.is_valid():
        try:
            dialogue = create_once(
                request,
                lambda: dialogue_schedule(commune=user.unit, facts=form.facts(), by=user),
                url=lambda d: reverse("dialogues:detail", args=[d.pk]),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The dialogue was scheduled."))
            return redirect("dialogues:detail", pk=dialogue.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "dialogues/form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def dialogue_edit(request, pk: int):
    require_perm(request.user, MANAGE)
    dialogue = dialogue_get_for_user(request.user, pk)
    if not dialogue_allows(dialogue.status, DialogueAction.EDIT):
        messages.error(
            request,
            _("A dialogue that is “%(status)s” is not corrected any more.")
            % {"status": dialogue.get_status_display()},
        )
        return redirect("dialogues:detail", pk=dialogue.pk)
    initial = {
        name: getattr(dialogue, name)
        for name in (
            "kind",
            "title",
            "topic",
            "starts_at",
            "place",
            "chaired_by",
            "participants",
            "agenda",
            "questions_until",
            "public",
        )
    }
    form = DialogueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            dialogue_update(dialogue=dialogue, facts=form.facts(), by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The dialogue was corrected."))
            return redirect("dialogues:detail", pk=dialogue.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "dialogues/form.html", {"form": form, "dialogue": dialogue}, status=status)


@require_POST
@login_required
def dialogue_hold_view(request, pk: int):
    require_perm(request.user, MANAGE)
    dialogue = dialogue_get_for_user(request.user, pk)
    try:
        dialogue_hold(dialogue=dialogue, by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("The dialogue is recorded as held: record the answers and what was promised.")
        )
    return redirect("dialogues:detail", pk=dialogue.pk)


@require_http_methods(["GET", "POST"])
@login_required
def dialogue_close_view(request, pk: int):
    require_perm(request.user, MANAGE)
    dialogue = dialogue_get_for_user(request.user, pk)
    form = MinutesForm(request.POST or None, initial={"minutes": dialogue.minutes})
    if request.method == "POST" and form.is_valid():
        try:
            dialogue_close(dialogue=dialogue, minutes=form.cleaned_data["minutes"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The dialogue is closed; its minutes can be printed."))
            return redirect("dialogues:detail", pk=dialogue.pk)
    status = 422 if request.method == "POST" else 200
    context = {
        "form": form,
        "dialogue": dialogue,
        "allowed": dialogue_allows(dialogue.status, DialogueAction.CLOSE),
    }
    return render(request, "dialogues/close.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def dialogue_cancel_view(request, pk: int):
    require_perm(request.user, MANAGE)
    dialogue = dialogue_get_for_user(request.user, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dialogue_cancel(dialogue=dialogue, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The dialogue was cancelled; the public page says why."))
            return redirect("dialogues:detail", pk=dialogue.pk)
    status = 422 if request.method == "POST" else 200
    context = {
        "form": form,
        "record": dialogue,
        "back": reverse("dialogues:detail", args=[dialogue.pk]),
        "title": _("Cancel the dialogue"),
        "intro": _("Citizens who sent questions read the reason on the public page."),
        "allowed": dialogue_allows(dialogue.status, DialogueAction.CANCEL),
        "danger": True,
    }
    return render(request, "dialogues/reason.html", context, status=status)


@require_safe
@login_required
def minutes_pdf(request, pk: int):
    from gandan.dialogues.pdf import minutes_pdf_bytes

    require_perm(request.user, VIEW)
    dialogue = dialogue_get_for_user(request.user, pk)
    if dialogue.status not in (Dialogue.Status.HELD, Dialogue.Status.CLOSED):
        messages.error(request, _("The minutes are printed once the dialogue has been held."))
        return redirect("dialogues:detail", pk=dialogue.pk)
    day = timezone.localdate(dialogue.starts_at)
    return generated_file(
        minutes_pdf_bytes(dialogue),
        filename=f"bien-ban-doi-thoai-{day:%Y-%m-%d}.pdf",
        content_type=PDF,
        inline=True,
    )


urlpatterns = [
    path("", dialogue_list_page, name="list"),
    path("new/", dialogue_new, name="new"),
    path("<int:pk>/", dialogue_detail, name="detail"),
    path("<int:pk>/edit/", dialogue_edit, name="edit"),
    path("<int:pk>/held/", dialogue_hold_view, name="hold"),
    path("<int:pk>/close/", dialogue_close_view, name="close"),
    path("<int:pk>/cancel/", dialogue_cancel_view, name="cancel"),
    path("<int:pk>/minutes.pdf", minutes_pdf, name="minutes_pdf"),
]
