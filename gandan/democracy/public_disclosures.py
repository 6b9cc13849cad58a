"""The public pages of disclosures (no login): the communes with something on their boards today, a commune's
disclosures posted now (permanent ones included), searched without diacritics and filtered by item, and a
disclosure's page with its end date ("niêm yết đến dd/mm/yyyy"), its channels, its documents to download and its
legal basis. A withdrawn disclosure, or one not yet posted, is not shown, whatever its address; an ended one keeps its
page (a link printed elsewhere still answers) and says it has ended. Mobile first, no script."""

from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_safe

from gandan.democracy.forms_disclosures import PublicFilterForm
from gandan.democracy.selectors import disclosures as selectors
from gandan.kit.downloads import serve_stored_file
from gandan.portal.selectors import outside_address
from gandan.web import paginate

PER_PAGE = 12  # cards on a phone: a short scroll per page


@require_safe
def communes(request):
    context = {"communes": selectors.public_communes(timezone.localdate())}
    return render(request, "democracy/public_disclosures_communes.html", context)


@require_safe
def commune_list(request, code: str):
    commune = selectors.public_commune(code)
    if commune is None:
        raise Http404
    today = timezone.localdate()
    form = PublicFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.public_list(commune, today=today, query=data.get("q") or "", item=data.get("item"))
    page = paginate(request, rows, per_page=PER_PAGE)
    page["page_obj"].object_list = selectors.with_states(page["page_obj"].object_list, today)
    context = {
        "commune": commune,
        "form": form,
        "filtered": any(data.get(k) for k in ("q", "item")),
        **page,
    }
    return render(request, "democracy/public_disclosures_list.html", context)


@require_safe
def disclosure_page(request, pk: int):
    today = timezone.localdate()
    disclosure = selectors.with_states([selectors.public_get(pk, today=today)], today)[0]
    if outside_address(disclosure.unit_path):
        raise Http404
    context = {
        "d": disclosure,
        "item_label": selectors.item_label(disclosure.item),
        "documents": list(selectors.documents_of(disclosure)),
        "loudspeaker_until": selectors.loudspeaker_last_day(disclosure),
        "ended": disclosure.state == "ended",
    }
    return render(request, "democracy/public_disclosure_detail.html", context)


@require_safe
def document(request, pk: int, document_pk: int):
    """A document of a disclosure the public may read (PDFs and images open in the browser, the rest download)."""
    found = selectors.public_document(pk, document_pk, today=timezone.localdate())
    if outside_address(found.disclosure.unit_path):
        raise Http404
    return serve_stored_file(
        request, found.file, original_name=found.name, content_type=found.content_type, inline=True
    )


urlpatterns = [
    path("cong-khai/", communes, name="disclosure_communes"),
    path("cong-khai/xa/<str:code>/", commune_list, name="disclosures"),
    path("cong-khai/<int:pk>/", disclosure_page, name="disclosure"),
    path("cong-khai/<int:pk>/tai-lieu/<int:document_pk>/", document, name="disclosure_document"),
]
