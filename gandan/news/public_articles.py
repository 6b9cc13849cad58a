"""Citizen pages of the news: latest news, an article, categories, tags, search, feeds and the photos.

The commune is the portal's (`portal_unit()`); an installation without one shows the latest news of every commune.
An article page is kept whole for readers without a session, and by fragments for the others, keyed by the
article's `updated_at` (docs/news.md, "Public pages")."""

from django import forms
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from gandan.kit import pagecache
from gandan.kit.downloads import serve_stored_file
from gandan.news import feeds
from gandan.news.selectors import published as selectors
from gandan.portal.selectors import portal_unit, portal_unit_by_address

PER_PAGE = 10
LATEST_SHOWN = 5
# Photos are public and never change under their address (a new photo is a new row): browsers and proxies keep them
# a week. A withdrawn article's photo answers 404 from then on, and a week is the longest a cache shows it.
PHOTO_CACHE = "public, max-age=604800"


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the news"), max_length=selectors.QUERY_MAX, required=False)


def _list_page(request, template: str, rows, **context):
    page = selectors.page_of(rows, request.GET.get("trang"), per_page=PER_PAGE)
    return render(request, template, {"page_obj": page, "articles": page.object_list, **context})


@require_safe
def latest(request):
    unit = portal_unit()
    return _list_page(request, "news/latest.html", selectors.list_rows(unit), unit=unit)


@require_safe
def article(request, pk: int, slug: str):
    """Readers without a session share one copy of the page (gandan.kit.pagecache), keyed by what it shows; a
    signed-in officer, or a reader with a message waiting, gets it rendered for them."""
    unit = portal_unit_by_address()
    stamp = selectors.article_stamp(pk, unit)
    if slug != stamp.slug:
        url = reverse("news_public:article", args=[stamp.pk, stamp.slug])
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
    number = request.GET.get("trang")
    page = selectors.comment_page_number(stamp.comment_count, number)
    parts = ("news_article", stamp.pk, str(stamp.updated_at), page)
    return pagecache.serve(
        request, parts, lambda extra: _article_page(request, pk, unit, number, extra), params=("trang",)
    )


def _article_page(request, pk: int, unit, number: str | None, extra):
    item = selectors.article_get(pk, unit)
    url = reverse("news_public:article", args=[item.pk, item.slug])
    comments = selectors.comment_page(item, number)
    context = {
        "article": item,
        "media": selectors.ArticleMedia(item),
        "comment_page": comments,
        "comments": SimpleLazyObject(
            lambda: comments.comments
        ),  # read only when the cached fragment is stale
        "latest": selectors.latest(item.unit, limit=LATEST_SHOWN, exclude=item.pk),
        "site": request.build_absolute_uri("/").rstrip("/"),
        "canonical": request.build_absolute_uri(url),
        **extra,
    }
    return render(request, "news/article.html", context)


@require_safe
def category(request, pk: int, slug: str):
    chosen = selectors.category_get(pk, portal_unit_by_address())
    if slug != chosen.slug:
        return HttpResponsePermanentRedirect(reverse("news_public:category", args=[chosen.pk, chosen.slug]))
    return _list_page(request, "news/category.html", selectors.category_rows(chosen), category=chosen)


@require_safe
def tag(request, slug: str):
    chosen = selectors.tag_get(slug)
    unit = portal_unit()
    return _list_page(request, "news/tag.html", selectors.tag_rows(chosen, unit), tag=chosen, unit=unit)


@require_safe
def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if not query:
        return render(request, "news/search.html", {"form": form, "query": ""})
    rows = selectors.search_rows(portal_unit(), query)
    return _list_page(request, "news/search.html", rows, form=form, query=query)


def _photo(request, pk: int, *, small: bool):
    photo = selectors.photo_get(pk)
    file = photo.thumbnail if small and photo.thumbnail else photo.image
    content_type = selectors.photo_type(file)
    response = serve_stored_file(
        request, file, original_name=f"anh-{photo.pk}", content_type=content_type, inline=True
    )
    if response.status_code == 200:
        response["Cache-Control"] = PHOTO_CACHE
    return response


@require_safe
def photo(request, pk: int):
    """A photo of a published article, as large as it was stored (at most 1600 px)."""
    return _photo(request, pk, small=False)


@require_safe
def thumbnail(request, pk: int):
    """The small copy of a photo, for lists (the photo itself when it has none)."""
    return _photo(request, pk, small=True)


urlpatterns = [
    path("tin-tuc/", latest, name="latest"),
    path("tin-tuc/<int:pk>-<slug:slug>/", article, name="article"),
    path("tin-tuc/chuyen-muc/<int:pk>-<slug:slug>/", category, name="category"),
    path("tin-tuc/the/<slug:slug>/", tag, name="tag"),
    path("tin-tuc/tim/", search, name="search"),
    path("tin-tuc/rss/", feeds.LatestRss(), name="rss"),
    path("tin-tuc/atom/", feeds.LatestAtom(), name="atom"),
    path("tin-tuc/anh/<int:pk>/", photo, name="photo"),
    path("tin-tuc/anh/<int:pk>/nho/", thumbnail, name="thumbnail"),
]
