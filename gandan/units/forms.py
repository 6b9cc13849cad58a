from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.units.models import Unit, UnitKind
from gandan.web import VNDateInput, hint_input


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100,
                        widget=hint_input(_("e.g. lang cong"), search=True))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds"))] + UnitKind.choices)
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
