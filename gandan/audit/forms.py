from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.kit.params import DayField
from gandan.web import VNDateInput


class EventFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    person: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Person"), queryset=None, required=False, empty_label=_("Everyone")
    )
    actor = forms.CharField(label=_("Who"), required=False, max_length=100)
    record = forms.CharField(
        label=_("Record"),
        required=False,
        max_length=100,
        help_text=_("A dossier's or a petition's code, e.g. 08848-260109-0001."),
    )
    obj = forms.CharField(label=_("Object"), required=False, max_length=100)
    since = DayField(label=_("From"), required=False, widget=VNDateInput())
    until = DayField(label=_("To"), required=False, widget=VNDateInput())

    def __init__(self, *args, actions: list[str], labels: dict[str, str], people, **kwargs):
        super().__init__(*args, **kwargs)
        named = sorted(((a, labels.get(a, a)) for a in actions), key=lambda pair: pair[1])
        cast(forms.ChoiceField, self.fields["action"]).choices = [("", _("All actions")), *named]
        cast(forms.ModelChoiceField, self.fields["person"]).queryset = people

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end date must not be before the start date."))
        return data
