"""Staff pages of the household votes: the votes of my villages, preparing and changing one, its page (the register,
the ballots received, the result and why, the community decision's clocks), opening and cancelling it, printing the
online ballot codes and the community decision (PDF). The count, the slips, the sending and the commune's answer are
in views/vote_results.py. Reading needs "democracy.view", changing "democracy.manage"; everything stays inside the
officer's units (404 outside)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gandan.accounts.rules import Perm
from gandan.core.democracy.vote_procedure import notice_in_time
from gandan.core.democracy.votes import Form, rule_for
from gandan.democracy.forms_votes import CancelForm, VoteFilterForm, VoteForm
from gandan.democracy.selectors.households import (
    household_get_for_user,
    village_get_for_user,
    villages_for_user,
)
from gandan.democracy.selectors.votes import (
    COUNTED_STATUSES,
    ballots_of,
    vote_clocks,
    vote_get_for_user,
    vote_progress,
    votes_for_user,
)
from gandan.democracy.services.ballots import codes_issue
from gandan.democracy.services.votes import EDITABLE, vote_cancel, vote_create, vote_open, vote_update
from gandan.democracy.vote_texts import form_label, matter_label, quorum_text, vote_result
from gandan.democracy.votes_pdf import codes_pdf, decision_filename, decision_pdf
from gandan.errors import DomainError
from gandan.kit.downloads import generated_file
from gandan.kit.idempotency import create_once, once_per_token
from gandan.web import form_add_domain_error, paginate, require_perm

VIEW, MANAGE = Perm.DEMOCRACY_VIEW, Perm.DEMOCRACY_MANAGE
PDF = "application/pdf"


def _status(request) -> int:
    return 422 if request.method == "POST" else 200


@require_safe
@login_required
def vote_list(request):
    require_perm(request.user, VIEW)
    form = VoteFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    village = village_get_for_user(request.user, data["village"]) if data.get("village") else None
    rows = votes_for_user(request.user, village=village, status=data.get("status") or "")
    page = paginate(request, rows)
    today = timezone.localdate()
    for vote in page["page_obj"]:
        vote.form_name = form_label(vote.form)
        vote.clocks = vote_clocks(vote, today=today)
    context = {"form": form, "village": village, "can_manage": request.user.can(MANAGE), **page}
    return render(request, "democracy/votes_list.html", context)


def _vote_form_context(form, vote=None, **extra) -> dict:
    return {"form": form, "vote": vote, **extra}


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def vote_new(request):
    require_perm(request.user, MANAGE)
    villages = villages_for_user(request.user)
    initial = {"village": request.GET.get("village")} if request.GET.get("village", "").isdigit() else {}
    form = VoteForm(request.POST or None, villages=villages, initial={"matter": 1, **initial})
    if request.method == "POST" and form.is_valid():
        try:
            vote = create_once(
                request,
                lambda: vote_create(by=request.user, **form.cleaned_data),
                url=lambda v: reverse("democracy:vote", args=[v.pk]),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The vote was prepared. Open it when the notice has gone out."))
            return redirect("democracy:vote", pk=vote.pk)
    context = _vote_form_context(form, no_village=not villages.exists())
    return render(request, "democracy/votes_form.html", context, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def vote_edit(request, pk: int):
    require_perm(request.user, MANAGE)
    vote = vote_get_for_user(request.user, pk)
    initial = {k: getattr(vote, k) for k in EDITABLE}
    initial["opens_at"] = timezone.localtime(vote.opens_at)
    initial["closes_at"] = timezone.localtime(vote.closes_at)
    form = VoteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            vote_update(vote=vote, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The vote was changed."))
            return redirect("democracy:vote", pk=vote.pk)
    return render(
        request, "democracy/votes_form.html", _vote_form_context(form, vote), status=_status(request)
    )


def detail_context(request, vote, **extra) -> dict:
    """What the vote's page shows (also after a refused action, with its form)."""
    today = timezone.localdate()
    progress = vote_progress(vote, on=today)
    rule = rule_for(vote.matter, timezone.localtime(vote.opens_at).date())
    counted = vote.status in COUNTED_STATUSES
    context = {
        "vote": vote,
        "rule": rule,
        "matter": matter_label(vote.matter),
        "form_name": form_label(vote.form),
        "progress": progress,
        "counted": counted,
        "result": vote_result(vote),
        "quorum": (
            quorum_text(households=vote.households or 0, present=vote.present or 0, village=vote.village)
            if counted
            and vote.form == Form.MEETING
            and rule.meeting_first
            and 2 * (vote.present or 0) <= (vote.households or 0)
            else ""
        ),
        "absent": (vote.households or 0) - (vote.present or 0),
        "clocks": vote_clocks(vote, today=today),
        "board": [n for n in vote.counting_board.splitlines() if n.strip()],
        "notice_missing": vote.notice_on is None and vote.status == vote.Status.DRAFT,
        "notice_late": vote.notice_on is not None
        and not notice_in_time(vote.notice_on, timezone.localtime(vote.opens_at).date()),
        "ballots": ballots_of(vote)[:200] if vote.form != Form.MEETING else [],
        "can_manage": request.user.can(MANAGE),
        "can_recognise": request.user.can(Perm.DEMOCRACY_RECOGNISE),
        "now": timezone.now(),
        "public_url": request.build_absolute_uri(reverse("democracy_public:vote", args=[vote.pk])),
        **extra,
    }
    return context


