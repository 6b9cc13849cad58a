"""The dashboard's one form: which month, which order, which commune (for the exports)."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _


class BoardForm(forms.Form):
    month = forms.ChoiceField(label=_("Month"), required=False)
    sort = forms.CharField(required=False, max_length=80)
    unit = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, months: list[dt.date], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["month"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(f"{m:%Y-%m}", f"{m:%m/%Y}") for m in reversed(months)]

    def chosen_month(self) -> dt.date | None:
        text = self.cleaned_data.get("month") if self.is_valid() else None
        if not text:
            return None
        year, month = text.split("-")
        return dt.date(int(year), int(month), 1)
