"""Staff pages of the "dân vận khéo" models: the register with its worklists, registering and correcting a model,
its page (status, timeline, figures, evidence, reviews, replication tree and the actions its state and the user's
role allow), the evidence and its downloads. The decisions (start, review, recognise, send back, withdraw,
replicate) are in `initiative_decisions`, whose addresses are added here. Reading needs "mobilization.view";
everything stays inside the user's units (404 outside)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_safe

from gandan.accounts.rules import Perm
from gandan.audit.labels import readable_events
from gandan.audit.services import event_record
from gandan.core.mobilization import models_rules as rules
from gandan.errors import DomainError
from gandan.kit.communes import add_commune_filter
from gandan.kit.idempotency import create_once, once_per_token
from gandan.kit.params import month_first
from gandan.mobilization.evidence_files import evidence_response
from gandan.mobilization.forms_initiatives import (
    FIGURE_ROWS,
    EvidenceForm,
    InitiativeEditForm,
    InitiativeFilterForm,
    InitiativeForm,
    ReasonForm,
    figure_rows,
)
from gandan.mobilization.selectors import initiatives as selectors
from gandan.mobilization.selectors.initiatives import Worklist
from gandan.mobilization.services.evidence import MAX_EVIDENCE, evidence_add, evidence_remove
from gandan.mobilization.services.initiative_decisions import may_recognise_at
from gandan.mobilization.services.initiatives import MAX_FIGURES, initiative_register, initiative_update
from gandan.mobilization.views import initiative_decisions
from gandan.units.selectors import communes_for_user
from gandan.web import form_add_domain_error, paginate, require_perm

VIEW, MANAGE, RECOGNISE = Perm.MOBILIZATION_VIEW, Perm.MOBILIZATION_MANAGE, Perm.MODELS_RECOGNISE
Status = rules.Status


def _tabs(counts: dict[str, int], show: str) -> list[dict]:
    labels = {
        Worklist.ACTIVE: _("All models"),
        Worklist.TO_START: _("Registered, not started"),
        Worklist.TO_REVIEW: _("To review"),
        Worklist.TO_RECOGNISE: _("To recognise"),
        Worklist.RECOGNISED: _("Recognised"),
        Worklist.WITHDRAWN: pgettext("a model's status", "Withdrawn"),
    }
    return [
        {"key": w.value, "label": labels[w], "count": counts[w.value], "active": w.value == show}
        for w in Worklist
    ]


@require_safe
@login_required
def initiative_list(request):
    require_perm(request.user, VIEW)
    user = request.user
    show = request.GET.get("show") or Worklist.ACTIVE.value
    if show not in {w.value for w in Worklist}:
        show = Worklist.ACTIVE.value
    form = InitiativeFilterForm(
        request.GET or None, villages=selectors.villages_for_user(user), worklists=[w.value for w in Worklist]
    )
    show_commune = add_commune_filter(form, communes_for_user(user))
    data = form.cleaned_data if form.is_valid() else {}
    drill_month = month_first(data.get("period")) if data.get("indicator") else None
    rows = selectors.initiative_list(
        user,
        worklist=show,
        field=data.get("field") or "",
        status=data.get("status") or "",
        level=data.get("level") or "",
        village=data.get("village"),
        commune=data.get("unit"),
        query=data.get("q") or "",
        order=data.get("order") or "-registered",
        recognised_in=drill_month,
    )
    filtered = any(data.get(k) for k in ("q", "field", "status", "level", "village", "unit", "indicator"))
    context = {
        "form": form,
        "show": show,
        "tabs": _tabs(selectors.worklist_counts(user), show),
        "filtered": filtered,
        "show_commune": show_commune,
        "can_manage": user.can(MANAGE),
        "drill_month": drill_month,
        **paginate(request, rows),
    }
    return render(request, "mobilization/initiatives_list.html", context)


# --- Registering and correcting ---------------------------------------------------------------------------------


def _form_kwargs(user) -> dict:
    return {
        "communes": selectors.registering_communes_for_user(user),
        "villages": selectors.villages_for_user(user),
        "teams": selectors.initiative_teams_for_user(user),
    }


def _figures(rows) -> list[dict]:
    return [r.cleaned_data for r in rows if r.is_valid()]


def _show_error(form, rows, error: DomainError) -> None:
    """Every problem next to its field; "figures.<i>.<part>" on figure row <i>."""
    for name, found in error.errors.items():
        parts = name.split(".")
        if parts[0] == "figures" and len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(rows):
            row = rows[int(parts[1])]
            row.add_error(parts[2] if parts[2] in row.fields else None, found)
        else:
            form.add_error(name if name in form.fields else None, found)


def _row_count(request, default: int) -> int:
    try:
        return min(max(int(request.POST.get("figure_rows", default)), 1), MAX_FIGURES)
    except ValueError:
        return default


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def initiative_new(request):
    require_perm(request.user, MANAGE)
    kwargs = _form_kwargs(request.user)
    if request.method == "POST":
        form = InitiativeForm(request.POST, **kwargs)
        rows = figure_rows(request.POST, count=_row_count(request, FIGURE_ROWS))
        if form.is_valid() and all(r.is_valid() for r in rows):
            data = form.cleaned_data
            try:
                initiative = create_once(
                    request,
                    lambda: initiative_register(
                        unit=data["unit"],
                        village=data["village"],
                        name=data["name"],
                        field=data["field"],
                        owner_kind=data["owner_kind"],
                        owner_name=data["owner_name"],
                        team=data["team"],
                        place=data["place"],
                        period_start=data["period_start"],
                        period_end=data["period_end"],
                        description=data["description"],
                        results=data["results"],
                        figures=_figures(rows),
                        by=request.user,
                    ),
                    url=lambda i: reverse("mobilization:initiative", args=[i.pk]),
                )
            except DomainError as error:
                _show_error(form, rows, error)
            else:
                messages.success(
                    request, _("The model “%(name)s” was registered.") % {"name": initiative.name}
                )
                return redirect("mobilization:initiative", pk=initiative.pk)
        return _render_form(request, form, rows, status=422)
    form = InitiativeForm(initial={"period_start": timezone.localdate()}, **kwargs)
    return _render_form(request, form, figure_rows())


def _render_form(request, form, rows, *, initiative=None, status: int = 200):
    context = {"form": form, "rows": rows, "initiative": initiative, "figure_count": len(rows)}
    return render(request, "mobilization/initiatives_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def initiative_edit(request, pk: int):
    require_perm(request.user, MANAGE)
    initiative = selectors.initiative_get_for_user(request.user, pk)
    if initiative.status == Status.WITHDRAWN:
        messages.error(request, _("This model was withdrawn: it can no longer be changed."))
        return redirect("mobilization:initiative", pk=initiative.pk)
    kwargs = _form_kwargs(request.user)
    if request.method == "POST":
        form = InitiativeEditForm(request.POST, initial={"unit": initiative.unit}, **kwargs)
        rows = figure_rows(request.POST, count=_row_count(request, FIGURE_ROWS))
        if form.is_valid() and all(r.is_valid() for r in rows):
            data = form.cleaned_data
            source = None
            if data["copied_from"]:
                source = selectors.initiative_by_number(request.user, data["copied_from"])
                if source is None:
                    form.add_error("copied_from", _("There is no model with this number."))
            if not form.errors:
                try:
                    initiative_update(
                        initiative=initiative,
                        village=data["village"],
                        name=data["name"],
                        field=data["field"],
                        owner_kind=data["owner_kind"],
                        owner_name=data["owner_name"],
                        team=data["team"],
                        place=data["place"],
                        period_start=data["period_start"],
                        period_end=data["period_end"],
                        description=data["description"],
                        results=data["results"],
                        figures=_figures(rows),
                        copied_from=source,
                        by=request.user,
                    )
                except DomainError as error:
                    _show_error(form, rows, error)
                else:
                    messages.success(request, _("The model was updated."))
                    return redirect("mobilization:initiative", pk=initiative.pk)
        return _render_form(request, form, rows, initiative=initiative, status=422)
    initial = {
        "unit": initiative.unit,
        "village": initiative.village,
        "name": initiative.name,
        "field": initiative.field,
        "owner_kind": initiative.owner_kind,
        "owner_name": initiative.owner_name,
        "team": initiative.team,
        "place": initiative.place,
        "period_start": initiative.period_start,
        "period_end": initiative.period_end,
        "description": initiative.description,
        "results": initiative.results,
        "copied_from": initiative.copied_from_id,
    }
    form = InitiativeEditForm(initial=initial, **kwargs)
    return _render_form(request, form, figure_rows(initial=initiative.figures), initiative=initiative)


# --- A model's page ---------------------------------------------------------------------------------------------------


def _actions(user, initiative, evidence_count: int) -> dict[str, bool]:
    status = initiative.status
    allowed = set(rules.allowed_actions(status))
    manage = user.can(MANAGE)
    levels = [lvl for lvl in rules.higher_levels(initiative.level) if may_recognise_at(user, lvl)]
    return {
        "edit": manage and status != Status.WITHDRAWN,
        "start": manage and rules.Action.START in allowed,
        "review": (manage or user.can(RECOGNISE)) and rules.Action.REVIEW in allowed,
        "recognise": bool(levels) and rules.Action.RECOGNISE in allowed,
        "decline": user.can(RECOGNISE) and rules.Action.DECLINE in allowed,
        "withdraw": manage and rules.Action.WITHDRAW in allowed,
        "evidence": manage and status != Status.WITHDRAWN and evidence_count < MAX_EVIDENCE,
        "replicate": manage and rules.can_replicate(status),
    }


@require_safe
@login_required
def initiative_detail(request, pk: int):
    require_perm(request.user, VIEW)
    initiative = selectors.initiative_get_for_user(request.user, pk)
    evidence = list(selectors.evidence_of(initiative))
    reviews = selectors.initiative_reviews(initiative)
    actions = _actions(request.user, initiative, len(evidence))
    context = {
        "initiative": initiative,
        "figures": selectors.figures_shown(initiative),
        "evidence": evidence,
        "reviews": reviews,
        "timeline": readable_events(request.user, list(selectors.initiative_timeline(initiative))),
        "tree": selectors.replication_tree(request.user, initiative),
        "actions": actions,
        "any_action": any(actions.values()),
        "can_remove_evidence": request.user.can(MANAGE),
        "pass_score": rules.PASS_SCORE,
        "max_score": rules.MAX_SCORE,
        "max_evidence": MAX_EVIDENCE,
        "recommended": any(card.review.recommend for card in reviews),
    }
    return render(request, "mobilization/initiatives_detail.html", context)


# --- Evidence ----------------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def evidence_new(request, pk: int):
    require_perm(request.user, MANAGE)
    initiative = selectors.initiative_get_for_user(request.user, pk)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                create_once(
                    request,
                    lambda: evidence_add(
                        initiative=initiative, upload=data["upload"], caption=data["caption"], by=request.user
                    ),
                    url=lambda e: reverse("mobilization:initiative", args=[initiative.pk]) + "#evidence",
                )
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, _("The file was added to the model's evidence."))
                return redirect(reverse("mobilization:initiative", args=[initiative.pk]) + "#evidence")
        status = 422
    context = {
        "initiative": initiative,
        "form": form,
        "count": initiative.evidence.count(),
        "max": MAX_EVIDENCE,
    }
    return render(request, "mobilization/initiatives_evidence.html", context, status=status)


@require_safe
@login_required
def evidence_file(request, pk: int, evidence_pk: int):
    """A photo or document of a model in the user's units; `?thumb=1` gives a photo's small copy for the gallery."""
    require_perm(request.user, VIEW)
    evidence = selectors.evidence_get_for_user(request.user, pk, evidence_pk)
    # The file itself is audited, as every staff download (a document may name people); not the gallery's thumbnails.
    return evidence_response(
        request,
        evidence,
        audit=lambda: event_record(
            actor=request.user,
            action="mobilization.evidence_read",
            obj=evidence.initiative,
            details={"evidence": evidence.pk, "file": evidence.original_name},
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def evidence_remove_view(request, pk: int, evidence_pk: int):
    """Remove a wrong photo or document, with the reason: the form shows the file, POST removes it."""
    require_perm(request.user, MANAGE)
    evidence = selectors.evidence_get_for_user(request.user, pk, evidence_pk)
    initiative = evidence.initiative
    form = ReasonForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                evidence_remove(evidence=evidence, reason=form.cleaned_data["reason"], by=request.user)
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, _("The file was removed from the model's evidence."))
                return redirect(reverse("mobilization:initiative", args=[initiative.pk]) + "#evidence")
        status = 422
    context = {"initiative": initiative, "evidence": evidence, "form": form}
    return render(request, "mobilization/initiatives_evidence_remove.html", context, status=status)


urlpatterns = [
    path("models/", initiative_list, name="initiatives"),
    path("models/new/", initiative_new, name="initiative_new"),
    path("models/<int:pk>/", initiative_detail, name="initiative"),
    path("models/<int:pk>/edit/", initiative_edit, name="initiative_edit"),
    path("models/<int:pk>/evidence/", evidence_new, name="evidence_new"),
    path("models/<int:pk>/evidence/<int:evidence_pk>/", evidence_file, name="evidence_file"),
    path("models/<int:pk>/evidence/<int:evidence_pk>/remove/", evidence_remove_view, name="evidence_remove"),
    *initiative_decisions.urlpatterns,
]
