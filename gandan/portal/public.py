"""Citizen pages of the site shell: a commune's home, built from its modules' blocks, and the directory of the
province's communes."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from gandan.portal.rules import commune_slug
from gandan.portal.selectors import portal_formers, portal_unit, portal_villages, province_communes
from gandan.portal.widgets import public_blocks, public_tiles

QUERY_LIMIT = 100  # characters of a directory search


@require_safe
def home(request):
    unit = portal_unit()
    context = {"unit": unit, "villages": [], "formers": [], "blocks": [], "tiles": []}
    if unit is not None:
        context["blocks"] = public_blocks(unit)
        context["tiles"] = public_tiles()
        context["villages"] = portal_villages(unit)
        context["formers"] = portal_formers(unit)
    return render(request, "portal/home.html", context)


@require_safe
def communes(request):
    query = (request.GET.get("q") or "")[:QUERY_LIMIT]
    rows = list(province_communes(query))
    slugs = [commune_slug(u.name_search) for u in rows]
    # A name shared inside the province would be ambiguous: those communes are linked by their code.
    entries = [
        {"unit": u, "slug": s if s and slugs.count(s) == 1 else u.code}
        for u, s in zip(rows, slugs, strict=True)
    ]
    return render(request, "portal/communes.html", {"entries": entries, "q": query})
