"""Forms of the dialogues' pages. They check shapes only (a date, a choice among the commune's villages and officers,
a length); what each action needs is the service's rule (gandan.dialogues.services), whose errors are shown on the
form next to their fields."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gandan.accounts.models import User
from gandan.dialogues.models import COMMITMENT_STATES, Dialogue, Question
from gandan.dialogues.selectors.indicators import COMMITMENT_INDICATORS, DIALOGUE_INDICATORS
from gandan.dialogues.services import commitments as commitment_rules
from gandan.dialogues.services import dialogues as dialogue_rules
from gandan.dialogues.services import questions as question_rules
from gandan.kit.params import DayField, DayTimeField, MonthField
from gandan.kit.uploads import SCAN_ACCEPT, ScanField
from gandan.units.models import Unit
from gandan.web import VNDateInput, VNDateTimeInput, hint_input


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        name = obj.full_name or obj.username
        return f"{name} — {obj.position}" if obj.position else name


# --- The list ------------------------------------------------------------------------------------------------------


class DialogueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Title or topic"),
        required=False,
        max_length=100,
        widget=hint_input(_("e.g. doi thoai dat dai"), search=True),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Dialogue.Status.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Dialogue.Kind.choices]
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None, choices=[])
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("-starts_at", _("Newest first")), ("starts_at", _("Oldest first")), ("title", _("Title"))],
    )
    # A figure of the leaders' dashboard opens the list of exactly the dialogues it counts (hidden: set by the link).
    indicator = forms.ChoiceField(
        required=False, choices=[(n, n) for n in DIALOGUE_INDICATORS], widget=forms.HiddenInput
    )
    period = MonthField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["year"]).choices = [
            ("", _("All years")),
            *[(str(y), str(y)) for y in years],
        ]


class QuestionFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Dialogue"),
        required=False,
        max_length=100,
        widget=hint_input(_("e.g. doi thoai"), search=True),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), ("waiting", _("Waiting for an answer")), *Question.Status.choices],
    )
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)


class CommitmentFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Dialogue"),
        required=False,
        max_length=100,
        widget=hint_input(_("e.g. doi thoai"), search=True),
    )
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All statuses")),
            ("overdue", _("Overdue")),
            ("unfinished", _("Not finished")),
            *COMMITMENT_STATES,
        ],
    )
    mine = forms.BooleanField(label=_("I answer for it"), required=False)
    # A figure of the leaders' dashboard opens the list of exactly the commitments it counts (hidden).
    indicator = forms.ChoiceField(
        required=False, choices=[(n, n) for n in COMMITMENT_INDICATORS], widget=forms.HiddenInput
    )
    period = MonthField(required=False, widget=forms.HiddenInput)


# --- A dialogue ----------------------------------------------------------------------------------------------------


class DialogueForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of dialogue"), choices=Dialogue.Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Title"), max_length=dialogue_rules.TITLE_MAX)
    topic = forms.CharField(
        label=_("Topic"),
        max_length=dialogue_rules.TOPIC_MAX,
        required=False,
        help_text=_("A thematic dialogue: its matter. Before a decision: the decision being prepared."),
    )
    starts_at = DayTimeField(label=_("Starts at"), widget=VNDateTimeInput(), help_text=_("dd/mm/yyyy hh:mm"))
    place = forms.CharField(label=_("Place"), max_length=dialogue_rules.PLACE_MAX)
    chaired_by = forms.CharField(
        label=_("Chaired by"),
        max_length=dialogue_rules.CHAIR_MAX,
        widget=hint_input("Chủ tịch UBND xã, Chủ tịch Ủy ban MTTQ Việt Nam xã"),
    )
    participants = forms.CharField(
        label=_("Participants"),
        max_length=dialogue_rules.PARTICIPANTS_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Who is invited: the committee, the Front, the people's inspection board, village heads, citizens."
        ),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=dialogue_rules.AGENDA_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    questions_until = DayTimeField(
        label=_("Questions accepted until"),
        required=False,
        widget=VNDateTimeInput(),
        help_text=_("Citizens send questions on the portal until then. Empty: until the dialogue starts."),
    )
    public = forms.BooleanField(
        label=_("Show on the portal (citizens see it and send questions)"), required=False, initial=True
    )

    def facts(self) -> dialogue_rules.DialogueFacts:
        d = self.cleaned_data
        return dialogue_rules.DialogueFacts(
            kind=d["kind"],
            title=d["title"],
            topic=d.get("topic") or "",
            starts_at=d.get("starts_at"),
            place=d["place"],
            chaired_by=d["chaired_by"],
            participants=d.get("participants") or "",
            agenda=d.get("agenda") or "",
            questions_until=d.get("questions_until"),
            public=bool(d.get("public")),
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=dialogue_rules.REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        max_length=dialogue_rules.MINUTES_MAX,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Who attended, what was raised and answered, what was promised. The questions, answers and commitments "
            "recorded here are printed with it."
        ),
    )


# --- Questions -----------------------------------------------------------------------------------------------------


class _AskerFields(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=question_rules.NAME_MAX)
    village = forms.ModelChoiceField(
        label=_("Village or residential group"), queryset=Unit.objects.none(), empty_label=_("— choose —")
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    text = forms.CharField(
        label=_("Question"),
        max_length=question_rules.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["village"]).queryset = villages

    def asker(self) -> question_rules.Asker:
        d = self.cleaned_data
        return question_rules.Asker(
            name=d["name"], village=d.get("village"), phone=d.get("phone") or "", email=d.get("email") or ""
        )


class PublicQuestionForm(_AskerFields):
    consent = forms.BooleanField(
        label=_(
            "I agree that the commune uses my name and contacts only to answer this question; in public I am shown "
            "by my initials and village."
        )
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].help_text = _(
            "Optional, never shown in public: the commune may call you about it."
        )
        self.fields["email"].help_text = _("Optional, never shown in public.")
        self.fields["text"].help_text = _("One matter per question, in a few sentences.")


class QuestionEntryForm(_AskerFields):
    channel = forms.ChoiceField(
        label=_("How it came"),
        choices=[(c.value, c.label) for c in question_rules.STAFF_CHANNELS],
        widget=forms.RadioSelect,
    )
    theme = forms.CharField(label=_("Group"), max_length=question_rules.THEME_MAX, required=False)

    field_order = ["channel", "name", "village", "phone", "email", "text", "theme"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].required = False
        self.fields["phone"].help_text = _("Optional and private.")
        self.fields["email"].help_text = _("Optional and private.")


class GroupForm(forms.Form):
    theme = forms.CharField(
        label=_("Group"),
        max_length=question_rules.THEME_MAX,
        required=False,
        help_text=_(
            "Questions on the same matter share a group: the minutes and the public page show them together."
        ),
        widget=forms.TextInput(attrs={"list": "themes"}),
    )
    assigned_to = OfficerChoiceField(
        label=_("Officer who prepares the answer"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("— not assigned —"),
    )

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["assigned_to"]).queryset = officers


class _CommitmentFields(forms.Form):
    commitment_text = forms.CharField(
        label=_("What was promised"),
        max_length=commitment_rules.TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    owner = forms.CharField(
        label=_("Office or post that answers for it"),
        max_length=commitment_rules.OWNER_MAX,
        required=False,
        widget=hint_input("Công chức Địa chính - Xây dựng"),
    )
    owner_user = OfficerChoiceField(
        label=_("Officer who reports its progress"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("— none —"),
        help_text=_("Optional: the officer may then report its progress and its completion."),
    )
    due = DayField(
        label=pgettext_lazy("commitment", "Due"),
        required=False,
        widget=VNDateInput(),
        help_text=_("dd/mm/yyyy"),
    )

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner_user"]).queryset = officers

    def commitment(self) -> commitment_rules.CommitmentFacts:
        d = self.cleaned_data
        return commitment_rules.CommitmentFacts(
            text=d.get("commitment_text") or "",
            owner=d.get("owner") or "",
            due=d.get("due"),
            owner_user=d.get("owner_user"),
        )


class AnswerForm(_CommitmentFields):
    answer = forms.CharField(
        label=_("Answer"), max_length=question_rules.ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )
    promises = forms.BooleanField(
        label=_("The answer promises action: record it as a commitment"),
        required=False,
        help_text=_(
            "Then fill in what was promised, who answers for it and by when; the public follows it to done."
        ),
    )

    field_order = ["answer", "promises", "commitment_text", "owner", "owner_user", "due"]


class CommitmentForm(_CommitmentFields):
    question = forms.ModelChoiceField(
        label=_("From the answer to question"),
        queryset=Question.objects.none(),
        required=False,
        empty_label=_("— made directly at the dialogue —"),
    )

    field_order = ["question", "commitment_text", "owner", "owner_user", "due"]

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("commitment_text", "owner", "due"):
            self.fields[name].required = True
        field = cast(forms.ModelChoiceField, self.fields["question"])
        field.queryset = questions
        field.label_from_instance = lambda q: f"{q.number}. {q.text[:90]}"


class ProgressForm(forms.Form):
    note = forms.CharField(
        label=_("Progress note"),
        max_length=commitment_rules.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the public page: what has been done so far, what comes next."),
    )


class DoneForm(forms.Form):
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=commitment_rules.EVIDENCE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was done, where, and the result people can check. Shown on the public page."),
    )
    done_on = DayField(label=_("Done on"), widget=VNDateInput(), help_text=_("dd/mm/yyyy"))
    evidence_file = ScanField(
        label=_("Photo or PDF (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": SCAN_ACCEPT}),
        help_text=_("A JPG or PNG photo, or a PDF, at most 10 MB. Shown on the public page."),
    )


class ContactsForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you need the asker's contacts"),
        max_length=question_rules.REASON_MAX,
        widget=hint_input(_("e.g. to invite him to the site visit on the road")),
    )


class LookupForm(forms.Form):
    ma = forms.CharField(
        label=_("Your question's code"), max_length=40, widget=hint_input("CH-7KQM-X3PA", autocomplete="off")
    )
