"""Staff pages of the news: the articles of the officer's units (filters, sorting, pages), writing and correcting an
article, its staff page (state, photos, history) and the steps of its life: send for review, publish now or at a
later time, send back with a note, withdraw with a reason, take up again. Writing needs "news.write", publishing
"news.publish"; everything stays inside the user's units (404 outside)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gandan.accounts.rules import Perm
from gandan.audit.labels import readable_events
from gandan.errors import DomainError
from gandan.kit.communes import add_commune_filter, commune_paths
from gandan.kit.idempotency import create_once, once_per_token
from gandan.news import rules
from gandan.news.forms import ArticleFilterForm, ArticleForm, NoteForm, PhotoForm, PublishForm, WithdrawForm
from gandan.news.models import Article
from gandan.news.selectors import articles as selectors
from gandan.news.selectors.articles import ArticleFilter
from gandan.news.services.articles import (
    article_create,
    article_publish,
    article_redraft,
    article_send_back,
    article_submit,
    article_update,
    article_withdraw,
    user_perms,
)
from gandan.news.views import categories, photos
from gandan.web import form_add_domain_error, paginate, require_perm

WRITE, PUBLISH = Perm.NEWS_WRITE, Perm.NEWS_PUBLISH
FIELDS = ("title", "summary", "body", "category", "tags", "author_name", "comments_open")
PER_PAGE = 30


@require_safe
@login_required
def article_list(request):
    require_perm(request.user, WRITE)
    user = request.user
    form = ArticleFilterForm(request.GET or None, categories=selectors.categories_for_user(user))
    show_commune = add_commune_filter(form, selectors.writing_communes_for_user(user))
    data = form.cleaned_data if form.is_valid() else {}
    filters = ArticleFilter(
        status=data.get("status") or "",
        category=data.get("category"),
        query=data.get("q") or "",
        commune_paths=commune_paths(data.get("unit")),
        sort=data.get("sort") or "new",
    )
    page = paginate(request, selectors.article_list(user, filters), per_page=PER_PAGE, count_cap=1000)
    context = {
        "form": form,
        "show_commune": show_commune,
        "filtered": any(data.get(k) for k in ("q", "status", "category", "unit")),
        **page,
    }
    return render(request, "news/articles.html", context)


def _form_page(request, form, *, article=None, status: int = 200):
    return render(request, "news/article_form.html", {"form": form, "article": article}, status=status)


def _values(data: dict) -> dict:
    return {name: data.get(name) for name in FIELDS}


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def article_new(request):
    require_perm(request.user, WRITE)
    user = request.user
    communes = selectors.writing_communes_for_user(user)
    choices = {"communes": communes, "categories": selectors.categories_for_user(user)}
    if request.method == "POST":
        form = ArticleForm(request.POST, **choices)
        if form.is_valid():
            data = form.cleaned_data
            unit = data.get("unit") or communes.first()
            try:
                article = create_once(
                    request,
                    lambda: article_create(unit=unit, by=user, **_values(data)),
                    url=lambda a: reverse("news:article", args=[a.pk]),
                )
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, _("The draft “%(title)s” was saved.") % {"title": article.title})
                return redirect("news:article", pk=article.pk)
        return _form_page(request, form, status=422)
    return _form_page(request, ArticleForm(**choices))


@require_http_methods(["GET", "POST"])
@login_required
def article_edit(request, pk: int):
    require_perm(request.user, WRITE)
    article = selectors.article_get_for_user(request.user, pk)
    if not rules.may_act(article.status, rules.ArticleAction.EDIT, user_perms(request.user)):
        messages.error(
            request,
            _(
                "A writer changes only drafts; an article under review or published is changed by a leader who publishes."
            ),
        )
        return redirect("news:article", pk=article.pk)
    choices = {"categories": selectors.categories_of(article.unit)}
    if request.method == "POST":
        form = ArticleForm(request.POST, **choices)
        if form.is_valid():
            try:
                article_update(article=article, by=request.user, **_values(form.cleaned_data))
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, _("The article was saved."))
                return redirect("news:article", pk=article.pk)
        return _form_page(request, form, article=article, status=422)
    initial = {name: getattr(article, name) for name in FIELDS if name != "tags"}
    initial["tags"] = selectors.tags_text(article)
    return _form_page(request, ArticleForm(initial=initial, **choices), article=article)


@require_safe
@login_required
def article_detail(request, pk: int):
    require_perm(request.user, WRITE)
    article = selectors.article_get_for_user(request.user, pk)
    actions = set(rules.allowed_actions(article.status, user_perms(request.user)))
    context = {
        "a": article,
        "actions": {action.value for action in actions},
        "photos": list(selectors.photos_of(article)),
        "tags": selectors.tags_text(article),
        "photo_form": PhotoForm(),
        "timeline": readable_events(request.user, list(selectors.article_timeline(article))),
    }
    return render(request, "news/article_staff.html", context)


@require_POST
@login_required
def submit(request, pk: int):
    require_perm(request.user, WRITE)
    article = selectors.article_get_for_user(request.user, pk)
    try:
        article_submit(article=article, by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The article was sent to a leader for review."))
    return redirect("news:article", pk=article.pk)


@require_POST
@login_required
def redraft(request, pk: int):
    require_perm(request.user, WRITE)
    article = selectors.article_get_for_user(request.user, pk)
    try:
        article_redraft(article=article, by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The article is a draft again: correct it and send it for review."))
    return redirect("news:article", pk=article.pk)


def _step(request, pk: int, *, form_class, template: str, act, done: str):
    """A step with a small form (publish, send back, withdraw): the form, the service, the article's page."""
    require_perm(request.user, PUBLISH)
    article = selectors.article_get_for_user(request.user, pk)
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                act(article, form.cleaned_data)
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, done)
                return redirect("news:article", pk=article.pk)
        status = 422
    return render(request, template, {"a": article, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def publish(request, pk: int):
    def act(article: Article, data: dict) -> None:
        at = data.get("publish_at") if data.get("when") == "later" else None
        article_publish(article=article, publish_at=at, by=request.user)

    return _step(
        request,
        pk,
        form_class=PublishForm,
        template="news/article_publish.html",
        act=act,
        done=_("The article was published (or scheduled at the time chosen)."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def send_back(request, pk: int):
    def act(article: Article, data: dict) -> None:
        article_send_back(article=article, note=data["note"], by=request.user)

    return _step(
        request,
        pk,
        form_class=NoteForm,
        template="news/article_send_back.html",
        act=act,
        done=_("The article was sent back to its writer with your note."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def withdraw(request, pk: int):
    def act(article: Article, data: dict) -> None:
        article_withdraw(article=article, reason=data["reason"], by=request.user)

    return _step(
        request,
        pk,
        form_class=WithdrawForm,
        template="news/article_withdraw.html",
        act=act,
        done=_("The article was withdrawn: it is no longer on the portal."),
    )


urlpatterns = [
    path("", article_list, name="articles"),
    path("new/", article_new, name="article_new"),
    path("<int:pk>/", article_detail, name="article"),
    path("<int:pk>/edit/", article_edit, name="article_edit"),
    path("<int:pk>/submit/", submit, name="article_submit"),
    path("<int:pk>/publish/", publish, name="article_publish"),
    path("<int:pk>/send-back/", send_back, name="article_send_back"),
    path("<int:pk>/withdraw/", withdraw, name="article_withdraw"),
    path("<int:pk>/redraft/", redraft, name="article_redraft"),
    *photos.urlpatterns,
    *categories.urlpatterns,
]
