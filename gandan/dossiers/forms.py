from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.accounts.models import User
from gandan.core.identifiers import lookup_last4
from gandan.dossiers.models import Channel, ReturnMethod, Status
from gandan.dossiers.satisfaction import INDICES
from gandan.dossiers.selectors import INDICATORS, Worklist
from gandan.kit.params import DayField, MonthField
from gandan.kit.uploads import ScanField
from gandan.web import VNDateInput, hint_input


class ApplicantForm(forms.Form):
    """The applicant's details, shared by the desk's intake and the citizen's online submission."""

    applicant_name = forms.CharField(label=_("Full name"), max_length=200)
    id_number = forms.CharField(
        label=_("Citizen ID number"),
        max_length=20,
        required=False,
        help_text=_("12 digits, on the chip-based ID card (căn cước)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        min_value=1900,
        max_value=2100,
        help_text=_("With the sex, lets us check the ID number was typed right."),
    )
    sex = forms.ChoiceField(
        label=_("Sex"), required=False, choices=[("", "—"), ("male", _("Male")), ("female", _("Female"))]
    )
    applicant_phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        help_text=_("We send news of the dossier to this number."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    applicant_email = forms.EmailField(label=_("E-mail"), required=False, help_text=_("Optional."))
    applicant_address = forms.CharField(label=_("Address"), max_length=300, help_text=_("Village, commune."))
    request = forms.CharField(
        label=_("What do you request?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    sets = forms.IntegerField(label=_("Number of sets"), min_value=1, max_value=20, initial=1)


class IntakeForm(ApplicantForm):
    channel = forms.TypedChoiceField(
        label=_("Received"),
        choices=[(Channel.IN_PERSON, _("In person")), (Channel.POST, _("By post"))],
        coerce=int,
        initial=Channel.IN_PERSON,
    )
    components = forms.TypedMultipleChoiceField(
        label=_("Papers brought"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accept", _("Complete: receive and give the appointment slip (Form 01)")),
            ("supplement", _("Incomplete: list what to add (Form 02)")),
            ("refuse", _("Not acceptable: refuse with the reason (Form 03)")),
        ],
        widget=forms.RadioSelect,
        initial="accept",
    )
    missing = forms.CharField(
        label=_("Papers to add or fix, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, procedure, **kwargs):
        super().__init__(*args, **kwargs)
        # At the desk the phone is optional: the citizen then looks the dossier up with the last 4 digits of the ID,
        # or the QR code of the slip.
        self.fields["applicant_phone"].required = False
        self.fields["applicant_phone"].help_text = _(
            "Optional. Without a phone the citizen looks the dossier up with the last 4 digits of the ID number, "
            "or the QR code on the slip."
        )
        self.fields["components"].choices = [
            (c.id, f"{c.name} ({c.get_copy_kind_display()}, {c.count})") for c in procedure.components.all()
        ]
        self.procedure = procedure

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == "supplement" and not (data.get("missing") or "").strip():
            self.add_error("missing", _("List the papers the citizen must add or fix, one per line."))
        if decision in {"supplement", "refuse"} and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Write the reason, as the citizen will read it."))
        return data


class OnlineSubmitForm(ApplicantForm):
    # Opened whole and re-encoded by gandan.kit.uploads: the cleaned value is a CheckedUpload.
    attachment = ScanField(label=_("Scanned papers (PDF, JPG or PNG, up to 10 MB)"), required=False)
    confirm = forms.BooleanField(
        label=_("I confirm the information is true and agree that the commune processes it for this dossier.")
    )


class WorklistFilterForm(forms.Form):
    worklist = forms.ChoiceField(
        required=False, choices=[(w, w) for w in Worklist.CHOICES], widget=forms.HiddenInput
    )
    q = forms.CharField(
        label=_("Code, name or phone"),
        required=False,
        max_length=100,
        widget=hint_input(_("e.g. nguyen van an"), search=True),
    )
    status = forms.TypedChoiceField(
        label=_("Status"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All statuses"))] + list(Status.choices),
    )
    channel = forms.TypedChoiceField(
        label=_("Channel"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All channels"))] + list(Channel.choices),
    )
    received_from = DayField(label=_("Submitted from"), required=False, widget=VNDateInput())
    received_to = DayField(label=_("to"), required=False, widget=VNDateInput())
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("appointment", _("Appointment, earliest first")),
            ("-appointment", _("Appointment, latest first")),
            ("-submitted", _("Newest first")),
            ("submitted", _("Oldest first")),
            ("code", _("Code")),
        ],
    )
    # A number of the indicators page opens the list of exactly the dossiers it counts (hidden: set by the link).
    indicator = forms.ChoiceField(
        required=False, choices=[("", "")] + [(n, n) for n in INDICATORS], widget=forms.HiddenInput
    )
    period = MonthField(required=False, widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class SupplementForm(forms.Form):
    items = forms.CharField(
        label=_("Papers to add or fix, one per line"), widget=forms.Textarea(attrs={"rows": 4})
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class TransferForm(forms.Form):
    to_user = forms.ModelChoiceField(label=_("Hand to"), queryset=User.objects.none())
    step_days = forms.IntegerField(
        label=_("Working days for this step"),
        min_value=0,
        max_value=365,
        required=False,
        help_text=_("Leave empty to use the dossier's appointment."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = handlers


class PaymentForm(forms.Form):
    amount = forms.IntegerField(label=_("Amount (đồng)"), min_value=1, max_value=1_000_000_000)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class CompleteForm(forms.Form):
    result_note = forms.CharField(
        label=_("Result"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReturnForm(forms.Form):
    """Handing the result over: the document, who took it, how, and the fees (services.dossier_return checks)."""

    result_number = forms.CharField(
        label=_("Result document and its number"),
        max_length=200,
        help_text=_("e.g. Giấy khai sinh số 125/2026"),
    )
    result_file = ScanField(
        label=_("Scan or electronic result (PDF, JPG or PNG)"),
        required=False,
        help_text=_("Optional when a paper result is handed over."),
    )
    method = forms.ChoiceField(
        label=_("How"), choices=ReturnMethod.choices, initial=ReturnMethod.IN_PERSON, widget=forms.RadioSelect
    )
    receiver_is_applicant = forms.TypedChoiceField(
        label=_("Who received the result"),
        choices=[("1", _("The applicant")), ("0", _("Another person"))],
        coerce=lambda value: value == "1",
        initial="1",
        widget=forms.RadioSelect,
    )
    receiver_name = forms.CharField(label=_("Their full name"), max_length=200, required=False)
    receiver_relationship = forms.CharField(
        label=_("Relationship or authorisation"),
        max_length=200,
        required=False,
        help_text=_("e.g. mother; or power of attorney no. 12 of 03/03/2026"),
    )
    fee_amount = forms.IntegerField(
        label=_("Fees collected (đồng)"), min_value=0, max_value=1_000_000_000, initial=0, required=False
    )
    receipt_number = forms.CharField(label=_("Receipt number"), max_length=60, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ApologyForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the delay"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    new_appointment = DayField(label=_("New appointment"), widget=VNDateInput())


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Dossier code"), max_length=60, widget=hint_input("08848-260109-0001", autocomplete="off")
    )
    # The field keeps its old name (links and bookmarks carry it); it takes the phone's or the ID's last 4 digits,
    # or the whole number (lookup_last4).
    phone_last4 = forms.CharField(
        label=_("Last 4 digits of your phone or citizen ID"),
        max_length=20,
        help_text=_(
            "The phone number or the citizen ID number given with the dossier; the whole number also works."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_phone_last4(self) -> str:
        digits = lookup_last4(self.cleaned_data["phone_last4"])
        if not digits:
            raise forms.ValidationError(
                _("Enter the last 4 digits of your phone or citizen ID number, or the whole number."),
                code="invalid",
            )
        return digits


class RatingForm(forms.Form):
    comment = forms.CharField(
        label=_("Anything else you want to tell us?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index in INDICES:
            self.fields[index.key] = forms.TypedChoiceField(
                label=index.label,
                coerce=int,
                widget=forms.RadioSelect,
                choices=index.choices,
                error_messages={"required": _("Please choose an answer.")},
            )
        self.order_fields([i.key for i in INDICES] + ["comment"])


class PeriodForm(forms.Form):
    month = forms.RegexField(
        label=_("Month"),
        regex=r"^\d{4}-\d{2}$",
        required=False,
        widget=forms.TextInput(attrs={"type": "month"}),
    )
