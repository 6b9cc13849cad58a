"""The forms of the alert pages: the list's filters and the officials' actions (acknowledge, assign, link a
petition, close, reopen)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.kit.params import DayField
from gandan.opinion.models import AlertLevel, AlertStatus
from gandan.web import VNDateInput, hint_input

NOTE = forms.Textarea(attrs={"rows": 3})


class AlertFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("open", _("Open")), ("", _("All statuses")), *AlertStatus.choices],
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All levels")), *AlertLevel.choices],
    )
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=NOTE)


class AssignForm(forms.Form):
    assignee = forms.TypedChoiceField(label=_("Responsible officer"), coerce=int, choices=[])
    due = DayField(label=_("Deadline"), widget=VNDateInput(), help_text=_("dd/mm/yyyy, today or later."))
    note = forms.CharField(label=_("Instructions"), required=False, max_length=2000, widget=NOTE)

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.officers = {u.pk: u for u in officers}
        choices = [(u.pk, f"{u} — {u.position}" if u.position else str(u)) for u in officers]
        self.fields["assignee"].choices = [("", _("Choose an officer")), *choices]


class LinkForm(forms.Form):
    code = forms.CharField(label=_("Petition code"), max_length=60, widget=hint_input("DT-08848-26-00012"))


class CloseForm(forms.Form):
    note = forms.CharField(label=_("How the matter was resolved"), max_length=2000, widget=NOTE)


class ReopenForm(forms.Form):
    note = forms.CharField(label=_("Why reopen"), max_length=2000, widget=NOTE)
