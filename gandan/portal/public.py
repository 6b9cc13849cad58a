"""Citizen pages of the site shell."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from gandan.portal.selectors import portal_unit, portal_villages
from gandan.portal.widgets import public_tiles
from gandan.units.selectors import unit_predecessors


@require_safe
def home(request):
    unit = portal_unit()
    context = {"unit": unit, "villages": [], "formers": [], "tiles": public_tiles()}
    if unit is not None:
        context["villages"] = portal_villages(unit)
        context["formers"] = list(unit_predecessors(unit))
    return render(request, "portal/home.html", context)
