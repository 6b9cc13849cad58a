"""Forms of the citizen-reception pages: reception days, the reception book (Form 03/TCD), notices of conclusions and
their tasks. The forms check only shapes; the rules are in gandan.reception.services, whose errors are shown on the forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.kit.params import DayField, DayTimeField, MonthField
from gandan.petitions.models import Kind
from gandan.reception.models import (
    NTH_NAMES,
    WEEKDAY_NAMES,
    LeaderKind,
    ReceptionDay,
    ReceptionRecord,
    ReceptionSchedule,
)
from gandan.units.models import Unit
from gandan.web import FilteredSelect, VNDateInput, VNDateTimeInput, hint_input

MAX_TASK_ROWS = 5


class LeaderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.full_name or obj.username
        return f"{name} — {obj.position}" if obj.position else name


# --- Reception days ------------------------------------------------------------------------------------------------


class DayFilterForm(forms.Form):
    show = forms.ChoiceField(
        required=False,
        choices=[("upcoming", "upcoming"), ("past", "past"), ("all", "all")],
        widget=forms.HiddenInput,
    )
    leader = LeaderChoiceField(label=_("Leader"), queryset=None, required=False, empty_label=_("All leaders"))
    month = MonthField(label=_("Month"), required=False)
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("", _("Nearest first")),
            ("day", _("Date, earliest first")),
            ("-day", _("Date, latest first")),
        ],
    )

    def __init__(self, *args, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders


class DayScheduleForm(forms.Form):
    leader = LeaderChoiceField(label=_("Leader"), queryset=None, empty_label=None)
    leader_kind = forms.ChoiceField(
        label=_("Receives citizens as"), choices=LeaderKind.choices, initial=LeaderKind.COMMUNE_CHAIRMAN
    )
    day = DayField(label=_("Date"), widget=VNDateInput(), help_text=_("dd/mm/yyyy"))
    place = forms.CharField(
        label=_("Place"), max_length=300, widget=hint_input("Phòng tiếp công dân, UBND xã")
    )
    ad_hoc = forms.BooleanField(
        label=_("Ad-hoc reception (not a regular day)"),
        required=False,
        help_text=_(
            "For a group of many people, or a complex or urgent case. Ad-hoc days do "
            "not count towards the minimum."
        ),
    )
    ad_hoc_reason = forms.CharField(
        label=_("Why ad hoc"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders


WEEKDAYS = [(i, WEEKDAY_NAMES[i]) for i in range(5)]  # Monday..Friday: the days a commune office is open
NTH = [(n, NTH_NAMES[n]) for n in (1, 2, 3, 4, -1)]


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(format="%H:%M", attrs={"type": "time", "inputmode": "numeric"})


class ScheduleForm(forms.Form):
    """A leader's recurring schedule. Only the fields of the chosen repetition are used (weekday for "every week",
    weekday and which one for "every month, on a weekday", the day for "every month, on a day of the month")."""

    leader = LeaderChoiceField(label=_("Leader"), queryset=None, empty_label=None)
    leader_kind = forms.ChoiceField(
        label=_("Receives citizens as"), choices=LeaderKind.choices, initial=LeaderKind.COMMUNE_CHAIRMAN
    )
    frequency = forms.ChoiceField(
        label=_("Repeats"), choices=ReceptionSchedule.Frequency.choices, initial="weekly"
    )
    weekday = forms.TypedChoiceField(
        label=_("On"), choices=WEEKDAYS, coerce=int, required=False, initial=3, empty_value=None
    )
    nth = forms.TypedChoiceField(
        label=_("Which one in the month"),
        choices=[("", "—"), *NTH],
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Only for “every month, on a weekday”, e.g. the third Thursday."),
    )
    month_day = forms.IntegerField(
        label=_("Day of the month"),
        required=False,
        min_value=1,
        max_value=31,
        help_text=_("Only for “every month, on a day of the month”, e.g. 15."),
    )
    session = forms.ChoiceField(label=_("Session"), choices=ReceptionSchedule.Session.choices)
    start_time = forms.TimeField(label=_("From"), widget=_time_input(), initial="07:30")
    end_time = forms.TimeField(label=_("Until"), widget=_time_input(), initial="11:00")
    place = forms.CharField(
        label=_("Place"), max_length=300, widget=hint_input("Phòng tiếp công dân, UBND xã")
    )
    valid_from = DayField(label=_("Valid from"), widget=VNDateInput(), help_text=_("dd/mm/yyyy"))
    valid_to = DayField(
        label=_("Valid until"),
        required=False,
        widget=VNDateInput(),
        help_text=_("Leave empty while the schedule is in force."),
    )
    note = forms.CharField(
        label=_("Note for citizens"),
        required=False,
        max_length=300,
        help_text=_("Shown on the public page, e.g. “Bring your citizen ID card”."),
    )

    def __init__(self, *args, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders


class ScheduleEndForm(forms.Form):
    last_day = DayField(
        label=_("Last reception day of this schedule"),
        widget=VNDateInput(),
        help_text=_("dd/mm/yyyy. The days after it that nobody has held are removed."),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ComplianceForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2014, max_value=2100)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("My unit"),
        widget=FilteredSelect,
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


# --- The reception book --------------------------------------------------------------------------------------------

KIND_CHOICES = [(k, label) for k, label in Kind.choices if k != Kind.ANONYMOUS]


class BookFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name or content"),
        required=False,
        max_length=100,
        widget=hint_input(_("e.g. tranh chap dat"), search=True),
    )
    date_from = DayField(label=_("Received from"), required=False, widget=VNDateInput())
    date_to = DayField(label=_("to"), required=False, widget=VNDateInput())
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *KIND_CHOICES])
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("All outcomes")), *ReceptionRecord.Outcome.choices],
    )
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-at", _("Newest first")),
            ("at", _("Oldest first")),
            ("name", _("Name")),
            ("-people", _("Most people first")),
        ],
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return data


class RecordForm(forms.Form):
    reception_day = forms.ModelChoiceField(
        label=_("Reception day"),
        queryset=ReceptionDay.objects.none(),
        required=False,
        empty_label=_("None (received by the reception officer)"),
    )
    at = DayTimeField(label=_("Received at"), widget=VNDateTimeInput(), help_text=_("dd/mm/yyyy hh:mm"))
    citizen_name = forms.CharField(label=_("Full name"), max_length=200)
    citizen_address = forms.CharField(
        label=_("Address"), max_length=300, required=False, help_text=_("Village, commune.")
    )
    id_number = forms.CharField(
        label=_("Citizen ID or passport number"),
        max_length=20,
        required=False,
        help_text=_("12 digits on the ID card, or the passport number."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        help_text=_(
            "Only for a petition created from this record: the citizen follows it with its last 4 digits."
        ),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    people_count = forms.IntegerField(
        label=_("Number of people"),
        min_value=1,
        max_value=100_000,
        initial=1,
        help_text=_("Five or more: the group chooses representatives."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES)
    content = forms.CharField(
        label=_("What the citizen says"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Write the statement down, read it back; the citizen signs or fingerprints it. For a "
            "denunciation, leave the denunciator's name out: it is kept apart."
        ),
    )
    subject = forms.CharField(
        label=_("Subject of the petition"),
        max_length=300,
        required=False,
        help_text=_("Optional: by default the beginning of the content."),
    )
    prior_body = forms.CharField(label=_("Body that already handled it"), max_length=300, required=False)
    competent = forms.BooleanField(label=_("Within our competence"), required=False, initial=True)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=ReceptionRecord.Outcome.choices,
        initial=ReceptionRecord.Outcome.RECORDED,
        widget=forms.RadioSelect,
    )
    guided_to = forms.CharField(
        label=_("Guided to"),
        max_length=300,
        required=False,
        help_text=_("The competent body, and the guidance letter number if any."),
    )
    refusal_reason = forms.CharField(
        label=_("Reason for refusal"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The refusal notice (Form 01/TCD) is sent within 3 working days."),
    )
    documents_received = forms.CharField(
        label=_("Documents received"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line; a receipt (Form 02/TCD) is printed."),
    )
    note = forms.CharField(
        label=_("Notes"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    create_petition = forms.BooleanField(
        label=_("Create a petition from this record"),
        required=False,
        help_text=_("Only when the outcome is “petition recorded”."),
    )
    secrecy = forms.BooleanField(
        label=_("The citizen asks to keep their identity secret"),
        required=False,
        help_text=_(
            "A denunciation is always kept secret. The name, address, ID number and phone are taken out of the "
            "statement before it is written in the book; you check the result before saving."
        ),
    )
    # The statement as first typed, carried through the preview: it goes only to the protected identity store.
    original_statement = forms.CharField(required=False, max_length=20_000, widget=forms.HiddenInput)

    def __init__(self, *args, days, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reception_day"].queryset = days
        self.fields["reception_day"].label_from_instance = lambda d: f"{d.day:%d/%m/%Y} — {d.leader}"


class FollowUpForm(forms.Form):
    follow_up = forms.CharField(
        label=_("Follow-up of the outcome"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


# --- Notices of conclusions and their tasks --------------------------------------------------------------------------


class ConclusionForm(forms.Form):
    number = forms.CharField(label=_("Notice number"), max_length=60, widget=hint_input("12/TB-UBND"))
    issued_on = DayField(label=_("Issued on"), widget=VNDateInput())
    content = forms.CharField(
        label=_("The leader's conclusions"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 6})
    )


class TaskRowForm(forms.Form):
    """One task of the notice; a row left blank is ignored (the service checks the filled ones)."""

    title = forms.CharField(label=_("Task"), max_length=300, required=False)
    responsible_body = forms.CharField(label=_("Responsible body"), max_length=300, required=False)
    due = DayField(label=_("Deadline"), required=False, widget=VNDateInput())


class TaskFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("open", _("Open")),
            ("overdue", _("Overdue")),
            ("done", _("Done")),
            ("all", _("All")),
        ],
    )
    q = forms.CharField(
        label=_("Task or body"),
        required=False,
        max_length=100,
        widget=hint_input(_("e.g. dia chinh"), search=True),
    )
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("due", _("Deadline, earliest first")),
            ("-due", _("Deadline, latest first")),
            ("-issued", _("Newest notice first")),
        ],
    )


class TaskDoneForm(forms.Form):
    result = forms.CharField(
        label=_("Result"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What was done, and the document number if any."),
    )
