"""Small helpers every staff list uses: pagination that keeps the filters, and showing domain errors on forms."""

from collections.abc import Callable, Mapping
from typing import Any, cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import BaseForm
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from gandan.errors import DomainError

PER_PAGE = 50


class _CappedPaginator(Paginator):
    """Counts at most `cap` + 1 rows: a search of a common word among a million records must not count them all."""

    cap = 0

    @cached_property
    def count(self) -> int:
        return cast("QuerySet[Any]", self.object_list).order_by()[: self.cap + 1].count()


def paginate(request, rows, *, per_page: int = PER_PAGE, count_cap: int | None = None) -> dict:
    """A page of `rows`. With `count_cap`, the total is counted only up to that many (`count_capped` then says
    "more than count_cap")."""
    paginator: Paginator[Any]
    if count_cap:
        paginator = _CappedPaginator(rows, per_page)
        paginator.cap = count_cap
    else:
        paginator = Paginator(rows, per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return {
        "page_obj": page_obj,
        "querystring_without_page": f"{encoded}&" if encoded else "",
        "count_capped": bool(count_cap and paginator.count > count_cap),
        "count_cap": count_cap,
    }


def form_add_domain_error(
    form: BaseForm,
    error: DomainError,
    *,
    rename: Mapping[str, str | None] | Callable[[str], str | None] | None = None,
) -> None:
    """Show every problem a service reported next to the field it concerns, or at the top of the form when the form
    has no such field. `rename` maps the service's field names to the form's (a dict, or a function; `None` for
    the top of the form)."""
    for name, messages in error.errors.items():
        target: str | None = name
        if callable(rename):
            target = rename(name)
        elif rename is not None:
            target = rename.get(name, name)
        form.add_error(target if target in form.fields else None, messages)


class VNDateInput(forms.DateInput):
    """A date field that shows the expected order (dates are typed dd/mm/yyyy everywhere)."""

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs={"placeholder": "dd/mm/yyyy", **(attrs or {})}, format=format)


class VNDateTimeInput(forms.DateTimeInput):
    def __init__(self, attrs=None, format=None):
        super().__init__(attrs={"placeholder": "dd/mm/yyyy hh:mm", **(attrs or {})}, format=format)


class FilteredSelect(forms.Select):
    """A list to choose from with a search box above it (static/js/select_filter.js, only when the list is long):
    a province's communes all begin with "Xã", so the browser's own type-ahead finds none of them."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(
            attrs={"data-filter": _("Type to filter the list"), **(attrs or {})}, choices=choices
        )


def hint_input(example, *, search: bool = False, **attrs) -> forms.TextInput:
    """A text box with a greyed example of what to type (e.g. "lang cong", a dossier code)."""
    base = {"type": "search"} if search else {}
    return forms.TextInput(attrs={**base, "placeholder": example, **attrs})


def require_perm(user, perm) -> None:
    """403 unless one of the user's roles grants `perm` (where the user may act is the scope's business)."""
    if not user.can(perm):
        raise PermissionDenied
