"""Citizen pages of the dialogues (no login, no script needed): a commune's dialogues; a dialogue's page with its
questions and answers grouped by theme and the progress of each commitment, with its evidence once done; the form to
send a question before the dialogue (mobile first, limited like every online form); and the lookup of one's question
by its code, with the answer and what was promised.

The askers are shown by their initials and village, never their phone or e-mail (selectors.published)."""

from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.dialogues.evidence import evidence_response
from gandan.dialogues.forms import LookupForm, PublicQuestionForm
from gandan.dialogues.rules import clean_question_code
from gandan.dialogues.selectors.dialogues import commune_villages
from gandan.dialogues.selectors.published import (
    accepting_questions,
    public_commitments,
    public_communes,
    public_dialogue_get,
    public_dialogues,
    public_evidence,
    public_grouped,
    public_questions,
)
from gandan.dialogues.services.lookup import question_public_lookup, submit_counted_for, submit_refusal
from gandan.dialogues.services.questions import question_submit
from gandan.errors import DomainError
from gandan.kit.idempotency import create_once, once_per_token
from gandan.kit.throttle import refused
from gandan.portal.selectors import portal_unit
from gandan.web import form_add_domain_error, paginate

PER_PAGE = 12


@require_safe
def dialogue_list(request):
    communes = list(public_communes())
    home = portal_unit()
    if home is not None and home not in communes:
        communes.insert(0, home)
    code = (request.GET.get("xa") or "").strip()
    commune = next((u for u in communes if u.code == code), None) if code else home
    if commune is None and not code and communes:
        commune = communes[0]
    rows = public_dialogues(commune)
    context = {
        "communes": communes,
        "commune": commune,
        "unknown": bool(code) and commune is None,
        **paginate(request, rows, per_page=PER_PAGE),
    }
    return render(request, "dialogues/public/list.html", context, status=404 if context["unknown"] else 200)


@require_safe
def dialogue_page(request, pk: int):
    dialogue = public_dialogue_get(pk)
    questions = public_questions(dialogue)
    context = {
        "dialogue": dialogue,
        "groups": public_grouped([q for q in questions if not q.set_aside]),
        "set_aside": sum(1 for q in questions if q.set_aside),
        "commitments": public_commitments(dialogue),
        "accepting": accepting_questions(dialogue),
    }
    return render(request, "dialogues/public/detail.html", context)


def _question_url(question) -> str:
    return reverse("dialogues_public:question", args=[question.code]) + "?moi=1"


@require_http_methods(["GET", "POST"])
@once_per_token
def ask(request, pk: int):
    dialogue = public_dialogue_get(pk)
    villages = commune_villages(dialogue.unit_path)
    context = {"dialogue": dialogue, "accepting": accepting_questions(dialogue)}
    if request.method == "POST":
        # Limits first: the address and the phone before anything else is read.
        refusal = submit_refusal(request, request.POST.get("phone", ""))
        if refusal:
            form = refused(PublicQuestionForm(villages=villages), refusal)
            return render(request, "dialogues/public/ask.html", {**context, "form": form}, status=429)
    form = PublicQuestionForm(request.POST or None, villages=villages)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                question = create_once(
                    request,
                    lambda: question_submit(
                        dialogue=dialogue, asker=form.asker(), text=form.cleaned_data["text"]
                    ),
                    url=_question_url,
                )
            except DomainError as error:
                form_add_domain_error(form, error)
                status = error.status if error.status != 400 else 422
            else:
                submit_counted_for(request, form.cleaned_data.get("phone") or "")
                return redirect(_question_url(question))
    elif not context["accepting"]:
        status = 200  # the page says why no question can be sent (and where to go instead)
    return render(request, "dialogues/public/ask.html", {**context, "form": form}, status=status)


@require_safe
def lookup(request):
    form = LookupForm(request.GET or None)
    if request.GET and form.is_valid():
        code = clean_question_code(form.cleaned_data["ma"])
        if code:
            return redirect("dialogues_public:question", code=code)
        form.add_error(
            "ma", _("A question's code looks like CH-7KQM-X3PA: check the letters you were given.")
        )
    return render(request, "dialogues/public/lookup.html", {"form": form}, status=422 if form.errors else 200)


@require_safe
def question_page(request, code: str):
    result = question_public_lookup(request=request, code=code)
    if result.found is None:
        form = LookupForm(initial={"ma": code})
        status = 429 if result.refusal else 404
        message = result.refusal or _(
            "No question has this code. Check the letters you were given (e.g. CH-7KQM-X3PA)."
        )
        return render(
            request, "dialogues/public/lookup.html", {"form": form, "message": message}, status=status
        )
    own = result.found
    context = {
        "q": own.question,
        "dialogue": own.dialogue,
        "reason": own.set_aside_reason,
        "new": request.GET.get("moi") == "1",
        "public_page": own.dialogue.public,
    }
    return render(request, "dialogues/public/question.html", context)


@require_safe
def evidence(request, pk: int):
    """The photo or PDF showing a commitment done, of a dialogue shown on the portal."""
    return evidence_response(request, public_evidence(pk))


app_name = "dialogues_public"
urlpatterns = [
    path("doi-thoai/", dialogue_list, name="list"),
    path("doi-thoai/<int:pk>/", dialogue_page, name="detail"),
    path("doi-thoai/<int:pk>/gui-cau-hoi/", ask, name="ask"),
    path("doi-thoai/hoi/", lookup, name="lookup"),
    path("doi-thoai/hoi/<str:code>/", question_page, name="question"),
    path("doi-thoai/cam-ket/<int:pk>/minh-chung/", evidence, name="evidence"),
]
