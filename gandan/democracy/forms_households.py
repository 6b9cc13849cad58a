"""Forms of the household register pages: the list's filters, a household, marking it as left, the import. They check
only shapes; the rules are in gandan.democracy.services.households, whose errors the forms show."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.democracy.services.households_import import MAX_BYTES
from gandan.kit.params import DayField
from gandan.web import FilteredSelect, VNDateInput, hint_input


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} — {obj.parent.name}" if obj.parent_id else obj.name


class RegisterFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=100, widget=hint_input("nguyen van an", search=True)
    )
    village = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    left = forms.BooleanField(label=_("Also the households that left"), required=False)


class HouseholdForm(forms.Form):
    village = VillageChoiceField(label=_("Village or residential group"), queryset=None, empty_label=None)
    code = forms.CharField(label=_("Household number"), max_length=30, widget=hint_input("15"))
    representative = forms.CharField(
        label=_("Representative"),
        max_length=120,
        widget=hint_input("Nguyễn Văn An"),
        help_text=_("The person who attends the meetings and votes for the household."),
    )
    address = forms.CharField(
        label=_("Address"), required=False, max_length=300, widget=hint_input("Xóm Giữa")
    )
    online_optin = forms.BooleanField(label=_("Agreed to vote online"), required=False)
    optin_on = DayField(
        label=_("Agreed on"),
        required=False,
        widget=VNDateInput(),
        help_text=_("dd/mm/yyyy. Empty: today, when the box is ticked."),
    )

    def __init__(self, *args, villages=None, **kwargs):
        super().__init__(*args, **kwargs)
        if villages is None:  # changing a household: its village stays
            del self.fields["village"]
        else:
            self.fields["village"].queryset = villages


class LeaveForm(forms.Form):
    on = DayField(label=_("Left on"), widget=VNDateInput(), help_text=_("dd/mm/yyyy"))


class ImportForm(forms.Form):
    commune: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Commune or ward"), queryset=None, empty_label=None, widget=FilteredSelect
    )
    file = forms.FileField(
        label=_("Household list (Excel .xlsx)"),
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
