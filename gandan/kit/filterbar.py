"""The filter bar of every staff list (`includes/filters.html`, `{% load filterbar %}`): which of a filter form's
fields are folded away, and how many of those are in use — the fold opens by itself only then."""

from django import forms, template

register = template.Library()

ALWAYS_SHOWN = "q"  # the search box stays in view


def _in_use(field: forms.BoundField) -> bool:
    """A field is in use when the request gave it a value other than its default (empty, its initial value, or, for
    a choice without an empty option such as the sort order, the first choice)."""
    value = field.value()
    values = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value or "")]
    values = [v for v in values if v.strip()]
    if not values:
        return False
    defaults = {str(field.initial or "")}
    choices = list(getattr(field.field, "choices", []) or [])
    if choices:
        defaults.add(str(choices[0][0]))
    return set(values) - defaults != set()


def folded_fields(form: forms.BaseForm, skip: str = "") -> list[forms.BoundField]:
    """The visible fields other than the search box and `skip` (a field the page sends as a hidden input)."""
    skipped = {ALWAYS_SHOWN, *skip.split()}
    return [f for f in form.visible_fields() if f.name not in skipped]


@register.simple_tag
def filters_in_use(form: forms.BaseForm, skip: str = "") -> int:
    if not form.is_bound:
        return 0
    return sum(_in_use(f) for f in folded_fields(form, skip))


@register.filter
def folded(form: forms.BaseForm, skip: str = "") -> list[forms.BoundField]:
    return folded_fields(form, skip)
