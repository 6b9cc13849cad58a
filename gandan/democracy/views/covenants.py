"""Staff pages of the village covenants (hương ước, quy ước): the list by step with late deadlines marked, drafting,
a covenant's page (its steps, deadlines, versions, the covenant it amends), and one page per step of its life —
revising the text, amending a covenant in force, putting it to the people's opinion, to the vote, recording the
adoption, sending the dossier, the chairman's recognition or refusal, suspension, resumption, abolition. Reading
needs "democracy.view"; drafting to sending "democracy.manage"; recognising, refusing, suspending and abolishing
"democracy.recognise" (the commune chairman). Everything stays inside the officer's units (404 outside)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gandan.democracy import forms_covenants as f
from gandan.democracy.selectors import covenants as selectors
from gandan.democracy.services import covenants as services
from gandan.errors import DomainError
from gandan.kit.communes import add_commune_filter, commune_paths
from gandan.kit.idempotency import create_once, once_per_token
from gandan.units.selectors import communes_for_user
from gandan.web import form_add_domain_error, paginate, require_perm

VIEW, MANAGE, RECOGNISE = "democracy.view", "democracy.manage", "democracy.recognise"


def _filters(data: dict, group: str) -> selectors.CovenantFilter:
    return selectors.CovenantFilter(
        q=data.get("q") or "",
        group=group,
        state=data.get("state") or "",
        village=data.get("village"),
        commune_paths=commune_paths(data.get("unit")),
        late=bool(data.get("late")),
    )


def _group_tabs(request, counts: dict[str, int], current: str) -> list[dict]:
    tabs = []
    for code, label in [("", _("All")), *f.GROUP_LABELS.items()]:
        params = request.GET.copy()
        params.pop("page", None)
        params.pop("group", None)
        if code:
            params["group"] = code
        value = counts.get(code, 0) if code else counts["total"]
        tabs.append({"label": label, "value": value, "query": params.urlencode(), "current": code == current})
    return tabs


@require_safe
@login_required
def covenant_list_page(request):
    require_perm(request.user, VIEW)
    form = f.CovenantFilterForm(request.GET or None, villages=selectors.villages_for_user(request.user))
    show_commune = add_commune_filter(form, communes_for_user(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    group = request.GET.get("group", "")
    group = group if group in f.GROUP_LABELS else ""
    filters = _filters(data, group)
    context = {
        "form": form,
        "group": group,
        "filtered": filters.used,
        "show_commune": show_commune,
        "can_manage": request.user.can(MANAGE),
        "group_tabs": _group_tabs(request, selectors.covenant_group_counts(request.user, filters), group),
        **paginate(request, selectors.covenant_list(request.user, filters)),
    }
    return render(request, "democracy/covenants_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def covenant_new(request):
    require_perm(request.user, MANAGE)
    form = f.CovenantForm(request.POST or None, villages=selectors.villages_for_user(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            made = create_once(
                request,
                lambda: services.covenant_create(by=request.user, **form.cleaned_data),
                url=lambda c: reverse("democracy:covenant", args=[c.pk]),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The draft covenant was saved as version 1."))
            return redirect("democracy:covenant", pk=made.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "democracy/covenants_form.html", {"form": form}, status=status)


@require_safe
@login_required
def covenant_detail(request, pk: int):
    require_perm(request.user, VIEW)
    covenant = selectors.covenant_get_for_user(request.user, pk)
    versions = selectors.covenant_versions(covenant)
    amendments = selectors.covenant_amendments(covenant)
    context = {
        "cov": covenant,
        "versions": versions,
        "current": versions[0] if versions else None,
        "deadlines": selectors.covenant_deadlines(covenant),
        "amendments": amendments,
        "amending": any(a.state in services.PREPARING for a in amendments),
        "can_manage": request.user.can(MANAGE),
        "can_recognise": request.user.can(RECOGNISE),
    }
    return render(request, "democracy/covenants_detail.html", context)


# --- The steps --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    perm: str
    title: str | Promise
    done: str | Promise
    run: Callable[..., Any]
    form: type[f.StepForm] | None = None  # None: a button on the covenant's page (POST only)
    intro: str | Promise = ""


def _amended(covenant, data, by):
    return services.covenant_amend(covenant=covenant, by=by, **data)


def _consulted(covenant, data, by):
    return services.covenant_consult(covenant=covenant, by=by, **data)


STEPS: dict[str, Step] = {
    "revise": Step(
        MANAGE,
        gettext_lazy("Revise the text"),
        gettext_lazy("The new version of the text was saved."),
        lambda c, d, by: services.covenant_revise(covenant=c, by=by, **d),
        f.ReviseForm,
        gettext_lazy("The earlier versions are kept and shown on the covenant's page."),
    ),
    "amend": Step(
        MANAGE,
        gettext_lazy("Amend the covenant"),
        gettext_lazy(
            "The amendment was drafted: it goes through the people's opinion, the vote and recognition."
        ),
        _amended,
        f.AmendForm,
        gettext_lazy("The covenant in force stays in force until the amendment is recognised."),
    ),
    "consult": Step(
        MANAGE,
        gettext_lazy("Put the draft to the people's opinion"),
        gettext_lazy("The draft is under consultation."),
        _consulted,
        f.ConsultForm,
        gettext_lazy(
            "Link a consultation already prepared, or give the dates and one is prepared from the current "
            "text; open it from its own page."
        ),
    ),
    "to_vote": Step(
        MANAGE,
        gettext_lazy("Put to the households' vote"),
        gettext_lazy("The covenant is put to the households' vote."),
        lambda c, d, by: services.covenant_to_vote(covenant=c, by=by),
    ),
    "redraft": Step(
        MANAGE,
        gettext_lazy("Back to drafting"),
        gettext_lazy("The covenant is back to drafting."),
        lambda c, d, by: services.covenant_redraft(covenant=c, by=by),
    ),
    "adoption": Step(
        MANAGE,
        gettext_lazy("Record the households' decision"),
        gettext_lazy("The households' decision was recorded."),
        lambda c, d, by: services.covenant_adoption_record(covenant=c, by=by, **d),
        f.AdoptionForm,
        gettext_lazy(
            "Choose the village's counted vote, or type in the meeting's count. Adopted when more than half "
            "of all households attended and more than half of all households agreed (Decree 61/2023)."
        ),
    ),
    "submit": Step(
        MANAGE,
        gettext_lazy("Recognition dossier sent"),
        gettext_lazy("The dossier was recorded as sent: the chairman answers within 5 working days."),
        lambda c, d, by: services.covenant_submit(covenant=c, by=by, **d),
        f.SubmitForm,
        gettext_lazy(
            "The village head sends the request, the minutes of the vote and the adopted text within 5 "
            "working days of the adoption."
        ),
    ),
    "recognise": Step(
        RECOGNISE,
        gettext_lazy("Recognise the covenant"),
        gettext_lazy("The covenant is recognised and in force."),
        lambda c, d, by: services.covenant_recognise(covenant=c, by=by, **d),
        f.RecogniseForm,
        gettext_lazy(
            "The covenant is in force from the day of the decision; the covenant it amends is replaced."
        ),
    ),
    "refuse": Step(
        RECOGNISE,
        gettext_lazy("Refuse recognition"),
        gettext_lazy("Recognition was refused; the village may revise the text."),
        lambda c, d, by: services.covenant_refuse(covenant=c, by=by, **d),
        f.ReasonForm,
    ),
    "suspend": Step(
        RECOGNISE,
        gettext_lazy("Suspend the covenant"),
        gettext_lazy("The covenant is suspended."),
        lambda c, d, by: services.covenant_suspend(covenant=c, by=by, **d),
        f.ReasonForm,
    ),
    "resume": Step(
        RECOGNISE,
        gettext_lazy("Put back in force"),
        gettext_lazy("The covenant is in force again."),
        lambda c, d, by: services.covenant_resume(covenant=c, by=by),
    ),
    "abolish": Step(
        RECOGNISE,
        gettext_lazy("Abolish the covenant"),
        gettext_lazy("The covenant is abolished."),
        lambda c, d, by: services.covenant_abolish(covenant=c, by=by, **d),
        f.ReasonForm,
    ),
}


def _after(step: str, covenant, result) -> str:
    if step == "amend":
        return reverse("democracy:covenant", args=[result.pk])
    if step == "consult":
        return reverse("democracy:consultation", args=[result.pk])
    return reverse("democracy:covenant", args=[covenant.pk])


def _step_view(name: str):
    step = STEPS[name]

    @login_required
    def view(request, pk: int):
        require_perm(request.user, step.perm)
        covenant = selectors.covenant_get_for_user(request.user, pk)
        if step.form is None:
            try:
                step.run(covenant, {}, request.user)
            except DomainError as error:
                messages.error(request, str(error.message))
            else:
                messages.success(request, str(step.done))
            return redirect("democracy:covenant", pk=covenant.pk)
        form = step.form(request.POST or None, covenant=covenant, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                result = step.run(covenant, form.cleaned_data, request.user)
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                if name == "adoption" and result.state == "draft":
                    messages.warning(request, result.reason or _("The covenant was not adopted."))
                else:
                    messages.success(request, str(step.done))
                return redirect(_after(name, covenant, result))
        status = 422 if request.method == "POST" else 200
        context = {"cov": covenant, "form": form, "step": step, "name": name}
        return render(request, "democracy/covenants_step.html", context, status=status)

    view.__name__ = f"covenant_{name}"
    if step.form is None:
        return require_POST(view)
    return require_http_methods(["GET", "POST"])(view)


urlpatterns = [
    path("covenants/", covenant_list_page, name="covenants"),
    path("covenants/new/", covenant_new, name="covenant_new"),
    path("covenants/<int:pk>/", covenant_detail, name="covenant"),
    *(
        path(f"covenants/<int:pk>/{name.replace('_', '-')}/", _step_view(name), name=f"covenant_{name}")
        for name in STEPS
    ),
]
