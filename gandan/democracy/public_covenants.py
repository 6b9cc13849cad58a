"""Citizen pages of the village covenants (no login): the covenant in force of each village, by commune, and a
covenant's page with its whole text, the chairman's recognition decision and the day it came into force. Drafts,
covenants on their way and ended ones are not shown."""

from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from gandan.democracy.forms_covenants import PublicCovenantFilterForm
from gandan.democracy.selectors import covenants as selectors
from gandan.portal.selectors import address_commune_chosen, outside_address
from gandan.web import paginate

PER_PAGE = 20


@require_safe
def covenant_list(request):
    communes = list(selectors.public_covenant_communes())
    form = PublicCovenantFilterForm(address_commune_chosen(request.GET, communes) or None, communes=communes)
    code = form.cleaned_data.get("xa") if form.is_valid() else ""
    commune = next((u for u in communes if u.code == code), None)
    rows = selectors.public_covenants(commune=commune)
    context = {"form": form, "filtered": bool(code), **paginate(request, rows, per_page=PER_PAGE)}
    return render(request, "democracy/public/covenants_list.html", context)


@require_safe
def covenant_page(request, pk: int):
    covenant = selectors.public_covenant_get(pk)
    if outside_address(covenant.unit_path):
        raise Http404
    return render(request, "democracy/public/covenant.html", {"cov": covenant})


urlpatterns = [
    path("huong-uoc/", covenant_list, name="covenants"),
    path("huong-uoc/<int:pk>/", covenant_page, name="covenant"),
]
