import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.kit.params import DayField, DayTimeField
from gandan.web import VNDateInput, VNDateTimeInput
from gandan.workcalendar.models import DayKind

MAX_DAYS = 3650


class CalendarDayForm(forms.Form):
    day = DayField(
        label=_("Date"), widget=VNDateInput(), help_text=_("Write the date as dd/mm/yyyy, e.g. 10/01/2026.")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=DayKind.choices)
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("e.g. “Nghỉ Tết Nguyên đán” or “Làm bù cho thứ Sáu 02/01/2026”."),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=300,
        help_text=_("The notice or letter that fixes this day, with its number and date."),
    )


class DueForm(forms.Form):
    """The working-day calculator shown to citizens and staff."""

    received = DayTimeField(
        label=_("Received at"),
        widget=VNDateTimeInput(),
        help_text=_("Date and time the dossier was received, e.g. 09/01/2026 15:30."),
    )
    rule = forms.ChoiceField(
        label=_("Count"),
        choices=[
            ("working_days", _("working days (procedures)")),
            ("days", _("calendar days (complaints, denunciations)")),
        ],
    )
    number = forms.IntegerField(label=_("Number of days"), min_value=0, max_value=MAX_DAYS)

    def clean_received(self):
        value: dt.datetime = self.cleaned_data["received"]
        if not (dt.date(1990, 1, 1) <= value.date() <= dt.date(2100, 12, 31)):
            raise forms.ValidationError(_("Enter a date between 1990 and 2100."))
        return value
