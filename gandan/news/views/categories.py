"""Staff page of a commune's news categories: the list with a form to add one, and renaming or moving one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gandan.accounts.rules import Perm
from gandan.errors import DomainError
from gandan.news.forms import CategoryForm
from gandan.news.selectors import articles as selectors
from gandan.news.services.categories import category_create, category_update
from gandan.web import form_add_domain_error, require_perm

WRITE = Perm.NEWS_WRITE


@require_http_methods(["GET", "POST"])
@login_required
def category_list(request):
    require_perm(request.user, WRITE)
    user = request.user
    communes = selectors.writing_communes_for_user(user)
    form = CategoryForm(request.POST or None, communes=communes)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                category_create(
                    unit=data.get("unit") or communes.first(),
                    name=data["name"],
                    position=data["position"],
                    by=user,
                )
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, _("The category was added."))
                return redirect("news:categories")
        status = 422
    context = {
        "form": form,
        "categories": list(selectors.categories_for_user(user)),
        "several": "unit" in form.fields,
    }
    return render(request, "news/categories.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def category_edit(request, pk: int):
    require_perm(request.user, WRITE)
    category = selectors.category_get_for_user(request.user, pk)
    initial = {"name": category.name, "position": category.position}
    form = CategoryForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                category_update(
                    category=category, name=data["name"], position=data["position"], by=request.user
                )
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, _("The category was saved."))
                return redirect("news:categories")
        status = 422
    return render(request, "news/category_form.html", {"form": form, "category": category}, status=status)


urlpatterns = [
    path("categories/", category_list, name="categories"),
    path("categories/<int:pk>/", category_edit, name="category_edit"),
]
