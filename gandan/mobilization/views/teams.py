"""Staff pages of the tổ dân vận network: the coverage (a commune officer's villages with their team and what each
lacks; a province's communes with their figures and a drill-down), a team with its members, the forms that set up,
change and dissolve a team and add, change and end a member, the spreadsheet import with its template, and the
coverage as Excel. Reading needs "mobilization.view", changing "mobilization.manage"; everything stays inside the
officer's units (404 outside)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.accounts.rules import Perm
from gandan.core.mobilization.teams import team_gaps
from gandan.errors import DomainError
from gandan.kit.downloads import generated_file
from gandan.kit.idempotency import create_once, once_per_token
from gandan.kit.params import month_first
from gandan.mobilization.forms_teams import CoverageFilterForm, EndForm, ImportForm, MemberForm, TeamForm
from gandan.mobilization.selectors.indicators import villages_led_for_user
from gandan.mobilization.selectors.teams import (
    VillageCoverage,
    commune_get_for_teams,
    commune_villages,
    communes_for_teams,
    communes_search,
    coverage,
    coverage_search,
    member_get_for_user,
    team_get_for_user,
    team_members,
    villages_without_team_for_user,
)
from gandan.mobilization.services.teams import (
    member_add,
    member_end,
    member_update,
    role_label,
    team_create,
    team_dissolve,
    team_update,
)
from gandan.mobilization.services.teams_import import teams_import
from gandan.mobilization.teams_excel import coverage_workbook, import_template
from gandan.web import form_add_domain_error, paginate, require_perm

VIEW, MANAGE = Perm.MOBILIZATION_VIEW, Perm.MOBILIZATION_MANAGE
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _gap_labels(item: VillageCoverage) -> list[str]:
    if not item.has_team:
        return [_("No team yet")]
    labels = [_("No %(role)s") % {"role": role_label(r, lower=True)} for r in item.missing]
    return labels + [_("%(role)s held twice") % {"role": role_label(r)} for r in item.doubled]


def _status(request) -> int:
    return 422 if request.method == "POST" else 200


# --- Coverage ------------------------------------------------------------------------------------------------------


@require_safe
@login_required
def team_list(request):
    """The coverage: a commune's villages with their team and gaps, or (over several communes) the communes'
    figures with the totals, each commune opening its villages."""
    require_perm(request.user, VIEW)
    form = CoverageFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    chosen = commune_get_for_teams(request.user, data["commune"]) if data.get("commune") else None
    report = coverage(request.user, commune=chosen)
    query, only_gaps = data.get("q", ""), bool(data.get("gaps"))
    month = month_first(data.get("period")) if data.get("indicator") else None
    context = {
        "form": form,
        "report": report,
        "chosen": chosen,
        "can_manage": request.user.can(MANAGE),
        "filtered": bool(query or only_gaps or month),
        "several": chosen is None and len(report.communes) > 1 and month is None,
        "drill_month": month,
    }
    most_missing_first = data.get("order") == "gaps"
    if context["several"]:
        rows = [r for r in communes_search(report.communes, query) if r.has_gap or not only_gaps]
        if most_missing_first:
            rows.sort(key=lambda r: -r.gaps)  # stable: by name within the same number
        page = paginate(request, rows)
        for row in page["page_obj"]:
            row.missing_labels = [
                f"{_('No %(role)s') % {'role': role_label(role, lower=True)}}: {n}"
                for role, n in row.missing_by_role.items()
                if n
            ]
        context.update(page)
    else:
        commune = report.communes[0] if report.communes else None
        villages = coverage_search(commune.villages if commune else [], query)
        if month is not None:  # the dashboard's figure: the villages it counts, former communes' too
            led = villages_led_for_user(request.user, month, today=report.today, commune=chosen)
            every = coverage(request.user) if chosen else report
            villages = [v for row in every.communes for v in row.villages if v.village.pk in led]
            villages = coverage_search(villages, query)
        villages = [v for v in villages if v.has_gap or not only_gaps]
        if most_missing_first:
            villages.sort(key=lambda v: (v.has_team, -len(v.missing) - len(v.doubled)))
        page = paginate(request, villages)
        for item in page["page_obj"]:
            item.gap_labels = _gap_labels(item)
        context.update(page, commune=commune)
    return render(request, "mobilization/teams_coverage.html", context)


@require_safe
@login_required
def teams_export(request):
    """The coverage as Excel: the communes' figures with the totals, and every village with its gaps."""
    require_perm(request.user, VIEW)
    form = CoverageFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    chosen = commune_get_for_teams(request.user, data["commune"]) if data.get("commune") else None
    report = coverage(request.user, commune=chosen)
    scope = chosen or request.user.unit
    stamp = report.today.strftime("%Y%m%d")
    return generated_file(
        coverage_workbook(report, scope=scope), filename=f"do-phu-to-dan-van-{stamp}.xlsx", content_type=XLSX
    )


# --- Teams ---------------------------------------------------------------------------------------------------------


