"""Forms of the activities pages: the list's filters and the one form that records or corrects an activity of any
kind. The forms check only shapes (a date, a number, a choice among the officer's teams and villages); what each
kind needs is the service's rule (gandan.mobilization.services.activities), whose errors are shown on the form."""

import re
from typing import cast

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gandan.kit.params import DayField
from gandan.mobilization.models import Activity, Team
from gandan.mobilization.services.activities import (
    ATTENDEES_MAX,
    CONTENT_MAX,
    OUTCOME_MAX,
    PEOPLE_MAX,
    TITLE_MAX,
)
from gandan.units.models import Unit
from gandan.web import VNDateInput, hint_input

KIND_HELP: dict[str, Promise] = {
    Activity.Kind.MEETING: _("The team's monthly meeting: its minutes and how many attended."),
    Activity.Kind.CAMPAIGN: _(
        "A campaign: its topic, the villages it covered and how many people it reached."
    ),
    Activity.Kind.MEDIATION: _("A grassroots mediation case and its result."),
    Activity.Kind.NOTE: _("What people are saying, as the team heard it: it also goes to the opinion board."),
}
# The content box is read differently by kind (the page's script changes its label; without the script the
# general label and this help say it).
CONTENT_LABELS: dict[str, Promise] = {
    Activity.Kind.MEETING: _("Minutes of the meeting"),
    Activity.Kind.CAMPAIGN: _("What was done"),
    Activity.Kind.MEDIATION: _("The case and how it was mediated"),
    Activity.Kind.NOTE: _("What people are saying, in their words"),
}


_GROUPED = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")
_WHOLE = re.compile(r"-?[0-9]+")


class CountField(forms.IntegerField):
    """A whole number as a Vietnamese officer types it: "1.200" or "1 200" is one thousand two hundred. Django's own
    field reads "1.000" as 1 (it drops a trailing ".000"), which saved a campaign of a thousand people as one; any
    other dot or comma ("2,5", "1,000") is refused with a message rather than guessed."""

    default_error_messages = {"invalid": _("Enter a whole number, e.g. 1.200.")}

    def to_python(self, value):
        if isinstance(value, str):
            text = "".join(value.split())
            if _GROUPED.fullmatch(text):
                text = text.replace(".", "")
            elif text and not _WHOLE.fullmatch(text):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            value = text
        return super().to_python(value)


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Team) -> str:
        name = obj.name
        if obj.dissolved_on is not None:
            name = _("%(name)s (dissolved)") % {"name": name}
        return name


class ActivityFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Title or content"),
        required=False,
        max_length=100,
        widget=hint_input(_("e.g. hien dat lam duong"), search=True),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Activity.Kind.choices]
    )
    team = TeamChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("All teams")
    )
    village = forms.ModelChoiceField(
        label=_("Village"), queryset=Unit.objects.none(), required=False, empty_label=_("All villages")
    )
    date_from = DayField(label=_("From"), required=False, widget=VNDateInput())
    date_to = DayField(label=_("to"), required=False, widget=VNDateInput())
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-held_on", _("Newest first")),
            ("held_on", _("Oldest first")),
            ("kind", _("Kind")),
            ("-people", _("Most people first")),
            ("title", _("Title")),
        ],
    )

    def __init__(self, *args, teams, villages, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = teams
        cast(forms.ModelChoiceField, self.fields["village"]).queryset = villages

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return data


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of activity"), choices=Activity.Kind.choices, widget=forms.RadioSelect
    )
    held_on = DayField(label=_("Date"), widget=VNDateInput(), help_text=_("dd/mm/yyyy"))
    team = TeamChoiceField(
        label=_("Mobilisation team"), queryset=Team.objects.none(), required=False, empty_label=_("— none —")
    )
    title = forms.CharField(
        label=_("Title or topic"),
        max_length=TITLE_MAX,
        required=False,
        help_text=_(
            "A campaign: its topic. A mediation: a short title without names. A meeting or a note: leave it empty "
            "and one is written for you."
        ),
    )
    content = forms.CharField(
        label=_("Content"),
        max_length=CONTENT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "A meeting: its minutes. A campaign: what was done. A mediation: the case and how it was mediated. "
            "A note: what people are saying."
        ),
    )
    attendees = CountField(label=_("Attendees"), required=False, min_value=1, max_value=ATTENDEES_MAX)
    villages = forms.ModelMultipleChoiceField(
        label=_("Villages"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A campaign: the villages it covered. A mediation without a team: where it took place."),
    )
    people_reached = CountField(label=_("People reached"), required=False, min_value=1, max_value=PEOPLE_MAX)
    mediation_result = forms.ChoiceField(
        label=_("Result of the mediation"),
        required=False,
        choices=[("", _("— choose —")), *Activity.MediationResult.choices],
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=OUTCOME_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What came of it: decisions, commitments, what the team will follow up."),
    )

    # The sections of the page: the fields only some kinds use, with those kinds (the page's script hides a section
    # the chosen kind does not use; without the script every section shows and the service keeps what fits).
    SECTIONS = {
        "attendees": (Activity.Kind.MEETING,),
        "villages": (Activity.Kind.CAMPAIGN, Activity.Kind.MEDIATION),
        "people_reached": (Activity.Kind.CAMPAIGN,),
        "mediation_result": (Activity.Kind.MEDIATION,),
    }

    def __init__(self, *args, teams, villages, kind_fixed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = teams
        cast(forms.ModelMultipleChoiceField, self.fields["villages"]).queryset = villages
        if kind_fixed:  # an activity's kind never changes (a note's opinion signal depends on it)
            self.fields["kind"].disabled = True
