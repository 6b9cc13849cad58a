"""The commune filter of a worklist, for a user whose units hold several communes (the province supervisor): a
"Xã/phường" select of the communes in scope, and the records of the commune chosen — those of its subtree and of the
former units it took over (gandan.accounts.scope.subtree_paths). A commune officer sees one commune: no filter,
no column."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.accounts.scope import subtree_paths
from gandan.web import FilteredSelect

FIELD = "unit"


def add_commune_filter(form: forms.Form, communes) -> bool:
    """Give `form` the commune select when `communes` holds more than one; say whether it did (the list then shows
    the commune column too)."""
    units = list(communes[:2])
    if len(units) < 2:
        return False
    form.fields[FIELD] = forms.ModelChoiceField(
        label=_("Commune or ward"),
        queryset=communes,
        required=False,
        empty_label=_("All communes"),
        widget=FilteredSelect,
    )
    return True


def commune_paths(unit) -> list[str] | None:
    """The unit paths whose records belong to the chosen commune, or None when none is chosen."""
    return subtree_paths(unit.path) if unit is not None else None
