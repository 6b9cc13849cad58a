from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gandan.accounts.models import RoleChoices, User
from gandan.core.application_forms import CHOICE, DATE, IDNUMBER, LONGTEXT, NUMBER, FieldSpec
from gandan.core.identifiers import lookup_last4
from gandan.dossiers.models import Channel, CopyKind, ReturnMethod, Status
from gandan.dossiers.satisfaction import INDICES
from gandan.dossiers.selectors import INDICATORS, Worklist
from gandan.dossiers.services.intake import birth_year_problem, submission_problems
from gandan.dossiers.services.papers import ANSWER_PREFIX, PaperTick
from gandan.kit.params import DayField, MonthField
from gandan.kit.uploads import SCAN_ACCEPT, ScanField
from gandan.web import VNDateInput, hint_input

# --- The application's fields and the checklist of papers, added to a form from the procedure's data -------------


def application_field(spec: FieldSpec) -> forms.Field:
    """The form field for one of the procedure's application fields. The service checks the answer (format, date,
    choice) and its message is shown next to the field; the form only draws it."""
    common: dict[str, Any] = {"label": spec.label, "required": spec.required, "help_text": spec.help}
    if spec.type == LONGTEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, **common)
    if spec.type == CHOICE:
        return forms.ChoiceField(choices=[("", "—"), *((c, c) for c in spec.choices)], **common)
    if spec.type == DATE:
        return forms.CharField(max_length=10, widget=VNDateInput(attrs={"inputmode": "numeric"}), **common)
    if spec.type in (NUMBER, IDNUMBER):
        return forms.CharField(
            max_length=20,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            **common,
        )
    return forms.CharField(max_length=200, **common)


def add_application_fields(form: forms.Form, schema: list[FieldSpec]) -> None:
    form.application_specs = schema  # type: ignore[attr-defined]  # read back by application_answers
    for spec in schema:
        field = application_field(spec)
        form.fields[ANSWER_PREFIX + spec.key] = field


def application_answers(form: forms.Form) -> dict[str, str]:
    specs: list[FieldSpec] = getattr(form, "application_specs", [])
    return {s.key: form.cleaned_data.get(ANSWER_PREFIX + s.key) or "" for s in specs}


@dataclass
class PaperLine:
    """One paper of the checklist on a form: what the procedure asks, and what the officer has ticked so far."""

    component_id: int
    name: str
    copy_kind: str
    count: int
    required: bool = True
    condition: str = ""
    received: bool = False
    received_kind: str = ""
    received_count: int = 0
    applies: bool = False
    files: tuple = ()

    @classmethod
    def of_component(cls, c) -> "PaperLine":
        return cls(c.id, c.name, c.copy_kind, c.count, c.required, c.condition)

    @classmethod
    def of_row(cls, row, *, files=()) -> "PaperLine":
        return cls(
            row.component_id, row.name, row.copy_kind, row.count, row.required, row.condition,
            row.present, row.received_kind, row.received_count, row.applies, tuple(files),
        )  # fmt: skip


RECEIVED_KINDS = [(CopyKind.ORIGINAL, _("original")), (CopyKind.CERTIFIED_COPY, _("certified copy")),
                  (CopyKind.COPY, _("copy"))]  # fmt: skip


class PaperChecklist(forms.Form):
    """Adds, for each paper, "received", "as original or copy", "count" and (conditional papers) "applies"."""

    def add_papers(self, lines: list[PaperLine]) -> None:
        self.paper_lines = [line for line in lines if line.component_id]
        for line in self.paper_lines:
            n = line.component_id
            kind = line.received_kind or (
                line.copy_kind if line.copy_kind != CopyKind.ORIGINAL_OR_COPY else CopyKind.CERTIFIED_COPY
            )
            self.fields[f"paper_{n}_received"] = forms.BooleanField(
                label=_("Received"), required=False, initial=line.received
            )
            self.fields[f"paper_{n}_kind"] = forms.ChoiceField(
                label=_("As"), choices=RECEIVED_KINDS, required=False, initial=kind
            )
            self.fields[f"paper_{n}_count"] = forms.IntegerField(
                label=_("Quantity"), min_value=1, max_value=99, required=False,
                initial=line.received_count or line.count,
                widget=forms.NumberInput(attrs={"class": "narrow"}),
            )  # fmt: skip
            if line.condition:
                self.fields[f"paper_{n}_applies"] = forms.BooleanField(
                    label=_("Applies to this dossier"), required=False, initial=line.applies
                )

    def paper_rows(self) -> list[dict]:
        return [
            {
                "line": line,
                "received": self[f"paper_{line.component_id}_received"],
                "kind": self[f"paper_{line.component_id}_kind"],
                "count": self[f"paper_{line.component_id}_count"],
                "applies": self[f"paper_{line.component_id}_applies"] if line.condition else None,
            }
            for line in self.paper_lines
        ]

    def other_fields(self) -> list:
        return [self[name] for name in self.fields if not name.startswith("paper_")]

    def paper_ticks(self) -> list[PaperTick]:
        data = self.cleaned_data
        return [
            PaperTick(
                component_id=line.component_id,
                received=bool(data.get(f"paper_{line.component_id}_received")),
                kind=data.get(f"paper_{line.component_id}_kind") or "",
                count=data.get(f"paper_{line.component_id}_count") or 0,
                applies=bool(data.get(f"paper_{line.component_id}_applies")),
            )
            for line in self.paper_lines
        ]


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
        help_text=_("With the sex, lets us check the ID number was typed right."),
        error_messages={"invalid": _("Enter the year of birth as 4 digits, e.g. 1985.")},
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

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if problem := birth_year_problem(year):
            raise forms.ValidationError(problem, code="birth_year")
        return year


