"""Forms of the village covenant pages: the list's filters, drafting, and one small form per step of the covenant's
life. Shapes only; the rules (which step follows which, the adoption thresholds, the dates) are the service's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.democracy.models import Consultation, Vote
from gandan.democracy.models.covenants import STATE_LABELS
from gandan.democracy.selectors import consultations as consultation_selectors
from gandan.democracy.selectors import covenants as selectors
from gandan.democracy.services.covenants import (
    DECISION_MAX,
    HOUSEHOLDS_MAX,
    NOTE_MAX,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
)
from gandan.kit.params import DayField
from gandan.units.models import Unit
from gandan.web import VNDateInput, hint_input

GROUP_LABELS = {
    "preparing": _("Being prepared"),
    "recognition": _("Adopted, in recognition"),
    "in_force": _("In force"),
    "ended": _("Replaced or abolished"),
}


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class CovenantFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Title or village"),
        required=False,
        max_length=100,
        widget=hint_input(_("e.g. huong uoc ben do"), search=True),
    )
    state = forms.ChoiceField(
        label=_("Step"), required=False, choices=[("", _("All steps")), *STATE_LABELS.items()]
    )
    village = VillageChoiceField(
        label=_("Village"), required=False, queryset=Unit.objects.none(), empty_label=_("All villages")
    )
    late = forms.BooleanField(label=_("Only late steps"), required=False)

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages


class CovenantForm(forms.Form):
    village = VillageChoiceField(label=_("Village or residential group"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    text = forms.CharField(
        label=_("Text of the draft"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 16})
    )

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages


class StepForm(forms.Form):
    def __init__(self, *args, covenant, user, **kwargs):
        self.covenant, self.user = covenant, user
        super().__init__(*args, **kwargs)


class ReviseForm(StepForm):
    text = forms.CharField(label=_("Text"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 16}))
    note = forms.CharField(
        label=_("What changed"),
        max_length=NOTE_MAX,
        help_text=_("e.g. “Sửa Điều 5 theo ý kiến của nhân dân”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = selectors.covenant_current_version(self.covenant)
        self.fields["text"].initial = current.text if current is not None else ""


class AmendForm(ReviseForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    field_order = ["title", "text", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = self.covenant.title
        self.fields["note"].label = _("What the amendment changes")


class ConsultationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Consultation) -> str:
        return f"{obj.title} ({obj.opens:%d/%m/%Y} – {obj.closes:%d/%m/%Y})"


class ConsultForm(StepForm):
    consultation = ConsultationChoiceField(
        label=_("An existing consultation on the covenant"),
        required=False,
        queryset=Consultation.objects.none(),
        empty_label=_("None: prepare one from the current text"),
    )
    opens = DayField(label=_("Comments taken from"), required=False, widget=VNDateInput())
    closes = DayField(label=_("until (included)"), required=False, widget=VNDateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = consultation_selectors.consultations_to_link(
            self.user, self.covenant.commune_path
        )


class VoteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Vote) -> str:
        return f"#{obj.pk} {obj.title}"


class AdoptionForm(StepForm):
    vote = VoteChoiceField(
        label=_("The village's vote"),
        required=False,
        queryset=Vote.objects.none(),
        empty_label=_("None: type in the meeting's count"),
    )
    households = forms.IntegerField(
        label=_("Households in the village"), required=False, min_value=1, max_value=HOUSEHOLDS_MAX
    )
    present = forms.IntegerField(
        label=_("Households present"), required=False, min_value=0, max_value=HOUSEHOLDS_MAX
    )
    yes = forms.IntegerField(
        label=_("Households agreeing"), required=False, min_value=0, max_value=HOUSEHOLDS_MAX
    )
    voted_on = DayField(label=_("Voted on"), required=False, widget=VNDateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vote"].queryset = selectors.covenant_votes(self.covenant)


class SubmitForm(StepForm):
    submitted_on = DayField(label=_("Dossier sent on"), widget=VNDateInput())


class RecogniseForm(StepForm):
    decision_ref = forms.CharField(
        label=_("Recognition decision"), max_length=DECISION_MAX, widget=hint_input("15/QĐ-UBND")
    )
    recognised_on = DayField(label=_("Signed on"), widget=VNDateInput())


class ReasonForm(StepForm):
    reason = forms.CharField(
        label=_("Reason"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class PublicCovenantFilterForm(forms.Form):
    xa = forms.ChoiceField(label=_("Commune or ward"), required=False)

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["xa"].choices = [("", _("All communes")), *((u.code, u.name) for u in communes)]
