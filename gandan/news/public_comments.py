"""Citizen side of readers' opinions (no login, no script needed): sending one from the form "Ý kiến của bạn" under
the article (a GET of the form's address goes back to the article), the form again with what to fix when refused,
and the answer "sent, shown after moderation".

The limits (per client address, per article, forbidden words, links) and the honeypot are the service's
(gandan.news.services.comments); a refusal is shown on the form with 429 or 422 and nothing is saved."""

from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_safe

from gandan.errors import DomainError
from gandan.kit.clientip import client_ip
from gandan.kit.idempotency import create_once, once_per_token
from gandan.news.forms_comments import TRAP, CommentForm
from gandan.news.selectors.comments import public_article_get
from gandan.news.services.comments import comment_submit
from gandan.portal.selectors import portal_unit_by_address
from gandan.web import form_add_domain_error


@require_http_methods(["GET", "POST"])
@once_per_token
def comment(request, pk: int):
    article = public_article_get(pk, portal_unit_by_address())
    if request.method == "GET":  # the opinions and the form live on the article's own page
        return redirect(reverse("news_public:article", args=[article.pk, article.slug]) + "#y-kien")
    form = CommentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if not article.comments_open:
            status = 409
        elif form.is_valid():
            data = form.cleaned_data
            sent = reverse("news_public:comment_sent", args=[article.pk])
            try:
                create_once(
                    request,
                    lambda: comment_submit(
                        article=article,
                        name=data["name"],
                        email=data.get("email") or "",
                        text=data["text"],
                        trap=data.get(TRAP) or "",
                        address=client_ip(request),
                    ),
                    url=lambda _comment: sent,
                )
            except DomainError as error:
                form_add_domain_error(form, error)
                status = error.status if error.status != 400 else 422
            else:
                return redirect(sent)
    return render(request, "news/comment_form.html", {"article": article, "form": form}, status=status)


@require_safe
def comment_sent(request, pk: int):
    return render(
        request, "news/comment_sent.html", {"article": public_article_get(pk, portal_unit_by_address())}
    )


urlpatterns: list = [
    path("tin-tuc/<int:pk>/y-kien/", comment, name="comment"),
    path("tin-tuc/<int:pk>/y-kien/da-gui/", comment_sent, name="comment_sent"),
]
