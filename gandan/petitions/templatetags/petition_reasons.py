"""The duplicate check's reasons in the reader's language (they are written in Vietnamese with an English wording:
gandan.core.duplicates.reasons)."""

from collections.abc import Iterable

from django import template
from django.utils import translation

from gandan.core.duplicates.reasons import in_language

register = template.Library()


@register.filter
def reasons(values: Iterable[str]) -> str:
    """The reasons joined by "; ", each in the language of the page (escaped like any text: they quote letters)."""
    language = translation.get_language() or "vi"
    return "; ".join(in_language(value, language) for value in values)
