"""The province's forbidden words for readers' opinions (`news.words`): the list with a box to add one, and removing
one after a confirmation. The list is the province's, not a commune's: every commune's opinions are checked with it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gandan.errors import DomainError
from gandan.news.forms_comments import WordForm
from gandan.news.selectors.comments import forbidden_word_get, forbidden_words
from gandan.news.services.words import WORDS, forbidden_word_add, forbidden_word_remove
from gandan.web import form_add_domain_error, paginate, require_perm


@require_http_methods(["GET", "POST"])
@login_required
def words(request):
    require_perm(request.user, WORDS)
    form = WordForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                word = forbidden_word_add(phrase=form.cleaned_data["phrase"], by=request.user)
            except DomainError as error:
                form_add_domain_error(form, error)
                status = error.status if error.status != 400 else 422
            else:
                messages.success(request, _("“%(phrase)s” was added to the list.") % {"phrase": word.phrase})
                return redirect("news:words")
    context = {"form": form, **paginate(request, forbidden_words(), per_page=100)}
    return render(request, "news/words.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def word_remove(request, pk: int):
    require_perm(request.user, WORDS)
    word = forbidden_word_get(pk)
    if request.method == "POST":
        try:
            forbidden_word_remove(word=word, by=request.user)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("“%(phrase)s” was removed from the list.") % {"phrase": word.phrase})
        return redirect("news:words")
    return render(request, "news/word_remove.html", {"word": word})


urlpatterns = [
    path("tu-cam/", words, name="words"),
    path("tu-cam/<int:pk>/xoa/", word_remove, name="word_remove"),
]
