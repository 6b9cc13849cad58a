"""The field reports' setup pages, under /staff/fieldreports/setup/: the categories (Open311 services) with their
extra questions and their versioned time limits, and the points of the villages and communes.

Reading them needs "fieldreports.setup" (a commune's chairman, the province supervisor, the administrator).
Categories, questions and time limits are installation-wide: only the province supervisor and the administrator
change them (the chairman reads them); the chairman keeps his commune's points (services.setup says why)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gandan.accounts.rules import Perm
from gandan.errors import DomainError
from gandan.fieldreports.forms_setup import AttributeForm, CategoryForm, PlaceFilterForm, PlaceForm, TimerForm
from gandan.fieldreports.selectors_setup import (
    category_questions,
    category_timers,
    place_point_of,
    place_unit_get_for_user,
    setup_attribute_get,
    setup_categories,
    setup_category_get,
    setup_places,
    setup_places_missing,
)
from gandan.fieldreports.services.setup import (
    attribute_delete,
    attribute_save,
    category_delete,
    category_save,
    may_edit_catalogue,
    place_save,
    timer_add,
)
from gandan.kit.idempotency import create_once, once_per_token
from gandan.web import form_add_domain_error, paginate, require_perm

SETUP = Perm.FIELDREPORTS_SETUP


def _require_catalogue(user) -> None:
    require_perm(user, SETUP)
    if not may_edit_catalogue(user):
        raise PermissionDenied


@require_safe
@login_required
def setup_home(request):
    require_perm(request.user, SETUP)
    context = {
        "categories": setup_categories(),
        "can_edit": may_edit_catalogue(request.user),
        "missing": setup_places_missing(request.user),
    }
    return render(request, "fieldreports/setup/home.html", context)


def _category_url(category) -> str:
    return reverse("fieldreports:category_edit", args=[category.pk])


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def category_new(request):
    _require_catalogue(request.user)
    form = CategoryForm(request.POST or None, initial={"active": True, "order": 100, "level": "commune"})
    if request.method == "POST" and form.is_valid():
        try:
            category = create_once(  # a form sent twice creates one category
                request,
                lambda: category_save(category=None, facts=form.facts(), by=request.user),
                url=_category_url,
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The category was created. Add its questions and its time limit."))
            return redirect("fieldreports:category_edit", pk=category.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "fieldreports/setup/category_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def category_edit(request, pk: int):
    """The category's page: its fields (a form for who may change them), its questions and its time limits."""
    require_perm(request.user, SETUP)
    category = setup_category_get(pk)
    can_edit = may_edit_catalogue(request.user)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    initial = {
        name: getattr(category, name)
        for name in ("name", "description", "keywords", "group", "level", "handler_role", "order", "active")
    }
    form = CategoryForm(request.POST or None, initial=initial, fixed_code=category.code)
    if request.method == "POST" and form.is_valid():
        try:
            category_save(category=category, facts=form.facts(), by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The report category was saved."))
            return redirect("fieldreports:category_edit", pk=category.pk)
    context = {
        "category": category,
        "form": form,
        "can_edit": can_edit,
        "questions": category_questions(category),
        "timers": category_timers(category),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "fieldreports/setup/category.html", context, status=status)


@require_POST
@login_required
def category_remove(request, pk: int):
    _require_catalogue(request.user)
    category = setup_category_get(pk)
    try:
        category_delete(category=category, by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("fieldreports:category_edit", pk=category.pk)
    messages.success(request, _("The category was deleted."))
    return redirect("fieldreports:setup")


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def attribute_new(request, pk: int):
    _require_catalogue(request.user)
    category = setup_category_get(pk)
    next_order = max((q.order for q in category_questions(category)), default=0) + 1
    form = AttributeForm(request.POST or None, initial={"variable": True, "order": next_order})
    if request.method == "POST" and form.is_valid():
        try:
            create_once(  # a form sent twice adds one question
                request,
                lambda: attribute_save(
                    category=category, attribute=None, facts=form.facts(), by=request.user
                ),
                url=lambda attribute: _category_url(attribute.category),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The question was added."))
            return redirect("fieldreports:category_edit", pk=category.pk)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "category": category}
    return render(request, "fieldreports/setup/attribute_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def attribute_edit(request, pk: int):
    _require_catalogue(request.user)
    attribute = setup_attribute_get(pk)
    category = attribute.category
    form = AttributeForm(request.POST or None, initial=AttributeForm.initial_of(attribute))
    if request.method == "POST" and form.is_valid():
        try:
            attribute_save(category=category, attribute=attribute, facts=form.facts(), by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The question was saved."))
            return redirect("fieldreports:category_edit", pk=category.pk)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "category": category, "attribute": attribute}
    return render(request, "fieldreports/setup/attribute_form.html", context, status=status)


@require_POST
@login_required
def attribute_remove(request, pk: int):
    _require_catalogue(request.user)
    attribute = setup_attribute_get(pk)
    attribute_delete(attribute=attribute, by=request.user)
    messages.success(request, _("The question was removed."))
    return redirect("fieldreports:category_edit", pk=attribute.category_id)


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def timer_new(request, pk: int):
    _require_catalogue(request.user)
    category = setup_category_get(pk)
    form = TimerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            create_once(  # a form sent twice records one version of the time limit
                request,
                lambda: timer_add(
                    category=category,
                    valid_from=data["valid_from"],
                    days=data["days"],
                    source=data["source"],
                    by=request.user,
                ),
                url=lambda _rule: _category_url(category),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The new time limit was recorded."))
            return redirect("fieldreports:category_edit", pk=category.pk)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "category": category, "timers": category_timers(category)}
    return render(request, "fieldreports/setup/timer_form.html", context, status=status)


@require_safe
@login_required
def places(request):
    """The villages and communes of the user's units, those without a point first to see."""
    require_perm(request.user, SETUP)
    form = PlaceFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = setup_places(request.user, q=data.get("q") or "", missing=bool(data.get("missing")))
    context = {
        "form": form,
        "missing": setup_places_missing(request.user),
        "filtered": bool(data.get("q") or data.get("missing")),
        **paginate(request, rows),
    }
    return render(request, "fieldreports/setup/places.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def place_edit(request, pk: int):
    require_perm(request.user, SETUP)
    unit = place_unit_get_for_user(request.user, pk)
    point = place_point_of(unit)
    initial = {"lat": point.lat, "long": point.long, "source": point.source} if point else {}
    form = PlaceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            create_once(  # a form sent twice saves the point once
                request,
                lambda: place_save(
                    unit=unit, lat=data["lat"], long=data["long"], source=data["source"], by=request.user
                ),
                url=lambda _point: reverse("fieldreports:places"),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The point of %(place)s was saved.") % {"place": unit.name})
            return redirect("fieldreports:places")
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "unit": unit, "point": point}
    return render(request, "fieldreports/setup/place_form.html", context, status=status)


urlpatterns = [
    path("setup/", setup_home, name="setup"),
    path("setup/categories/new/", category_new, name="category_new"),
    path("setup/categories/<int:pk>/", category_edit, name="category_edit"),
    path("setup/categories/<int:pk>/delete/", category_remove, name="category_delete"),
    path("setup/categories/<int:pk>/questions/new/", attribute_new, name="attribute_new"),
    path("setup/questions/<int:pk>/", attribute_edit, name="attribute_edit"),
    path("setup/questions/<int:pk>/delete/", attribute_remove, name="attribute_delete"),
    path("setup/categories/<int:pk>/time-limits/new/", timer_new, name="timer_add"),
    path("setup/places/", places, name="places"),
    path("setup/places/<int:pk>/", place_edit, name="place_edit"),
]
