"""Staff pages of the consultations (lấy ý kiến): the list with its stages and counts, preparing and correcting a
draft by sections, opening it, recording the opinions gathered through every channel, considering each, writing the
summary, publishing it, and the comments as an Excel sheet. Reading needs "democracy.view", everything else
"democracy.manage"; everything stays inside the officer's units (404 outside)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gandan.audit.services import event_record
from gandan.core.democracy.consultations import Phase
from gandan.democracy.forms_consultations import (
    CommentEntryForm,
    CommentFilterForm,
    ConsiderForm,
    ConsultationFilterForm,
    ConsultationForm,
    SectionFormSet,
    SummaryForm,
)
from gandan.democracy.models.consultations import PHASE_LABELS
from gandan.democracy.selectors import consultations as selectors
from gandan.democracy.services import consultations as services
from gandan.errors import DomainError
from gandan.kit.communes import add_commune_filter, commune_paths
from gandan.kit.downloads import generated_file
from gandan.kit.idempotency import create_once, once_per_token
from gandan.kit.params import month_first
from gandan.units.selectors import communes_for_user
from gandan.web import form_add_domain_error, paginate, require_perm

VIEW, MANAGE = "democracy.view", "democracy.manage"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(data: dict) -> selectors.ConsultationFilter:
    return selectors.ConsultationFilter(
        q=data.get("q") or "",
        subject=data.get("subject") or "",
        phase=data.get("phase") or "",
        commune_paths=commune_paths(data.get("unit")),
        indicator=data.get("indicator") or "",
        period=month_first(data.get("period")),
    )


def _phase_tabs(request, counts: dict[str, int], current: str) -> list[dict]:
    tabs = []
    for code, label in [("", _("All")), *((p.value, str(PHASE_LABELS[p])) for p in Phase)]:
        params = request.GET.copy()
        params.pop("page", None)
        params.pop("phase", None)
        if code:
            params["phase"] = code
        value = counts.get(code, 0) if code else counts["total"]
        tabs.append({"label": label, "value": value, "query": params.urlencode(), "current": code == current})
    return tabs


@require_safe
@login_required
def consultation_list_page(request):
    require_perm(request.user, VIEW)
    form = ConsultationFilterForm(request.GET or None)
    show_commune = add_commune_filter(form, communes_for_user(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    filters = _filters(data)
    counts = selectors.consultation_phase_counts(request.user, filters)
    context = {
        "form": form,
        "filtered": filters.used,
        "show_commune": show_commune,
        "can_manage": request.user.can(MANAGE),
        "phase_tabs": _phase_tabs(request, counts, filters.phase),
        "drill_month": filters.period if filters.indicator else None,
        **paginate(request, selectors.consultation_list(request.user, filters)),
    }
    return render(request, "democracy/consultations_list.html", context)


def _sections_initial(consultation) -> list[dict]:
    return [{"heading": s.heading, "text": s.text} for s in selectors.consultation_sections(consultation)]


def _draft_args(form: ConsultationForm, sections: forms.BaseFormSet) -> dict:
    data = form.cleaned_data
    rows = [f.cleaned_data for f in sections.forms if hasattr(f, "cleaned_data")]
    return {
        "subject": data["subject"],
        "title": data["title"],
        "introduction": data.get("introduction") or "",
        "opens": data["opens"],
        "closes": data["closes"],
        "sections": [services.SectionText(r.get("heading") or "", r.get("text") or "") for r in rows],
    }


def _draft_page(request, form, sections, *, consultation=None, status=200):
    context = {"form": form, "sections": sections, "consultation": consultation}
    return render(request, "democracy/consultations_form.html", context, status=status)


def _show_error(form, sections, error: DomainError) -> None:
    form_add_domain_error(form, error, rename={"commune": None, "sections": None})
    for message in error.errors.get("sections", []):
        sections._non_form_errors = sections.error_class([*sections.non_form_errors(), message])


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def consultation_new(request):
    require_perm(request.user, MANAGE)
    user = request.user
    form = ConsultationForm(request.POST or None, initial={"opens": timezone.localdate()})
    sections = SectionFormSet(request.POST or None, prefix="sections")
    if request.method == "POST" and form.is_valid() and sections.is_valid():
        try:
            made = create_once(
                request,
                lambda: services.consultation_create(
                    commune=user.unit, by=user, **_draft_args(form, sections)
                ),
                url=lambda c: reverse("democracy:consultation", args=[c.pk]),
            )
        except DomainError as error:
            _show_error(form, sections, error)
        else:
            messages.success(request, _("The draft was saved. Check it, then open it for comments."))
            return redirect("democracy:consultation", pk=made.pk)
    return _draft_page(request, form, sections, status=422 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
@login_required
def consultation_edit(request, pk: int):
    require_perm(request.user, MANAGE)
    consultation = selectors.consultation_get_for_user(request.user, pk)
    initial = {
        "subject": consultation.subject,
        "title": consultation.title,
        "introduction": consultation.introduction,
        "opens": consultation.opens,
        "closes": consultation.closes,
    }
    form = ConsultationForm(request.POST or None, initial=initial)
    sections = SectionFormSet(
        request.POST or None, prefix="sections", initial=_sections_initial(consultation)
    )
    if request.method == "POST" and form.is_valid() and sections.is_valid():
        try:
            services.consultation_update(
                consultation=consultation, by=request.user, **_draft_args(form, sections)
            )
        except DomainError as error:
            _show_error(form, sections, error)
        else:
            messages.success(request, _("The draft was corrected."))
            return redirect("democracy:consultation", pk=consultation.pk)
    status = 422 if request.method == "POST" else 200
    return _draft_page(request, form, sections, consultation=consultation, status=status)


@require_safe
@login_required
def consultation_detail(request, pk: int):
    require_perm(request.user, VIEW)
    consultation = selectors.consultation_get_for_user(request.user, pk)
    filter_form = CommentFilterForm(request.GET or None)
    data = filter_form.cleaned_data if filter_form.is_valid() else {}
    comments = selectors.consultation_comments(
        consultation,
        selectors.CommentFilter(disposition=data.get("disposition") or "", channel=data.get("channel") or ""),
    )
    p = consultation.phase
    context = {
        "c": consultation,
        "phase": p.value,
        "sections": selectors.consultation_sections(consultation),
        "counts": selectors.comment_counts(consultation),
        "filter_form": filter_form,
        "can_manage": request.user.can(MANAGE),
        "takes_comments": p in (Phase.OPEN, Phase.CLOSED),
        **paginate(request, comments),
    }
    return render(request, "democracy/consultations_detail.html", context)


def _back(consultation):
    return redirect("democracy:consultation", pk=consultation.pk)


@require_POST
@login_required
def consultation_open(request, pk: int):
    require_perm(request.user, MANAGE)
    consultation = selectors.consultation_get_for_user(request.user, pk)
    try:
        services.consultation_open(consultation=consultation, by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("The consultation is open: it shows on the portal, with its comment form.")
        )
    return _back(consultation)


@require_POST
@login_required
def consultation_publish(request, pk: int):
    require_perm(request.user, MANAGE)
    consultation = selectors.consultation_get_for_user(request.user, pk)
    try:
        services.consultation_publish(consultation=consultation, by=request.user)
    except DomainError as error:
        for messages_of_field in error.errors.values():
            for message in messages_of_field:
                messages.error(request, message)
    else:
        messages.success(
            request, _("The summary is published on the portal with the answer to each opinion.")
        )
    return _back(consultation)


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def comment_new(request, pk: int):
    require_perm(request.user, MANAGE)
    consultation = selectors.consultation_get_for_user(request.user, pk)
    form = CommentEntryForm(
        request.POST or None,
        sections=consultation.sections.all(),
        villages=selectors.consultation_villages(consultation),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            create_once(
                request,
                lambda: services.comment_enter(consultation=consultation, by=request.user, **data),
                url=lambda c: reverse("democracy:consultation", args=[consultation.pk]),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The opinion was recorded."))
            if request.POST.get("another"):
                return redirect("democracy:comment_new", pk=consultation.pk)
            return _back(consultation)
    status = 422 if request.method == "POST" else 200
    context = {"c": consultation, "form": form, "phase": consultation.phase.value}
    return render(request, "democracy/consultations_comment.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def comment_consider(request, pk: int, comment_pk: int):
    require_perm(request.user, MANAGE)
    comment = selectors.comment_get_for_user(request.user, pk, comment_pk)
    initial = {"disposition": comment.disposition, "response": comment.response}
    form = ConsiderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_consider(comment=comment, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The decision on the opinion was saved."))
            return redirect(reverse("democracy:consultation", args=[pk]) + f"#comment-{comment.pk}")
    status = 422 if request.method == "POST" else 200
    context = {"c": comment.consultation, "comment": comment, "form": form}
    return render(request, "democracy/consultations_consider.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def consultation_summary(request, pk: int):
    require_perm(request.user, MANAGE)
    consultation = selectors.consultation_get_for_user(request.user, pk)
    initial = {"summary": consultation.summary, "explanation": consultation.explanation}
    form = SummaryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_summarise(consultation=consultation, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The summary was saved."))
            return _back(consultation)
    status = 422 if request.method == "POST" else 200
    context = {"c": consultation, "form": form, "counts": selectors.comment_counts(consultation)}
    return render(request, "democracy/consultations_summary.html", context, status=status)


@require_safe
@login_required
def consultation_export(request, pk: int):
    """The opinions of one consultation with their channel, section, village and decision, as .xlsx (contacts are
    not in the sheet: it circulates among officials and may be printed)."""
    from gandan.democracy.excel_consultations import comments_bytes

    require_perm(request.user, VIEW)
    consultation = selectors.consultation_get_for_user(request.user, pk)
    content = comments_bytes(consultation, selectors.consultation_export_rows(consultation))
    event_record(
        actor=request.user,
        action="democracy.comments_export",
        obj=consultation,
        details={"comments": selectors.comment_counts(consultation)["total"]},
    )
    return generated_file(
        content,
        filename=f"y-kien-{consultation.pk}-{timezone.localdate():%Y-%m-%d}.xlsx",
        content_type=XLSX,
    )


urlpatterns = [
    path("consultations/", consultation_list_page, name="consultations"),
    path("consultations/new/", consultation_new, name="consultation_new"),
    path("consultations/<int:pk>/", consultation_detail, name="consultation"),
    path("consultations/<int:pk>/edit/", consultation_edit, name="consultation_edit"),
    path("consultations/<int:pk>/open/", consultation_open, name="consultation_open"),
    path("consultations/<int:pk>/summary/", consultation_summary, name="consultation_summary"),
    path("consultations/<int:pk>/publish/", consultation_publish, name="consultation_publish"),
    path("consultations/<int:pk>/export/", consultation_export, name="consultation_export"),
    path("consultations/<int:pk>/comments/new/", comment_new, name="comment_new"),
    path("consultations/<int:pk>/comments/<int:comment_pk>/", comment_consider, name="comment_consider"),
]
