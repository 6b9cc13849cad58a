"""The forms of the officers' queue and of a report's page."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.accounts.models import User
from gandan.core import fieldreports as rules
from gandan.fieldreports.models import STATUSES, Category
from gandan.fieldreports.services.conversion import KINDS
from gandan.fieldreports.services.handling import NOTE_MAX
from gandan.fieldreports.services.visibility import REASON_MAX
from gandan.fieldreports.staff_selectors import Worklist
from gandan.kit.params import DayField
from gandan.units.models import Unit
from gandan.web import VNDateInput, hint_input


class QueueFilterForm(forms.Form):
    worklist = forms.ChoiceField(
        required=False, choices=[(w, w) for w in Worklist.CHOICES], widget=forms.HiddenInput
    )
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=hint_input(_("e.g. o ga thon dong, or a code PA-…"), search=True),
    )
    category: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Category"), required=False, queryset=Category.objects.none(), empty_label=_("All categories")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *STATUSES]
    )
    village: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Village"), required=False, queryset=Unit.objects.none(), empty_label=_("All villages")
    )
    received_from = DayField(label=_("Received from"), required=False, widget=VNDateInput())
    received_to = DayField(label=_("to"), required=False, widget=VNDateInput())
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-received", _("Newest first")),
            ("received", _("Oldest first")),
            ("due", _("Due day, earliest first")),
            ("-due", _("Due day, latest first")),
        ],
    )

    def __init__(self, *args, categories, villages, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["category"]).queryset = categories
        cast(forms.ModelChoiceField, self.fields["village"]).queryset = villages

    def clean(self):
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("The end date comes after the start date."))
        return data


CLOSING = frozenset(a for a, (_sources, to) in rules.MOVES.items() if to in rules.CLOSED_STATES)


class MoveForm(forms.Form):
    """One step of the report (core.fieldreports.MOVES): the public note, required for some; a closing step is
    confirmed by a tick."""

    note = forms.CharField(
        label=_("Note for the reporter and the public"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(label=_("Yes, close this report"), required=False)

    def __init__(self, *args, action: rules.Action, **kwargs):
        kwargs["prefix"] = str(action)
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["note"].required = action in rules.NOTE_REQUIRED
        if action in CLOSING:
            self.fields["confirm"].required = True
            self.fields["confirm"].error_messages["required"] = _(
                "Tick the box to confirm closing the report."
            )
        else:
            del self.fields["confirm"]


class AssignForm(forms.Form):
    officer: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Officer"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Nobody (take it back)"),
    )

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["officer"]).queryset = officers


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the reporter and the public"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo (JPEG or PNG)"))
    note = forms.CharField(
        label=_("Note for the reporter and the public"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class VisibilityForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (kept in the audit trail)"),
        max_length=REASON_MAX,
        widget=hint_input(_("e.g. the description names a neighbour")),
    )


class DuplicateForm(forms.Form):
    original = forms.CharField(
        label=_("Code of the earlier report"), max_length=30, widget=hint_input("PA-08848-26-00001")
    )


class PetitionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of petition"),
        choices=[
            (KINDS[0], _("Reflection")),
            (KINDS[1], _("Complaint")),
            (KINDS[2], _("Recommendation")),
        ],
        widget=forms.RadioSelect,
    )
    subject = forms.CharField(label=_("Subject"), max_length=300)
    petitioner_name = forms.CharField(label=_("Petitioner's full name"), max_length=200, required=False)
    petitioner_address = forms.CharField(
        label=_("Petitioner's address"),
        max_length=300,
        required=False,
        widget=hint_input(_("village, commune")),
    )
    note = forms.CharField(
        label=_("Note for the reporter and the public"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