@require_safe
@login_required
def vote_detail(request, pk: int):
    require_perm(request.user, VIEW)
    vote = vote_get_for_user(request.user, pk)
    return render(request, "democracy/votes_detail.html", detail_context(request, vote))


@require_POST
@login_required
def vote_open_view(request, pk: int):
    require_perm(request.user, MANAGE)
    vote = vote_get_for_user(request.user, pk)
    try:
        vote_open(vote=vote, by=request.user)
    except DomainError as error:
        context = detail_context(request, vote, action_errors=[m for ms in error.errors.values() for m in ms])
        return render(request, "democracy/votes_detail.html", context, status=422)
    messages.success(request, _("The vote is open."))
    return redirect("democracy:vote", pk=vote.pk)


@require_http_methods(["GET", "POST"])
@login_required
def vote_cancel_view(request, pk: int):
    require_perm(request.user, MANAGE)
    vote = vote_get_for_user(request.user, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vote_cancel(vote=vote, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The vote was cancelled."))
            return redirect("democracy:vote", pk=vote.pk)
    context = {"form": form, "vote": vote, "title": _("Cancel the vote"), "button": _("Cancel the vote")}
    return render(request, "democracy/votes_step.html", context, status=_status(request))


@require_POST
@login_required
def vote_codes(request, pk: int):
    """Print the online ballot codes (a PDF of slips): for every household that has not voted, or for the one
    household posted (its slip was lost). A code printed before for the same household stops working."""
    require_perm(request.user, MANAGE)
    vote = vote_get_for_user(request.user, pk)
    household = None
    if request.POST.get("household", "").isdigit():
        household = household_get_for_user(request.user, request.POST["household"])
    try:
        codes = codes_issue(vote=vote, household=household, by=request.user)
    except DomainError as error:
        context = detail_context(request, vote, action_errors=[m for ms in error.errors.values() for m in ms])
        return render(request, "democracy/votes_detail.html", context, status=422)
    url = request.build_absolute_uri(reverse("democracy_public:vote", args=[vote.pk]))
    return generated_file(
        codes_pdf(vote, codes, url=url), filename=f"ma-bieu-quyet-{vote.pk}.pdf", content_type=PDF
    )


@require_safe
@login_required
def vote_decision(request, pk: int):
    """The community decision (Art. 20) of a counted vote, as PDF."""
    require_perm(request.user, VIEW)
    vote = vote_get_for_user(request.user, pk)
    if vote.status not in COUNTED_STATUSES:
        messages.error(request, _("The community decision is printed once the vote is counted."))
        return redirect("democracy:vote", pk=vote.pk)
    return generated_file(decision_pdf(vote), filename=decision_filename(vote), content_type=PDF, inline=True)


urlpatterns: list = [
    path("votes/", vote_list, name="votes"),
    path("votes/new/", vote_new, name="vote_new"),
    path("votes/<int:pk>/", vote_detail, name="vote"),
    path("votes/<int:pk>/edit/", vote_edit, name="vote_edit"),
    path("votes/<int:pk>/open/", vote_open_view, name="vote_open"),
    path("votes/<int:pk>/cancel/", vote_cancel_view, name="vote_cancel"),
    path("votes/<int:pk>/codes/", vote_codes, name="vote_codes"),
    path("votes/<int:pk>/decision.pdf", vote_decision, name="vote_decision"),
]
