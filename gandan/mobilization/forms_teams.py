"""Forms of the tổ dân vận pages: the coverage filters, a team, a member, ending a term or a team, the import. They
check only shapes; the rules are in gandan.mobilization.services.teams, whose errors the forms show."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.kit.params import DayField, MonthField
from gandan.mobilization.models import TEAM_ROLE_CHOICES
from gandan.mobilization.selectors.indicators import COVERAGE_INDICATORS
from gandan.mobilization.services.teams_import import MAX_BYTES
from gandan.web import FilteredSelect, VNDateInput, hint_input


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} — {obj.parent.name}" if obj.parent_id else obj.name


class CoverageFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=100, widget=hint_input("ben do", search=True)
    )
    gaps = forms.BooleanField(label=_("Only where something is missing"), required=False)
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("", _("Name")), ("gaps", _("Most missing first"))],
    )
    commune = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    # A figure of the leaders' dashboard opens exactly the villages it counts (hidden: set by the link).
    indicator = forms.ChoiceField(
        required=False, choices=[(n, n) for n in COVERAGE_INDICATORS], widget=forms.HiddenInput
    )
    period = MonthField(required=False, widget=forms.HiddenInput)


class TeamForm(forms.Form):
    village = VillageChoiceField(label=_("Village or residential group"), queryset=None, empty_label=None)
    name = forms.CharField(
        label=_("Name of the team"),
        required=False,
        max_length=200,
        help_text=_("Leave empty for “Tổ dân vận” followed by the village's name."),
    )
    established_on = DayField(
        label=_("Set up on"), required=False, widget=VNDateInput(), help_text=_("dd/mm/yyyy")
    )
    decision = forms.CharField(
        label=_("Decision setting it up"), required=False, max_length=100, widget=hint_input("15-QĐ/ĐU")
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, villages=None, **kwargs):
        super().__init__(*args, **kwargs)
        if villages is None:  # changing a team: its village stays
            del self.fields["village"]
        else:
            self.fields["village"].queryset = villages


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=120, widget=hint_input("Nguyễn Văn An"))
    roles = forms.MultipleChoiceField(
        label=_("Roles in the team"),
        choices=TEAM_ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every role the person holds: the leader is often also the party cell secretary."),
        # The service's words: what to tick, rather than "this field is required".
        error_messages={
            "required": _("Choose at least one role (a member without a particular office is “Member”).")
        },
    )
    position = forms.CharField(
        label=_("Position held"), required=False, max_length=200, widget=hint_input("Bí thư chi bộ thôn")
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=20,
        widget=hint_input("0912345678", type="tel", inputmode="tel", autocomplete="off"),
    )
    term_start = DayField(
        label=_("Term from"), required=False, widget=VNDateInput(), help_text=_("dd/mm/yyyy")
    )
    term_end = DayField(
        label=_("Term until"),
        required=False,
        widget=VNDateInput(),
        help_text=_("dd/mm/yyyy. Leave empty while the person is in the team."),
    )


class EndForm(forms.Form):
    on = DayField(label=_("Date"), widget=VNDateInput(), help_text=_("dd/mm/yyyy"))


class ImportForm(forms.Form):
    commune: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Commune or ward"), queryset=None, empty_label=None, widget=FilteredSelect
    )
    file = forms.FileField(
        label=_("Member list (Excel .xlsx)"),
        help_text=_("At most 2 MB. The first row names the columns, as in the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        if len(communes[:2]) < 2:  # a commune officer imports for their commune: no choice to make
            self.fields["commune"].widget = forms.HiddenInput()
            first = communes.first()
            self.fields["commune"].initial = first.pk if first else None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB. Split it into smaller files."))
        return upload
