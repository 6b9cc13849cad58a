"""Staff pages of the household registers: the villages of my units with their counts, a village's households
(searched without diacritics), adding and changing a household, marking it as left, the spreadsheet import with its
template, and the registers as Excel. Reading needs "democracy.view", changing "democracy.manage"; everything stays
inside the officer's units (404 outside)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.accounts.rules import Perm
from gandan.democracy.forms_households import HouseholdForm, ImportForm, LeaveForm, RegisterFilterForm
from gandan.democracy.households_excel import import_template, registers_workbook
from gandan.democracy.selectors.households import (
    commune_villages,
    communes_for_user,
    household_get_for_user,
    households_for_user,
    registers_for_user,
    village_get_for_user,
    villages_for_user,
)
from gandan.democracy.services.households import household_add, household_leave, household_update
from gandan.democracy.services.households_import import households_import
from gandan.errors import DomainError
from gandan.kit.downloads import generated_file
from gandan.kit.idempotency import create_once, once_per_token
from gandan.web import form_add_domain_error, paginate, require_perm

VIEW, MANAGE = Perm.DEMOCRACY_VIEW, Perm.DEMOCRACY_MANAGE
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIELDS = ("code", "representative", "address", "online_optin", "optin_on")


def _status(request) -> int:
    return 422 if request.method == "POST" else 200


def _village_url(village_id: int) -> str:
    return reverse("democracy:households") + f"?village={village_id}"


@require_safe
@login_required
def household_list(request):
    """The villages with their registers' counts; with `village`, that village's households."""
    require_perm(request.user, VIEW)
    form = RegisterFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    village = village_get_for_user(request.user, data["village"]) if data.get("village") else None
    context: dict = {"form": form, "village": village, "can_manage": request.user.can(MANAGE)}
    if village is None:
        registers = registers_for_user(request.user)
        context.update(
            registers=registers,
            totals={
                "households": sum(r.households for r in registers),
                "opted_in": sum(r.opted_in for r in registers),
                "left": sum(r.left for r in registers),
            },
        )
    else:
        rows = households_for_user(
            request.user, village=village, query=data.get("q", ""), include_left=bool(data.get("left"))
        )
        context.update(paginate(request, rows), filtered=bool(data.get("q")), today=timezone.localdate())
        context["register"] = next(
            (r for r in registers_for_user(request.user) if r.village.pk == village.pk), None
        )
    return render(request, "democracy/households_list.html", context)


@require_safe
@login_required
def households_export(request):
    """The registers of my villages as Excel (with `village`, that village's only)."""
    require_perm(request.user, VIEW)
    form = RegisterFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    village = village_get_for_user(request.user, data["village"]) if data.get("village") else None
    registers = [r for r in registers_for_user(request.user) if village is None or r.village.pk == village.pk]
    rows = households_for_user(request.user, village=village, include_left=True)
    today = timezone.localdate()
    return generated_file(
        registers_workbook(registers, rows.iterator(), scope=village or request.user.unit, today=today),
        filename=f"so-ho-gia-dinh-{today:%Y%m%d}.xlsx",
        content_type=XLSX,
    )


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def household_new(request):
    require_perm(request.user, MANAGE)
    villages = villages_for_user(request.user)
    initial = {"village": request.GET.get("village")} if request.GET.get("village", "").isdigit() else {}
    form = HouseholdForm(request.POST or None, villages=villages, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            household = create_once(
                request,
                lambda: household_add(by=request.user, **form.cleaned_data),
                url=lambda h: _village_url(h.village_id),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(
                request, _("Household %(code)s was added to the register.") % {"code": household.code}
            )
            if "again" in request.POST:
                return redirect(reverse("democracy:household_new") + f"?village={household.village_id}")
            return redirect(_village_url(household.village_id))
    context = {"form": form, "household": None, "no_village": not villages.exists()}
    return render(request, "democracy/households_form.html", context, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def household_edit(request, pk: int):
    require_perm(request.user, MANAGE)
    household = household_get_for_user(request.user, pk)
    form = HouseholdForm(request.POST or None, initial={k: getattr(household, k) for k in FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            household_update(household=household, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The household was changed."))
            return redirect(_village_url(household.village_id))
    context = {"form": form, "household": household}
    return render(request, "democracy/households_form.html", context, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def household_leave_view(request, pk: int):
    require_perm(request.user, MANAGE)
    household = household_get_for_user(request.user, pk)
    form = LeaveForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            household_leave(household=household, on=form.cleaned_data["on"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Household %(code)s is marked as left; it stays in the register for the record.")
                % {"code": household.code},
            )
            return redirect(_village_url(household.village_id))
    context = {"form": form, "household": household}
    return render(request, "democracy/households_leave.html", context, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def households_import_view(request):
    """Upload a commune's household list: every line is checked, and a file with any wrong line saves nothing."""
    require_perm(request.user, MANAGE)
    communes = communes_for_user(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, communes=communes)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = households_import(
                commune=form.cleaned_data["commune"], upload=form.cleaned_data["file"], by=request.user
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            if report.saved:
                messages.success(
                    request,
                    _("The list was imported: %(households)s households in %(villages)s villages.")
                    % {"households": report.added, "villages": report.villages},
                )
                return redirect("democracy:households")
    context = {"form": form, "report": report, "no_commune": not communes.exists()}
    return render(request, "democracy/households_import.html", context, status=_status(request))


@require_safe
@login_required
def households_import_template(request):
    """The template: its header row and an example line, and the officer's villages."""
    require_perm(request.user, MANAGE)
    communes = list(communes_for_user(request.user)[:2])
    villages = commune_villages(communes[0]) if len(communes) == 1 else []
    return generated_file(
        import_template(villages=villages), filename="mau-so-ho-gia-dinh.xlsx", content_type=XLSX
    )


urlpatterns: list = [
    path("households/", household_list, name="households"),
    path("households/export/", households_export, name="households_export"),
    path("households/new/", household_new, name="household_new"),
    path("households/import/", households_import_view, name="households_import"),
    path("households/import/template/", households_import_template, name="households_import_template"),
    path("households/<int:pk>/edit/", household_edit, name="household_edit"),
    path("households/<int:pk>/leave/", household_leave_view, name="household_leave"),
]
