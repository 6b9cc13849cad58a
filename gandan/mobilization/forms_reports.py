"""Forms of the periodic report: the list's filters, starting a report (unit and period), the narrative sections, and
the leader's reason for returning a report. They only read what was typed; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.core.mobilization.reports import NARRATIVE_MAX
from gandan.kit.params import DayField
from gandan.mobilization.models import Report
from gandan.units.models import Unit
from gandan.web import VNDateInput, hint_input

MONTHS = [(m, str(m)) for m in range(1, 13)]
QUARTERS = [(1, _("Quarter I")), (2, _("Quarter II")), (3, _("Quarter III")), (4, _("Quarter IV"))]


class ReportFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Commune or province"),
        required=False,
        max_length=100,
        widget=hint_input(_("e.g. song lo"), search=True),
    )
    period_kind = forms.ChoiceField(
        label=_("Period"), required=False, choices=[("", _("All periods")), *Report.PERIOD_CHOICES]
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states")), *Report.State.choices]
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None, choices=[])

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["year"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Every year")), *((y, str(y)) for y in years)]


class ReportNewForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Report of"), queryset=Unit.objects.none(), empty_label=None)
    period_kind = forms.ChoiceField(label=_("Period"), choices=Report.PERIOD_CHOICES)
    year = forms.IntegerField(label=_("Year"), required=False)
    month = forms.TypedChoiceField(
        label=_("Month"), required=False, coerce=int, empty_value=None, choices=MONTHS
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), required=False, coerce=int, empty_value=None, choices=QUARTERS
    )
    start = DayField(
        label=_("From"), required=False, widget=VNDateInput(), help_text=_("Ad hoc period only: dd/mm/yyyy.")
    )
    end = DayField(label=_("Until"), required=False, widget=VNDateInput())
    report_number = forms.CharField(
        label=_("Number"),
        required=False,
        max_length=50,
        widget=hint_input("12-BC/UBND"),
        help_text=_("Can be added later, when the report is issued."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units

    def service_arguments(self) -> dict:
        """What report_create takes: the month or the quarter is the period's number."""
        data = self.cleaned_data
        kind = data.get("period_kind") or ""
        number = data.get("quarter") if kind == "quarter" else data.get("month") if kind == "month" else None
        return {
            "unit": data.get("unit"),
            "period_kind": kind,
            "year": data.get("year") if kind != "adhoc" else None,
            "number": number,
            "start": data.get("start") if kind == "adhoc" else None,
            "end": data.get("end") if kind == "adhoc" else None,
            "report_number": data.get("report_number") or "",
        }

    def error_field(self, name: str) -> str | None:
        """Where a service's error about `name` is shown."""
        if name == "number":
            return "quarter" if self.cleaned_data.get("period_kind") == "quarter" else "month"
        return name if name in self.fields else None


def _text(label, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        max_length=NARRATIVE_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class NarrativeForm(forms.Form):
    number = forms.CharField(
        label=_("Number"), required=False, max_length=50, widget=hint_input("12-BC/UBND")
    )
    opinion = _text(
        _("The state of public opinion"),
        _("What people think and worry about, hot spots, crowd complaints, religious and ethnic matters."),
    )
    highlights = _text(
        _("Results worth telling"), _("What the figures do not say: the good examples, in words.")
    )
    shortcomings = _text(_("Shortcomings"), _("What was not done well, and why."))
    next = _text(_("Tasks for the next period"))

    SECTIONS = ("opinion", "highlights", "shortcomings", "next")


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What should change"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
