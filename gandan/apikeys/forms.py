"""The pages' forms: the list's filters and a new key (shape only; apikeys.services checks the meaning)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.apikeys.rules import EXPORTS, NAME_MAX, OPEN311, READ
from gandan.kit.params import DayField
from gandan.web import FilteredSelect, VNDateInput, hint_input

SCOPE_CHOICES = [
    (OPEN311, _("Open311: file field reports")),
    (READ, _("Read: the unit's records through the API")),
    (EXPORTS, _("Exports in the national shapes")),
]


class KeyFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name or prefix"), required=False, max_length=100, widget=hint_input("vnpt", search=True)
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("active", _("In use")), ("revoked", _("Revoked"))],
    )


class KeyForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX,
        help_text=_("Who uses the key and for what, e.g. “Cổng phản ánh hiện trường của tỉnh”."),
    )
    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Unit"), queryset=None, empty_label=None, widget=FilteredSelect
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), choices=SCOPE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    expires_on = DayField(
        label=_("Expires on"),
        required=False,
        widget=VNDateInput(),
        help_text=_("Leave empty for a key that lasts until it is revoked."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: (
            f"{unit.name} ({unit.code})" if unit.code else unit.name
        )
