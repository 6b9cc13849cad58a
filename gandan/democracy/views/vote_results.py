"""Staff pages of a vote's result: the count (a meeting's figures entered by its counting board; a household ballot
from its slips or the board's figures; an online vote from its ballots), the slips of a household ballot entered one
by one (search the household, choose what the slip says), sending the community decision for recognition, and the
commune's answer ("democracy.recognise"). Everything stays inside the officer's units (404 outside)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gandan.accounts.rules import Perm
from gandan.core.democracy.votes import Form
from gandan.democracy.forms_votes import AnswerForm, CountForm, DayForm, SlipForm, SlipSearchForm
from gandan.democracy.selectors.households import household_get_for_user
from gandan.democracy.selectors.votes import (
    ballots_of,
    has_ballots,
    slip_candidates,
    vote_get_for_user,
    vote_progress,
)
from gandan.democracy.services.ballots import slip_enter
from gandan.democracy.services.vote_results import vote_answer, vote_count, vote_send
from gandan.democracy.vote_texts import CHOICE_LABELS, vote_result
from gandan.errors import DomainError
from gandan.web import form_add_domain_error, require_perm

MANAGE, RECOGNISE = Perm.DEMOCRACY_MANAGE, Perm.DEMOCRACY_RECOGNISE
SLIP_CANDIDATES = 20


def _status(request) -> int:
    return 422 if request.method == "POST" else 200


@require_http_methods(["GET", "POST"])
@login_required
def vote_count_view(request, pk: int):
    require_perm(request.user, MANAGE)
    vote = vote_get_for_user(request.user, pk)
    from_ballots = vote.form == Form.ONLINE or (vote.form == Form.BALLOT and has_ballots(vote))
    initial = {
        "counting_board": vote.counting_board,
        "witness_1": vote.witness_1,
        "witness_2": vote.witness_2,
    }
    form = CountForm(request.POST or None, initial=initial, figures=not from_ballots)
    if request.method == "POST" and form.is_valid():
        try:
            vote = vote_count(vote=vote, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            result = vote_result(vote)
            (messages.success if vote.passed else messages.warning)(request, result)
            return redirect("democracy:vote", pk=vote.pk)
    context = {
        "form": form,
        "vote": vote,
        "from_ballots": from_ballots,
        "progress": vote_progress(vote),
        "now": timezone.now(),
    }
    return render(request, "democracy/votes_count.html", context, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def vote_slips(request, pk: int):
    """Enter the slips of a household ballot: find the household (by name without diacritics, or number), choose
    what its slip says. A household has one slip; the list below shows those entered."""
    require_perm(request.user, MANAGE)
    vote = vote_get_for_user(request.user, pk)
    search = SlipSearchForm(request.GET or None)
    query = search.cleaned_data.get("q", "") if search.is_valid() else ""
    form = SlipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        household = household_get_for_user(request.user, form.cleaned_data["household"])
        try:
            slip_enter(vote=vote, household=household, choice=form.cleaned_data["choice"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The slip of household %(code)s (%(name)s) was entered: %(choice)s.")
                % {
                    "code": household.code,
                    "name": household.representative,
                    "choice": CHOICE_LABELS[form.cleaned_data["choice"]],
                },
            )
            return redirect("democracy:vote_slips", pk=vote.pk)
    candidates = list(slip_candidates(vote, query=query)[:SLIP_CANDIDATES]) if query else []
    context = {
        "vote": vote,
        "search": search,
        "form": form,
        "query": query,
        "candidates": candidates,
        "ballots": ballots_of(vote)[:500],
        "progress": vote_progress(vote),
        "choices": list(CHOICE_LABELS.items()),
    }
    return render(request, "democracy/votes_slips.html", context, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def vote_send_view(request, pk: int):
    require_perm(request.user, MANAGE)
    vote = vote_get_for_user(request.user, pk)
    form = DayForm(request.POST or None, initial={"on": timezone.localdate()})
    form.fields["on"].label = _("Sent on")
    if request.method == "POST" and form.is_valid():
        try:
            vote_send(vote=vote, on=form.cleaned_data["on"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The community decision was recorded as sent to the commune."))
            return redirect("democracy:vote", pk=vote.pk)
    context = {
        "form": form,
        "vote": vote,
        "title": _("Send the community decision for recognition"),
        "button": _("Record the sending"),
        "due": vote.send_by,
    }
    return render(request, "democracy/votes_step.html", context, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def vote_answer_view(request, pk: int):
    require_perm(request.user, RECOGNISE)
    vote = vote_get_for_user(request.user, pk)
    form = AnswerForm(request.POST or None, initial={"on": timezone.localdate(), "decision": "recognise"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            vote_answer(
                vote=vote,
                recognise=data["decision"] == "recognise",
                on=data["on"],
                reason=data["reason"],
                by=request.user,
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The commune's answer was recorded."))
            return redirect("democracy:vote", pk=vote.pk)
    context = {
        "form": form,
        "vote": vote,
        "title": _("The commune's answer to the community decision"),
        "button": _("Record the answer"),
        "due": vote.answer_by,
        "decision_url": reverse("democracy:vote_decision", args=[vote.pk]),
    }
    return render(request, "democracy/votes_step.html", context, status=_status(request))


urlpatterns: list = [
    path("votes/<int:pk>/count/", vote_count_view, name="vote_count"),
    path("votes/<int:pk>/slips/", vote_slips, name="vote_slips"),
    path("votes/<int:pk>/send/", vote_send_view, name="vote_send"),
    path("votes/<int:pk>/answer/", vote_answer_view, name="vote_answer"),
]
