"""The public showcase of "dân vận khéo" models (no login): the recognised models of every commune, searched without
diacritics and filtered by field, level and commune; a model's page with what it does, its results, its photos and
where it came from and spread to ("Nhân rộng từ …" / "Đã được nhân rộng tại …"). A model not recognised is not
shown, whatever its address; documents (decisions, minutes) are never shown, only photos."""

from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from gandan.accounts.rules import Perm
from gandan.mobilization.evidence_files import evidence_response
from gandan.mobilization.forms_initiatives import ShowcaseFilterForm
from gandan.mobilization.selectors import initiatives as selectors
from gandan.web import paginate

PER_PAGE = 12  # cards on a phone: a short scroll per page


@require_safe
def showcase(request):
    communes = list(selectors.showcase_communes())
    form = ShowcaseFilterForm(request.GET or None, communes=communes)
    data = form.cleaned_data if form.is_valid() else {}
    code = (data.get("xa") or "").strip()
    commune = next((u for u in communes if u.code == code), None)
    rows = selectors.showcase_list(
        query=data.get("q") or "",
        field=data.get("field") or "",
        level=data.get("level") or "",
        commune=commune,
        order=data.get("order") or "-recognised",
    )
    if code and commune is None:
        rows = rows.none()
    filtered = any(data.get(k) for k in ("q", "field", "level", "xa"))
    context = {"form": form, "filtered": filtered, **paginate(request, rows, per_page=PER_PAGE)}
    return render(request, "mobilization/showcase_list.html", context)


@require_safe
def model_page(request, pk: int):
    initiative = selectors.showcase_get(pk)
    user = request.user
    context = {
        "m": initiative,
        "figures": selectors.figures_shown(initiative),
        "photos": list(selectors.showcase_photos(initiative)),
        "links": selectors.showcase_links(initiative),
        "can_replicate": user.is_authenticated and user.can(Perm.MOBILIZATION_MANAGE),
    }
    return render(request, "mobilization/showcase_detail.html", context)


@require_safe
def photo(request, pk: int, evidence_pk: int):
    """A photo of a recognised model (`?thumb=1`: its small copy); 404 for a document or a model not recognised."""
    return evidence_response(request, selectors.showcase_photo(pk, evidence_pk))


app_name = "mobilization_public"
urlpatterns = [
    path("dan-van-kheo/", showcase, name="showcase"),
    path("dan-van-kheo/<int:pk>/", model_page, name="model"),
    path("dan-van-kheo/<int:pk>/anh/<int:evidence_pk>/", photo, name="photo"),
]