class IntakeForm(PaperChecklist, ApplicantForm):
    channel = forms.TypedChoiceField(
        label=_("Received"),
        choices=[(Channel.IN_PERSON, _("In person")), (Channel.POST, _("By post"))],
        coerce=int,
        initial=Channel.IN_PERSON,
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
        label=_("Other things to add or fix, one per line"),
        help_text=_("The papers not ticked as received are listed on Form 02 by themselves."),
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
        self.procedure = procedure
        add_application_fields(self, procedure.fields_schema)
        self.add_papers([PaperLine.of_component(c) for c in procedure.components.all()])

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision in {"supplement", "refuse"} and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Write the reason, as the citizen will read it."))
        return data


class OnlineSubmitForm(ApplicantForm):
    # Opened whole and re-encoded by gandan.kit.uploads: the cleaned value is a CheckedUpload.
    attachment = ScanField(
        label=_("Other scanned papers (PDF, JPG or PNG, up to 10 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": SCAN_ACCEPT}),
    )
    confirm = forms.BooleanField(
        label=_("I confirm the information is true and agree that the commune processes it for this dossier.")
    )

    def __init__(self, *args, procedure=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        add_application_fields(self, procedure.fields_schema if procedure is not None else [])
        # One upload slot per paper of the procedure.
        self.paper_slots = []
        for c in procedure.components.all() if procedure is not None else []:
            name = f"paper_{c.id}"
            self.fields[name] = ScanField(
                label=c.name, required=False, help_text=_("PDF, JPG or PNG, up to 10 MB."),
                widget=forms.ClearableFileInput(attrs={"accept": SCAN_ACCEPT}),
            )  # fmt: skip
            self.paper_slots.append((c, name))
        self.order_fields(
            [*ApplicantForm.base_fields, *(ANSWER_PREFIX + s.key for s in self.application_specs),
             *(name for _c, name in self.paper_slots), "attachment", "confirm"]
        )  # fmt: skip

    def clean(self):
        """The service's own checks of the applicant and of the answers, run now as well: every mistake is shown
        at once, next to its field, instead of the form's first and the service's on the next try."""
        data = super().clean()
        if self.procedure is not None:
            applicant = {
                "name": data.get("applicant_name") or "", "phone": data.get("applicant_phone") or "",
                "email": data.get("applicant_email") or "", "address": data.get("applicant_address") or "",
                "id_number": data.get("id_number") or "", "birth_year": data.get("birth_year"),
                "sex": data.get("sex") or "",
            }  # fmt: skip
            problems = submission_problems(
                procedure=self.procedure, channel=Channel.ONLINE, applicant=applicant,
                application=application_answers(self), today=timezone.localdate(),
            )  # fmt: skip
            for name, message in problems.items():
                if name in self.fields and name not in self.errors:
                    self.add_error(name, message)
        return data

    def paper_files(self) -> dict[int, list]:
        return {
            c.id: [self.cleaned_data[name]] for c, name in self.paper_slots if self.cleaned_data.get(name)
        }


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
            ("", _("Usual order (open: appointment; all: newest first)")),
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
    # The last month of a longer period (a quarter, 6 or 9 months, a year: the periodic report's figures link here).
    period_to = MonthField(required=False, widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class PapersForm(PaperChecklist):
    """Accepting a dossier, or recording the papers received after a supplement: the checklist ticked again."""

    def __init__(self, *args, lines: list[PaperLine], **kwargs):
        super().__init__(*args, **kwargs)
        self.add_papers(lines)

    def clean(self):
        data = super().clean()
        # No checklist on the form (a supplement asked during processing): the service leaves the ticks as they are.
        data["papers"] = self.paper_ticks() if self.paper_lines else None
        return data


class SupplementForm(PapersForm):
    items = forms.CharField(
        label=_("Other things to add or fix, one per line"),
        required=False,
        help_text=_("The papers not ticked as received are listed on Form 02 by themselves."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you need the full ID number now"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HandlerChoiceField(forms.ModelChoiceField):
    """Each officer with what he is ("Lê Văn Hùng — Chủ tịch UBND xã"): his position, else his roles on the desk,
    so the chairman is not taken for the handler."""

    def label_from_instance(self, obj: User) -> str:
        if obj.position:
            return f"{obj} — {obj.position}"
        roles = [RoleChoices(r.role).label for r in obj.roles.all() if r.role in RoleChoices.values]
        return f"{obj} — {', '.join(str(r) for r in roles)}" if roles else str(obj)


class TransferForm(forms.Form):
    to_user = HandlerChoiceField(label=_("Hand to"), queryset=User.objects.none())
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
        # Left empty: what to type, not Django's bare "This field is required".
        error_messages={
            "required": _("Enter the last 4 digits of your phone or citizen ID number, or the whole number.")
        },
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
