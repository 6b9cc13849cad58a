"""The public page of a household vote (no login): what the households of a village decide, its window, and — for an
online vote that is open — the form where a household's representative votes with the ballot code printed for the
household; once counted, the result counted against every household of the village, and why it passed or failed.
Works without JavaScript; a wrong code is counted against the sender's address (gandan.democracy.services.ballots)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gandan.core.democracy.vote_procedure import window_problem
from gandan.core.democracy.votes import Form, rule_for
from gandan.democracy.forms_votes import OnlineBallotForm
from gandan.democracy.selectors.votes import COUNTED_STATUSES, public_vote_get
from gandan.democracy.services.ballots import ballot_cast_online
from gandan.democracy.vote_texts import form_label, matter_label, vote_result
from gandan.errors import DomainError, Throttled
from gandan.kit.clientip import client_ip
from gandan.portal.selectors import outside_address
from gandan.web import form_add_domain_error


@require_http_methods(["GET", "POST"])
def vote_page(request, pk: int):
    vote = public_vote_get(pk)
    if outside_address(vote.commune_path):
        raise Http404
    now = timezone.now()
    taking = vote.status == vote.Status.OPEN and vote.form == Form.ONLINE
    window = window_problem(now, opens_at=vote.opens_at, closes_at=vote.closes_at) if taking else None
    form = OnlineBallotForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                ballot_cast_online(
                    vote=vote,
                    code=form.cleaned_data["code"],
                    choice=form.cleaned_data["choice"],
                    client=client_ip(request),
                )
            except Throttled as error:
                form.add_error(None, str(error.message))
                status = 429
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(
                    request, _("Your household's ballot was recorded. Thank you for taking part.")
                )
                return redirect("democracy_public:vote", pk=vote.pk)
    rule = rule_for(vote.matter, timezone.localtime(vote.opens_at).date())
    context = {
        "vote": vote,
        "form": form,
        "rule": rule,
        "matter": matter_label(vote.matter),
        "form_name": form_label(vote.form),
        "taking": taking and window is None,
        "not_yet": taking and window == "not_yet",
        "closed": taking and window == "closed",
        "counted": vote.status in COUNTED_STATUSES,
        "result": vote_result(vote),
        "absent": (vote.households or 0) - (vote.present or 0),
    }
    return render(request, "democracy/public_vote.html", context, status=status)


urlpatterns = [path("bieu-quyet/<int:pk>/", vote_page, name="vote")]
