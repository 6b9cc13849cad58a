"""Small helpers every staff list uses: pagination that keeps the filters, and showing domain errors on forms."""

from django.core.paginator import Paginator
from django.forms import Form

from gandan.errors import DomainError

PER_PAGE = 50


def paginate(request, rows, *, per_page: int = PER_PAGE) -> dict:
    paginator = Paginator(rows, per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return {"page_obj": page_obj, "querystring_without_page": f"{encoded}&" if encoded else ""}


def form_add_domain_error(form: Form, error: DomainError) -> None:
    """Show a service's refusal next to the field it concerns (or at the top of the form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))
