from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.accounts.models import User
from gandan.kit.params import DayField, DayTimeField, MonthField
from gandan.kit.uploads import ScanField
from gandan.petitions.models import Channel, Kind, Status
from gandan.petitions.selectors import PETITION_INDICATORS, Worklist
from gandan.units.models import Unit
from gandan.web import VNDateInput, VNDateTimeInput, hint_input

STAFF_CHANNELS = [c for c in Channel.choices if c[0] != Channel.ONLINE]
TEXTAREA = {"rows": 4}


class WorklistFilterForm(forms.Form):
    worklist = forms.ChoiceField(
        required=False, choices=[(w, w) for w in Worklist.CHOICES], widget=forms.HiddenInput
    )
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=hint_input(_("e.g. dat dai thon dong thinh"), search=True),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds"))] + list(Kind.choices)
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses"))] + list(Status.choices)
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All channels"))] + list(Channel.choices)
    )
    received_from = DayField(label=_("Received from"), required=False, widget=VNDateInput())
    received_to = DayField(label=_("to"), required=False, widget=VNDateInput())
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-received", _("Newest first")),
            ("received", _("Oldest first")),
            ("due", _("Deadline, earliest first")),
            ("-due", _("Deadline, latest first")),
            ("code", _("Code")),
        ],
    )
    # A figure of the leaders' dashboard opens the list of exactly the petitions it counts (hidden: set by the link).
    indicator = forms.ChoiceField(
        required=False, choices=[(n, n) for n in PETITION_INDICATORS], widget=forms.HiddenInput
    )
    period = MonthField(required=False, widget=forms.HiddenInput)


