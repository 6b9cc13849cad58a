"""Staff pages of the commitments: the worklist (overdue first), recording one directly on a dialogue or from an
answer, its page with its progress, a progress note, done with its evidence (and a photo or PDF), cancelled with a
reason, and its evidence file. The organisers act on every commitment of their units; the officer named as a
commitment's owner reports its progress and completion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.core.democracy.commitments import commitment_can_move
from gandan.dialogues.evidence import evidence_response
from gandan.dialogues.forms import CommitmentFilterForm, CommitmentForm, DoneForm, ProgressForm, ReasonForm
from gandan.dialogues.rules import MANAGE, VIEW, DialogueAction, dialogue_allows
from gandan.dialogues.selectors.commitments import (
    CommitmentFilter,
    commitment_get_for_user,
    commitment_list,
    commitment_overdue,
)
from gandan.dialogues.selectors.dialogues import answered_questions, commune_officers, dialogue_get_for_user
from gandan.dialogues.services.commitments import (
    commitment_cancel,
    commitment_create,
    commitment_done,
    commitment_progress,
    may_report,
)
from gandan.errors import DomainError
from gandan.kit.communes import add_commune_filter, commune_paths
from gandan.kit.idempotency import create_once, once_per_token
from gandan.kit.params import month_first
from gandan.units.selectors import communes_for_user
from gandan.web import form_add_domain_error, paginate, require_perm


@require_safe
@login_required
def commitment_list_page(request):
    require_perm(request.user, VIEW)
    form = CommitmentFilterForm(request.GET or None)
    show_commune = add_commune_filter(form, communes_for_user(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    filters = CommitmentFilter(
        state=data.get("state") or "",
        mine=bool(data.get("mine")),
        q=data.get("q") or "",
        commune_paths=commune_paths(data.get("unit")),
        indicator=data.get("indicator") or "",
        period=month_first(data.get("period")),
    )
    context = {
        "form": form,
        "filtered": filters.used,
        "show_commune": show_commune,
        "today": timezone.localdate(),
        "drill_month": filters.period if filters.indicator else None,
        **paginate(request, commitment_list(request.user, filters)),
    }
    return render(request, "dialogues/commitments_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def commitment_new(request, pk: int):
    require_perm(request.user, MANAGE)
    dialogue = dialogue_get_for_user(request.user, pk)
    if not dialogue_allows(dialogue.status, DialogueAction.ADD_COMMITMENT):
        messages.error(request, _("A commitment cannot be recorded for a cancelled dialogue."))
        return redirect("dialogues:detail", pk=dialogue.pk)
    questions = answered_questions(dialogue)
    initial = (
        {"question": request.GET.get("question")} if (request.GET.get("question") or "").isdigit() else {}
    )
    form = CommitmentForm(
        request.POST or None,
        initial=initial,
        officers=commune_officers(dialogue.unit_path),
        questions=questions,
    )
    if request.method == "POST" and form.is_valid():
        try:
            commitment = create_once(
                request,
                lambda: commitment_create(
                    dialogue=dialogue,
                    question=form.cleaned_data.get("question"),
                    facts=form.commitment(),
                    by=request.user,
                ),
                url=lambda c: reverse("dialogues:commitment", args=[c.pk]),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The commitment was recorded: the public page follows it."))
            return redirect("dialogues:commitment", pk=commitment.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "dialogues/commitment_form.html", {"form": form, "dialogue": dialogue}, status=status
    )


def _may(user, commitment, to: str) -> bool:
    return may_report(user, commitment) and commitment_can_move(commitment.state, to)


@require_safe
@login_required
def commitment_detail(request, pk: int):
    require_perm(request.user, VIEW)
    commitment = commitment_get_for_user(request.user, pk)
    user = request.user
    context = {
        "commitment": commitment,
        "dialogue": commitment.dialogue,
        "updates": list(commitment.updates.all()),
        "overdue": commitment_overdue(commitment),
        "may_progress": may_report(user, commitment)
        and (commitment.state == "in_progress" or commitment_can_move(commitment.state, "in_progress"))
        and (commitment.state != "done" or user.can(MANAGE)),
        "may_done": _may(user, commitment, "done"),
        "may_cancel": user.can(MANAGE) and commitment_can_move(commitment.state, "cancelled"),
    }
    return render(request, "dialogues/commitment.html", context)


def _step_page(
    request, commitment, form, *, title: str, intro: str, multipart: bool = False, status: int = 200
):
    context = {"form": form, "commitment": commitment, "title": title, "intro": intro, "multipart": multipart}
    return render(request, "dialogues/commitment_step.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def commitment_progress_view(request, pk: int):
    require_perm(request.user, VIEW)
    commitment = commitment_get_for_user(request.user, pk)
    if not may_report(request.user, commitment):
        raise PermissionDenied
    form = ProgressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            commitment_progress(commitment=commitment, note=form.cleaned_data["note"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The progress was recorded and is shown on the public page."))
            return redirect("dialogues:commitment", pk=commitment.pk)
    title = _("Reopen the commitment") if commitment.state == "done" else _("Record progress")
    intro = (
        _("The evidence did not hold: say what remains to be done. The commitment is in progress again.")
        if commitment.state == "done"
        else _("What has been done so far: the public page shows each note in order.")
    )
    return _step_page(
        request, commitment, form, title=title, intro=intro, status=422 if request.method == "POST" else 200
    )


@require_http_methods(["GET", "POST"])
@login_required
def commitment_done_view(request, pk: int):
    require_perm(request.user, VIEW)
    commitment = commitment_get_for_user(request.user, pk)
    if not may_report(request.user, commitment):
        raise PermissionDenied
    form = DoneForm(request.POST or None, request.FILES or None, initial={"done_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            commitment_done(
                commitment=commitment,
                evidence=data["evidence"],
                done_on=data["done_on"],
                upload=data.get("evidence_file"),
                by=request.user,
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The commitment is done; its evidence is shown on the public page."))
            return redirect("dialogues:commitment", pk=commitment.pk)
    return _step_page(
        request,
        commitment,
        form,
        title=_("Mark the commitment done"),
        intro=_(
            "Done means shown: write what was done so that anyone can check it, and add a photo if you have one."
        ),
        multipart=True,
        status=422 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def commitment_cancel_view(request, pk: int):
    require_perm(request.user, MANAGE)
    commitment = commitment_get_for_user(request.user, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            commitment_cancel(commitment=commitment, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The commitment was cancelled; the public page says why."))
            return redirect("dialogues:commitment", pk=commitment.pk)
    context = {
        "form": form,
        "record": commitment,
        "back": reverse("dialogues:commitment", args=[commitment.pk]),
        "title": _("Cancel the commitment"),
        "intro": _("Say why it will not be carried out: the public page shows the reason."),
        "allowed": commitment_can_move(commitment.state, "cancelled"),
        "danger": True,
    }
    return render(request, "dialogues/reason.html", context, status=422 if request.method == "POST" else 200)


@require_safe
@login_required
def commitment_evidence(request, pk: int):
    require_perm(request.user, VIEW)
    return evidence_response(request, commitment_get_for_user(request.user, pk))


urlpatterns = [
    path("commitments/", commitment_list_page, name="commitments"),
    path("<int:pk>/commitments/new/", commitment_new, name="commitment_new"),
    path("commitments/<int:pk>/", commitment_detail, name="commitment"),
    path("commitments/<int:pk>/progress/", commitment_progress_view, name="commitment_progress"),
    path("commitments/<int:pk>/done/", commitment_done_view, name="commitment_done"),
    path("commitments/<int:pk>/cancel/", commitment_cancel_view, name="commitment_cancel"),
    path("commitments/<int:pk>/evidence/", commitment_evidence, name="commitment_evidence"),
]
