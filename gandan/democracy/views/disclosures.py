"""Staff pages of public disclosures (công khai): the compliance list of the user's units with each disclosure's state
today (to disclose, late, posted, ended, withdrawn; and "posted late") and the counts per state, recording and
correcting a disclosure (with a button that fills in the dates the law asks for, no script needed), its page (the
deadline, the legal basis, the channels, the documents, what happened), its documents, the withdrawal, and the
quarterly list of Art. 13 as a page to print and as an .xlsx file. Reading needs "democracy.view", writing
"democracy.manage"; everything stays inside the user's units (404 outside)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.accounts.rules import Perm
from gandan.audit.labels import readable_events
from gandan.democracy.excel_disclosures import XLSX_TYPE, quarter_bytes
from gandan.democracy.forms_disclosures import (
    DisclosureFilterForm,
    DisclosureForm,
    DocumentForm,
    NewDisclosureForm,
    QuarterForm,
    WithdrawForm,
    state_labels,
)
from gandan.democracy.models.disclosures import Channel
from gandan.democracy.selectors import disclosures as selectors
from gandan.democracy.selectors.disclosures import STATES, DisclosureFilter
from gandan.democracy.services.disclosures import (
    disclosure_create,
    disclosure_update,
    disclosure_withdraw,
    document_add,
)
from gandan.errors import DomainError
from gandan.kit.communes import add_commune_filter, commune_paths
from gandan.kit.downloads import generated_file, serve_stored_file
from gandan.kit.idempotency import create_once, once_per_token
from gandan.kit.params import month_first
from gandan.units.selectors import communes_for_user
from gandan.web import form_add_domain_error, paginate, require_perm

VIEW, MANAGE = Perm.DEMOCRACY_VIEW, Perm.DEMOCRACY_MANAGE
FIELDS = (
    "item",
    "title",
    "summary",
    "decision_ref",
    "decided_on",
    "channels",
    "start",
    "end",
    "loudspeaker_days",
)


def _tabs(counts: dict[str, int], show: str) -> list[dict]:
    labels = state_labels()
    tabs = [{"key": "", "label": _("All"), "count": counts["all"], "active": not show}]
    return tabs + [
        {"key": s.value, "label": labels[s.value], "count": counts[s.value], "active": s.value == show}
        for s in STATES
    ]


@require_safe
@login_required
def disclosure_list(request):
    require_perm(request.user, VIEW)
    user, today = request.user, timezone.localdate()
    form = DisclosureFilterForm(request.GET or None, years=selectors.disclosure_years(user))
    show_commune = add_commune_filter(form, communes_for_user(user))
    data = form.cleaned_data if form.is_valid() else {}
    show = data.get("show") or ""
    filters = DisclosureFilter(
        item=data.get("item"),
        year=data.get("year"),
        query=data.get("q") or "",
        late_start=bool(data.get("late_start")),
        commune_paths=commune_paths(data.get("unit")),
        indicator=data.get("indicator") or "",
        period=month_first(data.get("period")),
    )
    counts = selectors.state_counts(user, filters, today=today)
    rows = selectors.disclosure_list(
        user, DisclosureFilter(**{**filters.__dict__, "state": show}), today=today
    )
    page = paginate(request, rows)
    page["page_obj"].object_list = selectors.with_states(page["page_obj"].object_list, today)
    context = {
        "form": form,
        "show": show,
        "late_start": filters.late_start,
        "tabs": _tabs(counts, show),
        "counts": counts,
        "labels": state_labels(),
        "filtered": any(data.get(k) for k in ("q", "item", "year", "late_start", "unit", "indicator")),
        "show_commune": show_commune,
        "can_manage": user.can(MANAGE),
        "today": today,
        "drill_month": filters.period if filters.indicator else None,
        **page,
    }
    return render(request, "democracy/disclosures_list.html", context)


# --- Recording and correcting --------------------------------------------------------------------------------------


def _values(data: dict) -> dict:
    return {k: data.get(k) for k in FIELDS}


def _form_context(request, form, *, disclosure=None, plan=None, status: int = 200):
    context = {
        "form": form,
        "disclosure": disclosure,
        "plan": plan,
        "rules": selectors.rules_table(),
        "loudspeaker": Channel.LOUDSPEAKER.value,
    }
    return render(request, "democracy/disclosures_form.html", context, status=status)


def _suggested(request, form_class, communes, *, disclosure=None):
    """The "compute the dates" button: the form again, with the start (today when empty), the end and the days on
    the loudspeakers the law asks for, and the deadline shown; nothing is saved and no error is shown yet."""
    form = form_class(request.POST, communes=communes)
    form.is_valid()
    data = form.cleaned_data
    plan = selectors.suggested_plan(
        data.get("item"), data.get("decided_on"), data.get("start"), today=timezone.localdate()
    )
    initial = {name: request.POST.get(name, "") for name in form.fields}
    initial["channels"] = request.POST.getlist("channels")
    if plan is not None:
        initial.update(
            start=plan.start,
            end=plan.end or "",
            loudspeaker_days=plan.loudspeaker_days or "",
        )
        if plan.loudspeaker_days and Channel.LOUDSPEAKER.value not in initial["channels"]:
            initial["channels"] = [*initial["channels"], Channel.LOUDSPEAKER.value]
    else:
        messages.warning(request, _("Choose the item and enter the decision's date to compute the dates."))
    return _form_context(
        request, form_class(initial=initial, communes=communes), disclosure=disclosure, plan=plan
    )


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def disclosure_new(request):
    require_perm(request.user, MANAGE)
    communes = selectors.registering_communes_for_user(request.user)
    if request.method == "POST":
        if "suggest" in request.POST:
            return _suggested(request, NewDisclosureForm, communes)
        form = NewDisclosureForm(request.POST, request.FILES, communes=communes)
        if form.is_valid():
            data = form.cleaned_data
            try:
                disclosure = create_once(
                    request,
                    lambda: disclosure_create(
                        unit=data["unit"],
                        documents=[data["document"]] if data["document"] else [],
                        by=request.user,
                        **_values(data),
                    ),
                    url=lambda d: reverse("democracy:disclosure", args=[d.pk]),
                )
            except DomainError as error:
                form_add_domain_error(form, error, rename={"documents": "document"})
            else:
                messages.success(
                    request, _("The disclosure “%(title)s” was recorded.") % {"title": disclosure.title}
                )
                return redirect("democracy:disclosure", pk=disclosure.pk)
        return _form_context(request, form, status=422)
    initial = {"channels": [Channel.OFFICE_BOARD, Channel.VILLAGE_HOUSES, Channel.PORTAL]}
    return _form_context(request, NewDisclosureForm(initial=initial, communes=communes))


@require_http_methods(["GET", "POST"])
@login_required
def disclosure_edit(request, pk: int):
    require_perm(request.user, MANAGE)
    disclosure = selectors.disclosure_get_for_user(request.user, pk)
    if disclosure.withdrawn_on is not None:
        messages.error(request, _("This disclosure was withdrawn: it can no longer be changed."))
        return redirect("democracy:disclosure", pk=disclosure.pk)
    if request.method == "POST":
        if "suggest" in request.POST:
            return _suggested(request, DisclosureForm, None, disclosure=disclosure)
        form = DisclosureForm(request.POST, communes=None)
        if form.is_valid():
            try:
                disclosure_update(disclosure=disclosure, by=request.user, **_values(form.cleaned_data))
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, _("The disclosure was updated."))
                return redirect("democracy:disclosure", pk=disclosure.pk)
        return _form_context(request, form, disclosure=disclosure, status=422)
    initial = {name: getattr(disclosure, name) for name in FIELDS}
    return _form_context(request, DisclosureForm(initial=initial, communes=None), disclosure=disclosure)


# --- A disclosure's page, its documents, its withdrawal ---------------------------------------------------------------


@require_safe
@login_required
def disclosure_detail(request, pk: int):
    require_perm(request.user, VIEW)
    today = timezone.localdate()
    disclosure = selectors.with_states([selectors.disclosure_get_for_user(request.user, pk)], today)[0]
    manage = request.user.can(MANAGE) and disclosure.withdrawn_on is None
    context = {
        "d": disclosure,
        "today": today,
        "labels": state_labels(),
        "item_label": selectors.item_label(disclosure.item),
        "channels": disclosure.channel_names,
        "loudspeaker_until": selectors.loudspeaker_last_day(disclosure),
        "documents": list(selectors.documents_of(disclosure)),
        "timeline": readable_events(request.user, list(selectors.disclosure_timeline(disclosure))),
        "can_manage": manage,
        "public": disclosure.state in ("running", "ended"),
    }
    return render(request, "democracy/disclosures_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def document_new(request, pk: int):
    require_perm(request.user, MANAGE)
    disclosure = selectors.disclosure_get_for_user(request.user, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            target = reverse("democracy:disclosure", args=[disclosure.pk]) + "#documents"
            try:
                create_once(
                    request,
                    lambda: document_add(
                        disclosure=disclosure, upload=data["upload"], name=data["name"], by=request.user
                    ),
                    url=lambda _document: target,
                )
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, _("The document was added to the disclosure."))
                return redirect(target)
        status = 422
    context = {"d": disclosure, "form": form}
    return render(request, "democracy/disclosures_document.html", context, status=status)


@require_safe
@login_required
def document_file(request, pk: int, document_pk: int):
    require_perm(request.user, VIEW)
    document = selectors.document_get_for_user(request.user, pk, document_pk)
    return serve_stored_file(
        request, document.file, original_name=document.name, content_type=document.content_type, inline=True
    )


@require_http_methods(["GET", "POST"])
@login_required
def withdraw(request, pk: int):
    require_perm(request.user, MANAGE)
    disclosure = selectors.disclosure_get_for_user(request.user, pk)
    form = WithdrawForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                disclosure_withdraw(
                    disclosure=disclosure, reason=form.cleaned_data["reason"], by=request.user
                )
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(
                    request, _("The disclosure was withdrawn: it is no longer on the public pages.")
                )
                return redirect("democracy:disclosure", pk=disclosure.pk)
        status = 422
    return render(
        request, "democracy/disclosures_withdraw.html", {"d": disclosure, "form": form}, status=status
    )


# --- The quarterly list (Art. 13) ------------------------------------------------------------------------------------


def _quarter(request):
    """The quarter asked for (the current one by default), the commune chosen, and the lines."""
    user, today = request.user, timezone.localdate()
    year_now, quarter_now = selectors.quarter_of(today)
    years = sorted({year_now, *selectors.disclosure_years(user)}, reverse=True)
    form = QuarterForm(request.GET or None, years=years, initial={"year": year_now, "quarter": quarter_now})
    show_commune = add_commune_filter(form, communes_for_user(user))
    data = form.cleaned_data if form.is_valid() else {}
    year, quarter = data.get("year") or year_now, data.get("quarter") or quarter_now
    unit = data.get("unit")
    rows = selectors.quarter_rows(user, year=year, quarter=quarter, commune_paths=commune_paths(unit))
    unit_name = unit.name if unit is not None else (user.unit.name if user.unit_id else "")
    return form, show_commune, year, quarter, unit_name, rows


@require_safe
@login_required
def quarter(request):
    require_perm(request.user, VIEW)
    form, show_commune, year, number, unit_name, rows = _quarter(request)
    first, last = selectors.quarter_span(year, number)
    lines = selectors.with_states(rows[: selectors.QUARTER_MAX], timezone.localdate())
    context = {
        "form": form,
        "year": year,
        "quarter": number,
        "first": first,
        "last": last,
        "unit_name": unit_name,
        "lines": lines,
        "show_commune": show_commune,
        "item_labels": {r.item: r.label for r in selectors.rules_table()},
        "querystring": request.GET.urlencode(),
    }
    return render(request, "democracy/disclosures_quarter.html", context)


@require_safe
@login_required
def quarter_xlsx(request):
    require_perm(request.user, VIEW)
    _form, _show, year, number, unit_name, rows = _quarter(request)
    data = quarter_bytes(
        rows[: selectors.QUARTER_MAX],
        unit_name=unit_name,
        year=year,
        quarter=number,
        made_on=timezone.localdate(),
    )
    return generated_file(
        data, filename=f"danh-muc-cong-khai-{year}-quy-{number}.xlsx", content_type=XLSX_TYPE
    )


urlpatterns = [
    path("", disclosure_list, name="disclosures"),
    path("disclosures/new/", disclosure_new, name="disclosure_new"),
    path("disclosures/quarter/", quarter, name="disclosures_quarter"),
    path("disclosures/quarter/xlsx/", quarter_xlsx, name="disclosures_quarter_xlsx"),
    path("disclosures/<int:pk>/", disclosure_detail, name="disclosure"),
    path("disclosures/<int:pk>/edit/", disclosure_edit, name="disclosure_edit"),
    path("disclosures/<int:pk>/withdraw/", withdraw, name="disclosure_withdraw"),
    path("disclosures/<int:pk>/documents/new/", document_new, name="disclosure_document_new"),
    path("disclosures/<int:pk>/documents/<int:document_pk>/", document_file, name="disclosure_document"),
]