class PetitionForm(forms.Form):
    """What the citizen wrote and who wrote it: shared by the officer's intake and the citizen's online form."""

    kind = forms.ChoiceField(
        label=_("Kind of petition"),
        choices=[c for c in Kind.choices if c[0] != Kind.ANONYMOUS],
        widget=forms.RadioSelect,
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=300,
        widget=hint_input(_("e.g. Boundary dispute with a neighbour in Đồng Thịnh village")),
    )
    content = forms.CharField(label=_("Content"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    address = forms.CharField(
        label=_("Address"), max_length=300, required=False, help_text=_("Village, commune.")
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    id_number = forms.CharField(
        label=_("Citizen ID number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    # Opened whole and re-encoded by gandan.kit.uploads: the cleaned value is a CheckedUpload.
    attachment = ScanField(
        label=_("Scanned letter or evidence (PDF, JPG or PNG, up to 10 MB)"), required=False
    )

    def persons(self) -> list[dict]:
        d = self.cleaned_data
        return [{k: d.get(k) or "" for k in ("name", "address", "phone", "email", "id_number")}]


class IntakeForm(PetitionForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, widget=forms.RadioSelect)
    channel = forms.ChoiceField(label=_("How it arrived"), choices=STAFF_CHANNELS, initial=Channel.DIRECT)
    forwarded_by = forms.CharField(
        label=_("Forwarded by"),
        max_length=300,
        required=False,
        help_text=_("The body, the Front committee, the deputy or the newspaper."),
    )
    addressed_to = forms.CharField(label=_("Addressed to"), max_length=300, required=False)
    place = forms.ModelChoiceField(label=_("Village concerned"), queryset=Unit.objects.none(), required=False)
    other_signers = forms.CharField(
        label=_("Other signers, one per line: name; address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Five or more signers make a crowd case: the first person is recorded as representative."
        ),
    )
    kind2 = forms.ChoiceField(
        label=_("Second matter in the same letter (mixed petition)"),
        required=False,
        choices=[("", _("None"))] + [c for c in Kind.choices if c[0] != Kind.ANONYMOUS],
    )
    subject2 = forms.CharField(label=_("Subject of the second matter"), max_length=300, required=False)
    content2 = forms.CharField(
        label=_("Content of the second matter"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    original_text = forms.CharField(
        label=_("Original letter, word for word (denunciation: kept under protection)"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For a denunciation, write in “Content” a version without anything that identifies the "
            "denunciator: that is the copy verifiers work on."
        ),
    )
    waived = forms.BooleanField(label=_("The denunciator declined protection in writing"), required=False)
    waiver_note = forms.CharField(
        label=_("The written waiver (date, signed by whom)"), required=False, max_length=2000
    )
    sent_to_many = forms.BooleanField(label=_("Sent to several bodies at once"), required=False)
    above_level = forms.BooleanField(label=_("Sent above the competent level"), required=False)
    names_violator_with_evidence = forms.BooleanField(
        label=_("Anonymous: names the violator and gives concrete evidence (becomes an inspection lead)"),
        required=False,
    )
    duplicate_choice = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, villages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = villages
        self.order_fields(
            [
                "channel",
                "forwarded_by",
                "kind",
                "subject",
                "content",
                "name",
                "address",
                "phone",
                "email",
                "id_number",
                "other_signers",
                "place",
                "addressed_to",
                "sent_to_many",
                "above_level",
                "kind2",
                "subject2",
                "content2",
                "original_text",
                "waived",
                "waiver_note",
                "names_violator_with_evidence",
                "attachment",
            ]
        )

    def clean(self):
        data = super().clean()
        if data.get("kind2") and not (data.get("subject2") and data.get("content2")):
            self.add_error(
                "content2", _("Give the subject and content of the second matter, or choose “None”.")
            )
        return data

    def parts(self) -> list[dict]:
        d = self.cleaned_data
        parts = [{"kind": d["kind"], "subject": d["subject"], "content": d["content"]}]
        if d.get("kind2"):
            parts.append({"kind": d["kind2"], "subject": d["subject2"], "content": d["content2"]})
        return parts

    def persons(self) -> list[dict]:
        people = super().persons()
        for line in (self.cleaned_data.get("other_signers") or "").splitlines():
            name, _sep, address = line.partition(";")
            if name.strip():
                people.append({"name": name.strip(), "address": address.strip() or people[0]["address"]})
        if len(people) >= 5:
            people[0]["representative"] = True
        return people


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class NumberedReasonForm(ReasonForm):
    number = forms.CharField(
        label=_("Document number"), max_length=60, required=False, widget=hint_input("12/TB-UBND")
    )


class ToBodyForm(forms.Form):
    to_body = forms.CharField(
        label=_("Competent body"),
        max_length=300,
        widget=hint_input(_("e.g. Phú Thọ Provincial Inspectorate")),
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )
    number = forms.CharField(label=_("Document number"), max_length=60, required=False)


class AcceptForm(forms.Form):
    number = forms.CharField(
        label=_("Notice number"), max_length=60, required=False, widget=hint_input("15/TB-UBND")
    )
    remote_area = forms.BooleanField(
        label=_("Remote or hard-to-reach area (longer time limit)"), required=False
    )
    complex_case = forms.BooleanField(label=_("Complex case (complaints)"), required=False)
    complexity_criteria = forms.IntegerField(
        label=_("Complexity criteria met (denunciations, 0–7)"),
        min_value=0,
        max_value=7,
        initial=0,
        required=False,
        help_text=_("One criterion: one extension allowed; two or more: especially complex, two extensions."),
    )
    complexity_note = forms.CharField(
        label=_("Why it is complex (kept in the file)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Handler"), queryset=User.objects.none())
    resolver = forms.ModelChoiceField(
        label=_("Resolver (signs the decision)"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Leave empty: you."),
    )
    handler_due = DayField(
        label=_("Handler's deadline"),
        required=False,
        widget=VNDateInput(),
        help_text=_("On or before the statutory deadline."),
    )
    note = forms.CharField(label=_("Instructions"), required=False, max_length=2000)

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = officers
        self.fields["resolver"].queryset = officers


class TransferForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Hand over to"), queryset=User.objects.none())
    note = forms.CharField(label=_("Why"), max_length=2000)

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = officers


class TaskForm(forms.Form):
    title = forms.CharField(label=_("What to verify"), max_length=300)
    assignee = forms.ModelChoiceField(label=_("Verifier"), queryset=User.objects.none())
    due = DayField(label=_("Deadline"), widget=VNDateInput())

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = officers


class DialogueForm(forms.Form):
    scheduled_at = DayTimeField(label=_("Date and time"), widget=VNDateTimeInput())
    place = forms.CharField(label=_("Place"), max_length=300)
    notified_on = DayField(label=_("Notice sent on"), widget=VNDateInput())
    held = forms.BooleanField(label=_("The dialogue has been held"), required=False)
    petitioner_absent = forms.BooleanField(
        label=_("The petitioner did not come, without good reason"), required=False
    )
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs=TEXTAREA), max_length=20000
    )


class SuspendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (force majeure or other objective obstacle)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )
    decision_no = forms.CharField(label=_("Decision number"), max_length=60, required=False)


class ResumeForm(forms.Form):
    decision_no = forms.CharField(label=_("Decision number"), max_length=60, required=False)


class DecideForm(forms.Form):
    resolution = forms.CharField(
        label=_("Result (decision, conclusion or answer)"),
        widget=forms.Textarea(attrs=TEXTAREA),
        max_length=20000,
    )
    number = forms.CharField(
        label=_("Document number"), max_length=60, required=False, widget=hint_input("20/QĐ-UBND")
    )


class MergeForm(forms.Form):
    master = forms.CharField(
        label=_("Code of the earlier case"), max_length=40, widget=hint_input("DT-08848-26-00001")
    )


class GrantForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Officer"), queryset=User.objects.none())
    reason = forms.CharField(label=_("Why this officer needs the identity"), max_length=2000)

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = officers


class IdentityOpenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you need to see the identity now"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WaiveForm(forms.Form):
    note = forms.CharField(label=_("The written waiver (date, signed by whom)"), max_length=2000)


class TaskDoneForm(forms.Form):
    result = forms.CharField(
        label=_("What the verification found"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20000
    )


class ClockRuleForm(forms.Form):
    days = forms.IntegerField(label=_("Days"), min_value=0, max_value=365)
    unit = forms.ChoiceField(
        label=_("Counted in"), choices=[("working", _("working days")), ("calendar", _("calendar days"))]
    )
    suspension = forms.ChoiceField(
        label=_("On suspension"),
        choices=[
            ("pause", _("suspended time not counted")),
            ("restart", _("restarts from the resume decision")),
        ],
    )
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300)
    valid_from = DayField(label=_("Valid from"), widget=VNDateInput())
    valid_to = DayField(label=_("Valid to"), required=False, widget=VNDateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Petition code"), max_length=40, widget=hint_input("DT-08848-26-00001", autocomplete="off")
    )
    phone_last4 = forms.RegexField(
        label=_("Last 4 digits of the phone you gave"),
        regex=r"^\d{4}$",
        max_length=4,
        error_messages={"invalid": _("Enter exactly 4 digits."), "required": _("Enter exactly 4 digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
