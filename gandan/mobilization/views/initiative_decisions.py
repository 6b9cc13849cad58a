"""Staff pages of the decisions on a "dân vận khéo" model: start it, review and score it (a row per criterion with its
most points), recognise it (the levels the user's role may give), send it back or withdraw it (with the reason),
and replicate a recognised model — of any commune, recognised models being public — into one's own commune."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gandan.accounts.rules import Perm
from gandan.core.mobilization import models_rules as rules
from gandan.errors import DomainError
from gandan.kit.idempotency import create_once, once_per_token
from gandan.mobilization.forms_initiatives import (
    ReasonForm,
    RecogniseForm,
    ReplicateForm,
    ReviewForm,
    review_field_name,
)
from gandan.mobilization.selectors import initiatives as selectors
from gandan.mobilization.services.initiative_decisions import (
    initiative_decline,
    initiative_recognise,
    initiative_review,
    may_recognise_at,
)
from gandan.mobilization.services.initiatives import (
    initiative_replicate,
    initiative_start,
    initiative_withdraw,
)
from gandan.web import form_add_domain_error, require_perm

MANAGE, RECOGNISE = Perm.MOBILIZATION_MANAGE, Perm.MODELS_RECOGNISE
Action = rules.Action


def _back(initiative):
    return redirect("mobilization:initiative", pk=initiative.pk)


def _refuse(request, initiative, action: Action):
    """The page of an action the model's state does not allow: back to the model, saying so."""
    if action in rules.allowed_actions(initiative.status):
        return None
    messages.error(
        request,
        _("This action is not possible for a model that is “%(status)s”.")
        % {"status": initiative.get_status_display()},
    )
    return _back(initiative)


@require_POST
@login_required
def initiative_start_view(request, pk: int):
    require_perm(request.user, MANAGE)
    initiative = selectors.initiative_get_for_user(request.user, pk)
    try:
        initiative_start(initiative=initiative, by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The model is now being carried out: it can be reviewed."))
    return _back(initiative)


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def initiative_review_view(request, pk: int):
    if not (request.user.can(MANAGE) or request.user.can(RECOGNISE)):
        require_perm(request.user, MANAGE)
    initiative = selectors.initiative_get_for_user(request.user, pk)
    refused = _refuse(request, initiative, Action.REVIEW)
    if refused is not None:
        return refused
    form = ReviewForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                review = create_once(
                    request,
                    lambda: initiative_review(
                        initiative=initiative,
                        scores=form.scores(),
                        recommend=data["recommend"],
                        comment=data["comment"],
                        by=request.user,
                    ),
                    url=lambda r: reverse("mobilization:initiative", args=[initiative.pk]) + "#reviews",
                )
            except DomainError as error:
                form_add_domain_error(form, error, rename=review_field_name)
            else:
                messages.success(
                    request,
                    _("Your review was recorded: %(total)s of %(max)s points.")
                    % {"total": review.total, "max": rules.MAX_SCORE},
                )
                return _back(initiative)
        status = 422
    context = {
        "initiative": initiative,
        "form": form,
        "max_score": rules.MAX_SCORE,
        "pass_score": rules.PASS_SCORE,
    }
    return render(request, "mobilization/initiatives_review.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def initiative_recognise_view(request, pk: int):
    require_perm(request.user, RECOGNISE)
    initiative = selectors.initiative_get_for_user(request.user, pk)
    refused = _refuse(request, initiative, Action.RECOGNISE)
    if refused is not None:
        return refused
    levels = [lvl for lvl in rules.higher_levels(initiative.level) if may_recognise_at(request.user, lvl)]
    if not levels:
        messages.error(request, _("Your role cannot recognise this model at a higher level than it has."))
        return _back(initiative)
    form = RecogniseForm(request.POST or None, levels=levels, initial={"on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                initiative_recognise(
                    initiative=initiative,
                    level=data["level"],
                    decision=data["decision"],
                    on=data["on"],
                    by=request.user,
                )
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, _("The model was recognised."))
                return _back(initiative)
        status = 422
    reviews = selectors.initiative_reviews(initiative)
    context = {
        "initiative": initiative,
        "form": form,
        "reviews": reviews,
        "recommended": any(card.review.recommend for card in reviews),
        "max_score": rules.MAX_SCORE,
    }
    return render(request, "mobilization/initiatives_recognise.html", context, status=status)


def _reason_page(request, pk: int, *, perm: str, action: Action, service, title: str, intro: str, done: str):
    require_perm(request.user, perm)
    initiative = selectors.initiative_get_for_user(request.user, pk)
    refused = _refuse(request, initiative, action)
    if refused is not None:
        return refused
    form = ReasonForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                service(initiative=initiative, reason=form.cleaned_data["reason"], by=request.user)
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, done)
                return _back(initiative)
        status = 422
    context = {
        "initiative": initiative,
        "form": form,
        "title": title,
        "intro": intro,
        "danger": action is Action.WITHDRAW,
    }
    return render(request, "mobilization/initiatives_reason.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def initiative_decline_view(request, pk: int):
    return _reason_page(
        request,
        pk,
        perm=RECOGNISE,
        action=Action.DECLINE,
        service=initiative_decline,
        title=_("Send the model back"),
        intro=_("The model goes back to being carried out; after it improves it is reviewed again."),
        done=_("The model was sent back to be worked on."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def initiative_withdraw_view(request, pk: int):
    return _reason_page(
        request,
        pk,
        perm=MANAGE,
        action=Action.WITHDRAW,
        service=initiative_withdraw,
        title=_("Withdraw the model"),
        intro=_("A withdrawn model stays in the register with its history but can no longer change."),
        done=_("The model was withdrawn."),
    )


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def initiative_replicate_view(request, pk: int):
    """Replicate a recognised model of any commune (the source is public) into one of the user's communes."""
    require_perm(request.user, MANAGE)
    source = selectors.replication_source(pk)
    communes = selectors.registering_communes_for_user(request.user)
    villages = selectors.villages_for_user(request.user)
    initial = {
        "name": source.name,
        "owner_kind": source.owner_kind,
        "period_start": timezone.localdate(),
        "description": source.description,
    }
    form = ReplicateForm(request.POST or None, communes=communes, villages=villages, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                copy = create_once(
                    request,
                    lambda: initiative_replicate(
                        source=source,
                        commune=data["unit"],
                        village=data["village"],
                        name=data["name"],
                        owner_kind=data["owner_kind"],
                        owner_name=data["owner_name"],
                        place=data["place"],
                        period_start=data["period_start"],
                        description=data["description"],
                        by=request.user,
                    ),
                    url=lambda c: reverse("mobilization:initiative", args=[c.pk]),
                )
            except DomainError as error:
                form_add_domain_error(form, error, rename={"commune": "unit"})
            else:
                messages.success(
                    request, _("The model was replicated: “%(name)s” is registered.") % {"name": copy.name}
                )
                return redirect("mobilization:initiative", pk=copy.pk)
        status = 422
    context = {"source": source, "form": form}
    return render(request, "mobilization/initiatives_replicate.html", context, status=status)


urlpatterns = [
    path("models/<int:pk>/start/", initiative_start_view, name="initiative_start"),
    path("models/<int:pk>/review/", initiative_review_view, name="initiative_review"),
    path("models/<int:pk>/recognise/", initiative_recognise_view, name="initiative_recognise"),
    path("models/<int:pk>/decline/", initiative_decline_view, name="initiative_decline"),
    path("models/<int:pk>/withdraw/", initiative_withdraw_view, name="initiative_withdraw"),
    path("models/<int:pk>/replicate/", initiative_replicate_view, name="initiative_replicate"),
]
