"""Staff pages of an article's photos: add one (checked, resized, its EXIF removed), correct its caption and credit,
move it up or down (the first is the cover), remove it, and see it (the staff copy: a draft's photos are not public)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gandan.accounts.rules import Perm
from gandan.errors import DomainError
from gandan.kit.downloads import serve_stored_file
from gandan.kit.idempotency import create_once, once_per_token
from gandan.kit.uploads import JPEG
from gandan.news.forms import PhotoEditForm, PhotoForm
from gandan.news.selectors import articles as selectors
from gandan.news.services.photos import photo_add, photo_delete, photo_move, photo_update
from gandan.web import form_add_domain_error, require_perm

WRITE = Perm.NEWS_WRITE


def _photos_url(pk: int) -> str:
    return reverse("news:article", args=[pk]) + "#photos"


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def photo_new(request, pk: int):
    require_perm(request.user, WRITE)
    article = selectors.article_get_for_user(request.user, pk)
    form = PhotoForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                create_once(
                    request,
                    lambda: photo_add(
                        article=article,
                        upload=data["upload"],
                        caption=data["caption"],
                        credit=data["credit"],
                        by=request.user,
                    ),
                    url=lambda _photo: _photos_url(article.pk),
                )
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, _("The photo was added."))
                return redirect(_photos_url(article.pk))
        status = 422
    return render(request, "news/photo_form.html", {"a": article, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def photo_edit(request, pk: int, photo_pk: int):
    require_perm(request.user, WRITE)
    photo = selectors.photo_get_for_user(request.user, pk, photo_pk)
    initial = {"caption": photo.caption, "credit": photo.credit}
    form = PhotoEditForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                photo_update(photo=photo, by=request.user, **form.cleaned_data)
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, _("The caption was saved."))
                return redirect(_photos_url(pk))
        status = 422
    context = {"a": photo.article, "photo": photo, "form": form}
    return render(request, "news/photo_form.html", context, status=status)


@require_POST
@login_required
def photo_reorder(request, pk: int, photo_pk: int):
    require_perm(request.user, WRITE)
    photo = selectors.photo_get_for_user(request.user, pk, photo_pk)
    try:
        photo_move(photo=photo, up=request.POST.get("direction") != "down", by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect(_photos_url(pk))


@require_POST
@login_required
def photo_remove(request, pk: int, photo_pk: int):
    require_perm(request.user, WRITE)
    photo = selectors.photo_get_for_user(request.user, pk, photo_pk)
    try:
        photo_delete(photo=photo, by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The photo was removed."))
    return redirect(_photos_url(pk))


@require_safe
@login_required
def photo_file(request, pk: int, photo_pk: int, thumb: bool = False):
    require_perm(request.user, WRITE)
    photo = selectors.photo_get_for_user(request.user, pk, photo_pk)
    file = photo.thumbnail if thumb and photo.thumbnail else photo.image
    return serve_stored_file(
        request, file, original_name=f"anh-{photo.pk}.jpg", content_type=JPEG, inline=True
    )


urlpatterns = [
    path("<int:pk>/photos/new/", photo_new, name="photo_new"),
    path("<int:pk>/photos/<int:photo_pk>/", photo_edit, name="photo_edit"),
    path("<int:pk>/photos/<int:photo_pk>/move/", photo_reorder, name="photo_move"),
    path("<int:pk>/photos/<int:photo_pk>/delete/", photo_remove, name="photo_delete"),
    path("<int:pk>/photos/<int:photo_pk>/photo.jpg", photo_file, name="photo_file"),
    path("<int:pk>/photos/<int:photo_pk>/thumb.jpg", photo_file, {"thumb": True}, name="photo_thumb"),
]
