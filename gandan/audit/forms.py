from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.kit.params import DayField
from gandan.web import VNDateInput


class EventFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(label=_("Who"), required=False, max_length=100)
    obj = forms.CharField(label=_("Object"), required=False, max_length=100)
    since = DayField(label=_("From"), required=False, widget=VNDateInput())
    until = DayField(label=_("To"), required=False, widget=VNDateInput())

    def __init__(self, *args, actions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["action"]).choices = [("", _("All actions"))] + [
            (a, a) for a in actions
        ]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end date must not be before the start date."))
        return data