@require_safe
@login_required
def team_detail(request, pk: int):
    require_perm(request.user, VIEW)
    team = team_get_for_user(request.user, pk)
    today = timezone.localdate()
    current, former = team_members(team, today=today)
    gap = team_gaps(m.roles for m in current)
    context = {
        "team": team,
        "current": current,
        "former": former,
        "missing": [_("No %(role)s") % {"role": role_label(r, lower=True)} for r in gap.missing],
        "doubled": [_("%(role)s held twice") % {"role": role_label(r)} for r in gap.doubled],
        "can_manage": request.user.can(MANAGE) and team.dissolved_on is None,
        "today": today,
    }
    return render(request, "mobilization/teams_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def team_new(request):
    require_perm(request.user, MANAGE)
    villages = villages_without_team_for_user(request.user)
    initial = {"village": request.GET.get("village")} if request.GET.get("village", "").isdigit() else {}
    form = TeamForm(request.POST or None, villages=villages, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            team = create_once(
                request,
                lambda: team_create(
                    village=data["village"],
                    name=data["name"],
                    established_on=data["established_on"],
                    decision=data["decision"],
                    note=data["note"],
                    by=request.user,
                ),
                url=lambda t: reverse("mobilization:team", args=[t.pk]),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The team was set up. Now add its members."))
            return redirect("mobilization:team", pk=team.pk)
    context = {"form": form, "team": None, "no_village": not villages.exists()}
    return render(request, "mobilization/teams_form.html", context, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def team_edit(request, pk: int):
    require_perm(request.user, MANAGE)
    team = team_get_for_user(request.user, pk)
    initial = {k: getattr(team, k) for k in ("name", "established_on", "decision", "note")}
    form = TeamForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            team_update(team=team, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The team was changed."))
            return redirect("mobilization:team", pk=team.pk)
    context = {"form": form, "team": team}
    return render(request, "mobilization/teams_form.html", context, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def team_dissolve_view(request, pk: int):
    require_perm(request.user, MANAGE)
    team = team_get_for_user(request.user, pk)
    form = EndForm(request.POST or None, initial={"on": timezone.localdate()})
    form.fields["on"].label = _("Dissolved on")
    if request.method == "POST" and form.is_valid():
        try:
            team_dissolve(team=team, on=form.cleaned_data["on"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The team was dissolved; its members' terms ended the same day."))
            return redirect("mobilization:team", pk=team.pk)
    context = {"form": form, "team": team, "member": None}
    return render(request, "mobilization/teams_end.html", context, status=_status(request))


# --- Members -------------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def member_new(request, pk: int):
    require_perm(request.user, MANAGE)
    team = team_get_for_user(request.user, pk)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = create_once(
                request,
                lambda: member_add(team=team, by=request.user, **form.cleaned_data),
                url=lambda m: reverse("mobilization:team", args=[team.pk]),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("%(name)s was added to the team.") % {"name": member.full_name})
            return redirect("mobilization:team", pk=team.pk)
    context = {"form": form, "team": team, "member": None}
    return render(request, "mobilization/teams_member_form.html", context, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def member_edit(request, pk: int):
    require_perm(request.user, MANAGE)
    member = member_get_for_user(request.user, pk)
    fields = ("full_name", "roles", "position", "phone", "term_start", "term_end")
    form = MemberForm(request.POST or None, initial={k: getattr(member, k) for k in fields})
    if request.method == "POST" and form.is_valid():
        try:
            member_update(member=member, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The member was changed."))
            return redirect("mobilization:team", pk=member.team_id)
    context = {"form": form, "team": member.team, "member": member}
    return render(request, "mobilization/teams_member_form.html", context, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def member_end_view(request, pk: int):
    require_perm(request.user, MANAGE)
    member = member_get_for_user(request.user, pk)
    form = EndForm(request.POST or None, initial={"on": timezone.localdate()})
    form.fields["on"].label = _("Left the team on")
    if request.method == "POST" and form.is_valid():
        try:
            member_end(member=member, on=form.cleaned_data["on"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("%(name)s's term was ended.") % {"name": member.full_name})
            return redirect("mobilization:team", pk=member.team_id)
    context = {"form": form, "team": member.team, "member": member}
    return render(request, "mobilization/teams_end.html", context, status=_status(request))


# --- Import --------------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def teams_import_view(request):
    """Upload a commune's member list: every line is checked, and a file with any wrong line saves nothing."""
    require_perm(request.user, MANAGE)
    communes = communes_for_teams(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, communes=communes)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = teams_import(
                commune=form.cleaned_data["commune"], upload=form.cleaned_data["file"], by=request.user
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            if report.saved:
                messages.success(
                    request,
                    _("The list was imported: %(members)s members, %(teams)s new teams.")
                    % {"members": report.members_added, "teams": report.teams_created},
                )
                return redirect(reverse("mobilization:teams") + f"?commune={form.cleaned_data['commune'].pk}")
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "report": report, "no_commune": not communes.exists()}
    return render(request, "mobilization/teams_import.html", context, status=status)


@require_safe
@login_required
def teams_import_template(request):
    """The template: its header row and an example line, the roles, and the officer's villages."""
    require_perm(request.user, MANAGE)
    communes = list(communes_for_teams(request.user)[:2])
    villages = commune_villages(communes[0]) if len(communes) == 1 else []  # an officer's own villages
    return generated_file(
        import_template(villages=villages), filename="mau-to-dan-van.xlsx", content_type=XLSX
    )


urlpatterns: list = [
    path("teams/", team_list, name="teams"),
    path("teams/export/", teams_export, name="teams_export"),
    path("teams/new/", team_new, name="team_new"),
    path("teams/import/", teams_import_view, name="teams_import"),
    path("teams/import/template/", teams_import_template, name="teams_import_template"),
    path("teams/<int:pk>/", team_detail, name="team"),
    path("teams/<int:pk>/edit/", team_edit, name="team_edit"),
    path("teams/<int:pk>/dissolve/", team_dissolve_view, name="team_dissolve"),
    path("teams/<int:pk>/members/new/", member_new, name="member_new"),
    path("members/<int:pk>/edit/", member_edit, name="member_edit"),
    path("members/<int:pk>/end/", member_end_view, name="member_end"),
]
