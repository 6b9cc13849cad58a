"""Staff pages of the questions: typing one in (from citizen reception, a village head, or the room), the worklist
(waiting for an answer, assigned to me), a question's page, grouping and assigning it, answering it (with the
commitment it promises), setting it aside, and reading the asker's contacts (with a reason, audited).

The organisers ("dialogues.manage") do everything; an officer to whom a question is assigned answers it and reads its
asker's contacts whatever his role. Everything stays inside the officer's units (404 outside)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gandan.dialogues.forms import (
    AnswerForm,
    ContactsForm,
    GroupForm,
    QuestionEntryForm,
    QuestionFilterForm,
    ReasonForm,
)
from gandan.dialogues.rules import (
    MANAGE,
    VIEW,
    DialogueAction,
    QuestionAction,
    dialogue_allows,
    question_allows,
)
from gandan.dialogues.selectors.dialogues import (
    commune_officers,
    commune_villages,
    dialogue_get_for_user,
    dialogue_themes,
)
from gandan.dialogues.selectors.questions import QuestionFilter, question_get_for_user, question_list
from gandan.dialogues.services.questions import (
    may_answer,
    question_answer,
    question_contacts,
    question_enter,
    question_group,
    question_set_aside,
)
from gandan.errors import DomainError
from gandan.kit.idempotency import create_once, once_per_token
from gandan.web import form_add_domain_error, paginate, require_perm


@require_safe
@login_required
def question_list_page(request):
    require_perm(request.user, VIEW)
    form = QuestionFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = QuestionFilter(
        status=data.get("status") or "", mine=bool(data.get("mine")), q=data.get("q") or ""
    )
    context = {
        "form": form,
        "filtered": filters.used,
        **paginate(request, question_list(request.user, filters)),
    }
    return render(request, "dialogues/questions_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def question_new(request, pk: int):
    require_perm(request.user, MANAGE)
    dialogue = dialogue_get_for_user(request.user, pk)
    if not dialogue_allows(dialogue.status, DialogueAction.ENTER_QUESTION):
        messages.error(request, _("Questions are entered while the dialogue is planned or held."))
        return redirect("dialogues:detail", pk=dialogue.pk)
    form = QuestionEntryForm(request.POST or None, villages=commune_villages(dialogue.unit_path))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question = create_once(
                request,
                lambda: question_enter(
                    dialogue=dialogue,
                    channel=data["channel"],
                    asker=form.asker(),
                    text=data["text"],
                    theme=data.get("theme") or "",
                    by=request.user,
                ),
                url=lambda q: reverse("dialogues:question", args=[q.pk]),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Question %(n)s was entered. Give the citizen its code to follow the answer: %(code)s.")
                % {"n": question.number, "code": question.code},
            )
            return redirect("dialogues:detail", pk=dialogue.pk)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "dialogue": dialogue, "themes": dialogue_themes(dialogue)}
    return render(request, "dialogues/question_form.html", context, status=status)


def _page(request, question, *, contacts=None, contacts_form=None, status: int = 200):
    user = request.user
    dialogue_status = question.dialogue.status
    manage = user.can(MANAGE)
    context = {
        "question": question,
        "dialogue": question.dialogue,
        "commitments": list(question.commitments.all()),
        "may_answer": may_answer(user, question)
        and question_allows(question.status, QuestionAction.ANSWER, dialogue_status=dialogue_status),
        "may_read_contacts": may_answer(user, question),
        "may_group": manage
        and question_allows(question.status, QuestionAction.GROUP, dialogue_status=dialogue_status),
        "may_set_aside": manage
        and question_allows(question.status, QuestionAction.SET_ASIDE, dialogue_status=dialogue_status),
        "has_contacts": bool(question.asker_phone or question.asker_email),
        "contacts": contacts,
        "contacts_form": contacts_form or ContactsForm(),
    }
    return render(request, "dialogues/question.html", context, status=status)


@require_safe
@login_required
def question_detail(request, pk: int):
    require_perm(request.user, VIEW)
    return _page(request, question_get_for_user(request.user, pk))


@require_POST
@login_required
def question_contacts_view(request, pk: int):
    """The asker's phone and e-mail shown once, on this answer only; the read is audited."""
    require_perm(request.user, VIEW)
    question = question_get_for_user(request.user, pk)
    if not may_answer(request.user, question):
        raise PermissionDenied
    form = ContactsForm(request.POST)
    if form.is_valid():
        try:
            contacts = question_contacts(
                question=question, reason=form.cleaned_data["reason"], by=request.user
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            return _page(request, question, contacts=contacts)
    return _page(request, question, contacts_form=form, status=422)


@require_http_methods(["GET", "POST"])
@login_required
def question_group_view(request, pk: int):
    require_perm(request.user, MANAGE)
    question = question_get_for_user(request.user, pk)
    officers = commune_officers(question.unit_path)
    initial = {"theme": question.theme, "assigned_to": question.assigned_to}
    form = GroupForm(request.POST or None, initial=initial, officers=officers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question_group(
                question=question,
                theme=data.get("theme") or "",
                assigned_to=data.get("assigned_to"),
                by=request.user,
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("Question %(n)s was grouped and assigned.") % {"n": question.number})
            return redirect(reverse("dialogues:detail", args=[question.dialogue_id]) + f"#q{question.number}")
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "question": question, "themes": dialogue_themes(question.dialogue)}
    return render(request, "dialogues/question_group.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def question_answer_view(request, pk: int):
    require_perm(request.user, VIEW)
    question = question_get_for_user(request.user, pk)
    if not may_answer(request.user, question):
        raise PermissionDenied
    officers = commune_officers(question.unit_path)
    form = AnswerForm(request.POST or None, initial={"answer": question.answer}, officers=officers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        promised = form.commitment() if data.get("promises") else None
        try:
            question_answer(question=question, answer=data["answer"], commitment=promised, by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            if promised is not None:
                messages.success(request, _("The answer and its commitment were recorded."))
            else:
                messages.success(request, _("The answer was recorded."))
            return redirect("dialogues:question", pk=question.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "dialogues/question_answer.html", {"form": form, "question": question}, status=status
    )


@require_http_methods(["GET", "POST"])
@login_required
def question_set_aside_view(request, pk: int):
    require_perm(request.user, MANAGE)
    question = question_get_for_user(request.user, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            question_set_aside(question=question, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("Question %(n)s was set aside.") % {"n": question.number})
            return redirect("dialogues:question", pk=question.pk)
    status = 422 if request.method == "POST" else 200
    context = {
        "form": form,
        "record": question,
        "back": reverse("dialogues:question", args=[question.pk]),
        "title": _("Set the question aside"),
        "intro": _("The asker reads the reason with his code; the question's text leaves the public page."),
        "allowed": question_allows(
            question.status, QuestionAction.SET_ASIDE, dialogue_status=question.dialogue.status
        ),
    }
    return render(request, "dialogues/reason.html", context, status=status)


urlpatterns = [
    path("questions/", question_list_page, name="questions"),
    path("<int:pk>/questions/new/", question_new, name="question_new"),
    path("questions/<int:pk>/", question_detail, name="question"),
    path("questions/<int:pk>/contacts/", question_contacts_view, name="question_contacts"),
    path("questions/<int:pk>/group/", question_group_view, name="question_group"),
    path("questions/<int:pk>/answer/", question_answer_view, name="question_answer"),
    path("questions/<int:pk>/set-aside/", question_set_aside_view, name="question_set_aside"),
]
