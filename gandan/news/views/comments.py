"""Staff pages of readers' opinions (`news.moderate`: the mass-mobilisation officer and the leaders): the moderation
queue of the officer's units (waiting ones first, filters, ticked rows approved or marked as spam at once), an
opinion's page with its actions — approve, reject with a reason, mark as spam, reply — each one service call. An
opinion outside the officer's units is "not found"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from gandan.errors import DomainError
from gandan.news.forms_comments import BulkForm, ModerationFilterForm, RejectForm, ReplyForm
from gandan.news.selectors.comments import (
    MODERATE,
    CommentFilter,
    comment_get_for_user,
    comment_list,
    pending_count,
    selected_comments,
)
from gandan.news.services.comments import (
    comment_approve,
    comment_reject,
    comment_reply,
    comment_spam,
    comments_bulk,
)
from gandan.web import form_add_domain_error, paginate, require_perm

PER_PAGE = 30


@require_safe
@login_required
def moderation(request):
    require_perm(request.user, MODERATE)
    form = ModerationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = CommentFilter(
        status=data.get("status") or "", article=data.get("article"), q=data.get("q") or ""
    )
    context = {
        "form": form,
        "filtered": filters.used,
        "pending": pending_count(request.user),
        "bulk": BulkForm(),
        "may_edit_words": request.user.can("news.words"),
        **paginate(request, comment_list(request.user, filters), per_page=PER_PAGE),
    }
    return render(request, "news/moderation.html", context)


def _page(request, comment, *, reject=None, reply=None, status: int = 200):
    context = {
        "comment": comment,
        "article": comment.article,
        "reject_form": reject or RejectForm(),
        "reply_form": reply or ReplyForm(initial={"reply": comment.reply}),
    }
    return render(request, "news/comment.html", context, status=status)


@require_safe
@login_required
def comment_detail(request, pk: int):
    require_perm(request.user, MODERATE)
    return _page(request, comment_get_for_user(request.user, pk))


def _done(request, comment, message: str):
    messages.success(request, message)
    return redirect(reverse("news:comment", args=[comment.pk]))


def _refused(request, comment, error: DomainError):
    messages.error(request, str(error.message))
    return redirect(reverse("news:comment", args=[comment.pk]))


@require_POST
@login_required
def approve(request, pk: int):
    require_perm(request.user, MODERATE)
    comment = comment_get_for_user(request.user, pk)
    try:
        comment_approve(comment=comment, by=request.user)
    except DomainError as error:
        return _refused(request, comment, error)
    return _done(request, comment, _("The opinion was approved: it is shown under the article."))


@require_POST
@login_required
def spam(request, pk: int):
    require_perm(request.user, MODERATE)
    comment = comment_get_for_user(request.user, pk)
    try:
        comment_spam(comment=comment, by=request.user)
    except DomainError as error:
        return _refused(request, comment, error)
    return _done(request, comment, _("The opinion was marked as spam."))


@require_POST
@login_required
def reject(request, pk: int):
    require_perm(request.user, MODERATE)
    comment = comment_get_for_user(request.user, pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            comment_reject(comment=comment, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            return _done(request, comment, _("The opinion was rejected."))
    return _page(request, comment, reject=form, status=422)


@require_POST
@login_required
def reply(request, pk: int):
    require_perm(request.user, MODERATE)
    comment = comment_get_for_user(request.user, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            comment_reply(comment=comment, reply=form.cleaned_data["reply"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            return _done(request, comment, _("The reply was published under the opinion."))
    return _page(request, comment, reply=form, status=422)


@require_POST
@login_required
def bulk(request):
    require_perm(request.user, MODERATE)
    form = BulkForm(request.POST)
    back = reverse("news:moderation") + "?status=pending"
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the ticked opinions."))
        return redirect(back)
    rows = selected_comments(request.user, form.cleaned_data["ids"])
    try:
        changed = comments_bulk(comments=rows, action=form.cleaned_data["action"], by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            ngettext("%(n)d opinion was changed.", "%(n)d opinions were changed.", changed) % {"n": changed},
        )
    return redirect(back)


urlpatterns = [
    path("y-kien/", moderation, name="moderation"),
    path("y-kien/chon/", bulk, name="comments_bulk"),
    path("y-kien/<int:pk>/", comment_detail, name="comment"),
    path("y-kien/<int:pk>/duyet/", approve, name="comment_approve"),
    path("y-kien/<int:pk>/tu-choi/", reject, name="comment_reject"),
    path("y-kien/<int:pk>/rac/", spam, name="comment_spam"),
    path("y-kien/<int:pk>/tra-loi/", reply, name="comment_reply"),
]
