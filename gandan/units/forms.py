from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.kit.params import DayField
from gandan.units.models import Unit, UnitKind
from gandan.web import FilteredSelect, VNDateInput, hint_input


class UnitFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        widget=hint_input(_("e.g. lang cong"), search=True),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds"))] + UnitKind.choices
    )
    former = forms.BooleanField(label=_("Include former units"), required=False)
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("path", _("Tree order")), ("name", _("Name A–Z")), ("-name", _("Name Z–A"))],
    )


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "kind", "code", "valid_from", "valid_to", "is_remote", "note"]
        field_classes = {"valid_from": DayField, "valid_to": DayField}
        widgets = {
            "valid_from": VNDateInput(),
            "valid_to": VNDateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "code": _("The official code if the unit has one (villages usually do not)."),
            "valid_to": _("Leave empty while the unit exists. Fill it when the unit is merged or dissolved."),
        }

    def _post_clean(self):
        # Validation of the tree (parents, paths) happens in the service, which reports errors back to the form.
        pass


class UnitMergeForm(forms.Form):
    """Merge this unit into another (the 2025 reform). The choices are the current units of the same level that the
    officer may see; the service checks the rest."""

    into = forms.ModelChoiceField(
        label=_("Merged into"),
        widget=FilteredSelect,
        queryset=Unit.objects.none(),
        help_text=_("The unit that takes over this unit's territory, people and records."),
    )
    effective = DayField(
        label=_("Takes effect on"), widget=VNDateInput(), help_text=_("This unit ends the day before.")
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=300,
        required=False,
        widget=hint_input(_("e.g. Resolution 1676/NQ-UBTVQH15")),
    )
    carry_children = forms.BooleanField(
        label=_("The units below it (villages) continue under the unit it joins"),
        required=False,
        initial=True,
    )
    confirm = forms.BooleanField(
        label=_(
            "I have checked: this unit ends, its officers move to the unit it joins, and that unit's officers "
            "will see all its records."
        ),
        error_messages={"required": _("Tick the box to confirm the merger.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = candidates
        self.fields["into"].label_from_instance = lambda u: u.display_name
