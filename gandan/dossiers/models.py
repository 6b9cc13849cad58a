"""The one-stop desk's data. State changes happen only in services; rules (transitions, on-time) in rules.py."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gandan.core.application_forms import FieldSpec, SchemaError, schema_from_data
from gandan.dossiers.rules import ReturnMethod as ReturnMethodCode
from gandan.dossiers.rules import Status as StatusCode
from gandan.kit.tokens import new_lookup_secret
from gandan.kit.uploads import RandomName


def field_schema_message(error: SchemaError) -> list[str]:
    """Each problem of an application field list, in the reader's language."""
    messages = {
        "key": _("the key must be lower-case latin letters, digits or _ (e.g. ngay_sinh)"),
        "label": _("the label is empty or longer than 200 characters"),
        "type": _("the type must be text, longtext, date, choice, number or idnumber"),
        "choices": _("a choice field needs at least two options, separated by ;"),
        "choices_not_choice": _("only a choice field has options"),
        "past_not_date": _("only a date can be “not after today”"),
        "too_long": _("the help or an option is too long"),
        "duplicate_key": _("two fields have the same key"),
        "too_many": _("at most 40 fields"),
        "parts": _("a line has at most 6 parts separated by |"),
        "flag": _("the flags are “bắt buộc” and “không sau hôm nay”"),
    }
    return [
        (_("Field %(n)s: %(problem)s") % {"n": n, "problem": messages.get(code, code)})
        if n
        else str(messages.get(code, code))
        for n, code in error.problems
    ]


class TimeUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    WORKING_HOURS = "working_hours", _("working hours")
    SAME_DAY = "same_day", _("within the day")
    CALENDAR_DAYS = "calendar_days", _("calendar days")


class OnlineLevel(models.TextChoices):
    FULL = "full", _("Fully online")
    PARTIAL = "partial", _("Partly online")
    NONE = "none", _("Not online")


class CopyKind(models.TextChoices):
    ORIGINAL = "original", _("original")
    COPY = "copy", _("copy")
    CERTIFIED_COPY = "certified_copy", _("certified copy")
    ORIGINAL_OR_COPY = "original_or_copy", _("original or certified copy")


class Procedure(models.Model):
    """An administrative procedure of the published catalogue, with its time limit and required papers."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=400)
    name_search = models.CharField(max_length=400, editable=False, db_index=True)
    field = models.CharField(_("field"), max_length=200)
    legal_basis = models.TextField(_("legal basis"))
    time_value = models.PositiveIntegerField(_("time limit"))
    time_unit = models.CharField(_("time unit"), max_length=20, choices=TimeUnit.choices)
    fee = models.PositiveIntegerField(_("fee (VND)"), default=0)
    fee_note = models.CharField(_("fee note"), max_length=300, blank=True)
    lead_unit = models.CharField(_("lead body"), max_length=200, default="UBND cấp xã")
    online_level = models.CharField(_("online service"), max_length=10, choices=OnlineLevel.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # The fields of the application (gandan.core.application_forms): a checked list of small dicts, see
    # docs/dossiers.md for why a JSON list and not rows.
    application_fields = models.JSONField(_("application fields"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["field", "name"]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        try:
            schema_from_data(self.application_fields)
        except SchemaError as error:
            raise ValidationError({"application_fields": field_schema_message(error)}) from error

    @property
    def fields_schema(self) -> list[FieldSpec]:
        """The application's fields; a stored list that no longer reads (edited by hand) asks for nothing."""
        try:
            return schema_from_data(self.application_fields)
        except SchemaError:
            return []

    @property
    def time_display(self) -> str:
        if self.time_unit == TimeUnit.SAME_DAY:
            return str(TimeUnit.SAME_DAY.label)
        return f"{self.time_value} {self.get_time_unit_display()}"


class ProcedureComponent(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="components")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("document"), max_length=400)
    copy_kind = models.CharField(_("original / copy"), max_length=20, choices=CopyKind.choices)
    count = models.PositiveSmallIntegerField(_("count"), default=1)
    required = models.BooleanField(_("required"), default=True)
    # Blank: asked of everyone (when required). Otherwise the case in which it is needed, e.g. "Khi nộp hồ sơ thay
    # người khác": the desk ticks whether the case applies to this dossier.
    condition = models.CharField(_("condition"), max_length=300, blank=True)

    class Meta:
        ordering = ["procedure", "position", "id"]

    def __str__(self) -> str:
        return self.name


class Channel(models.IntegerChoices):
    IN_PERSON = 1, _("In person")
    ONLINE = 2, _("Online")
    POST = 3, _("Public postal service")


class Status(models.IntegerChoices):
    NEW = StatusCode.NEW, _("Newly registered")
    ACCEPTED = StatusCode.ACCEPTED, _("Accepted")
    REFUSED = StatusCode.REFUSED, _("Not accepted")
    IN_PROGRESS = StatusCode.IN_PROGRESS, _("In progress")
    SUPPLEMENT = StatusCode.SUPPLEMENT, _("More papers requested")
    PAYMENT = StatusCode.PAYMENT, _("Payment requested")
    WITHDRAWN = StatusCode.WITHDRAWN, _("Withdrawn by the citizen")
    STOPPED = StatusCode.STOPPED, _("Processing stopped")
    PROCESSED = StatusCode.PROCESSED, _("Processed, result ready")
    RETURNED = StatusCode.RETURNED, _("Result returned")


class Dossier(models.Model):
    code = models.CharField(_("dossier code"), max_length=60, unique=True)
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="dossiers")
    # No index of its own: every list scopes by unit_path (below), and each index is one more B-tree that every
    # intake writes (the desk's throughput on SQLite is the length of that write).
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("receiving unit"),
        db_index=False,
    )
    # Denormalised so every scoped list is one indexed prefix query without a join (1M dossiers, bench).
    unit_path = models.CharField(max_length=255, editable=False)
    channel = models.PositiveSmallIntegerField(_("channel"), choices=Channel.choices)
    status = models.PositiveSmallIntegerField(_("status"), choices=Status.choices, default=Status.NEW)

    applicant_name = models.CharField(_("applicant"), max_length=200)
    # Optional at the desk (a citizen without a phone looks the dossier up with the ID's last 4 digits or the QR).
    applicant_phone = models.CharField(_("phone"), max_length=20, blank=True)
    phone_last4 = models.CharField(max_length=4, blank=True, editable=False)
    # The random part of the receipt's lookup (and rating) link: a code alone never opens the record (kit/tokens.py).
    lookup_secret = models.CharField(max_length=32, default=new_lookup_secret, editable=False)
    applicant_email = models.EmailField(_("email"), blank=True)
    applicant_address = models.CharField(_("address"), max_length=300)
    request = models.TextField(_("request"), blank=True)
    sets = models.PositiveSmallIntegerField(_("number of sets"), default=1)
    # The answers to the procedure's application fields, each with its label: [{"key", "label", "value"}].
    application = models.JSONField(_("application"), default=list, blank=True)

    submitted_at = models.DateTimeField(_("submitted at"))
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    appointment = models.DateField(_("appointment"), null=True, blank=True)  # original; statistics use it
    current_appointment = models.DateField(_("current appointment"), null=True, blank=True)  # after apologies
    # End of the original appointment day plus every closed supplement pause: the on-time line (rules.py).
    stat_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    supplement_count = models.PositiveSmallIntegerField(default=0)
    paused_since = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)  # first state that ends processing
    returned_at = models.DateTimeField(null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("handler"),
        db_index=False,  # "dossier_handler" (handler, status) starts with it
    )
    decision_note = models.TextField(_("reason"), blank=True)  # refusal / stop / withdrawal reason
    fee = models.PositiveIntegerField(_("fee (VND)"), default=0)
    paid_at = models.DateTimeField(null=True, blank=True)
    result_note = models.TextField(_("result"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [
            # Covering indexes: the worklist counts, the indicator and the period counts read only these columns,
            # so at a million dossiers they never touch the table rows (measured with EXPLAIN QUERY PLAN).
            models.Index(
                fields=["unit_path", "status", "current_appointment", "handler"], name="dossier_worklist"
            ),
            models.Index(fields=["unit_path", "received_at"], name="dossier_period"),
            models.Index(
                fields=[
                    "unit_path",
                    "finished_at",
                    "received_at",
                    "stat_due_at",
                    "paused_since",
                    "supplement_count",
                ],
                name="dossier_finished",
            ),
            # The online rate counts channels, the choose pages count procedures (most used first): index only.
            models.Index(
                fields=["unit_path", "submitted_at", "channel", "procedure"], name="dossier_submitted"
            ),
            models.Index(fields=["handler", "status"], name="dossier_handler"),
            # The national export reads what changed since its cursor, in (updated_at, id) order (gandan.exports):
            # a night's changes are a short range of this index instead of a sort of the whole scope.
            models.Index(fields=["updated_at", "id"], name="dossier_changed"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__gte=1, status__lte=10), name="dossier_status_code"),
            models.CheckConstraint(
                condition=Q(received_at__isnull=True) | Q(appointment__isnull=False),
                name="received_has_appointment",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def status_code(self) -> StatusCode:
        return StatusCode(self.status)


class DossierIdentity(models.Model):
    """The applicant's citizen ID number, kept apart from the dossier: masked everywhere, each read audited."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="identity")
    id_number = models.CharField(max_length=12)

    def __str__(self) -> str:
        return f"{self.dossier_id}: ••••••••{self.id_number[-3:]}"


class DossierCounter(models.Model):
    """The day's sequence of dossier codes per receiving unit, incremented under a row lock."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="one_counter_per_unit_day")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day:%Y-%m-%d}: {self.last}"


class SubmittedComponent(models.Model):
    """The checklist at the desk: each paper of the procedure as asked (copied, so a later catalogue edit changes no
    dossier) and as received (ticked by the officer: received, in which form, how many)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="components")
    component = models.ForeignKey(ProcedureComponent, null=True, blank=True, on_delete=models.SET_NULL)
    name = models.CharField(max_length=400)
    copy_kind = models.CharField(max_length=20, choices=CopyKind.choices)  # as the procedure asks
    count = models.PositiveSmallIntegerField(default=1)  # as the procedure asks
    required = models.BooleanField(default=True)
    condition = models.CharField(max_length=300, blank=True)
    applies = models.BooleanField(
        default=False
    )  # a conditional paper: the officer ticked that its case applies
    present = models.BooleanField(_("received"), default=False)
    received_kind = models.CharField(max_length=20, choices=CopyKind.choices, blank=True)
    received_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    @property
    def needed(self) -> bool:
        return self.required and (not self.condition or self.applies)


class Attachment(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments")
    # The paper's upload slot it was sent in (online), if any.
    paper = models.ForeignKey(
        SubmittedComponent, null=True, blank=True, on_delete=models.SET_NULL, related_name="files"
    )
    # A random stored name with the detected type's extension (gandan.kit.uploads); the sender's name is data only.
    file = models.FileField(upload_to=RandomName("dossiers"))
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name


class Step(models.Model):
    """The dossier's timeline: every action, who did it, the status before and after, and the form produced."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="steps")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150)
    action = models.CharField(max_length=30)
    from_status = models.PositiveSmallIntegerField(choices=Status.choices, null=True)
    to_status = models.PositiveSmallIntegerField(choices=Status.choices)
    form = models.CharField(max_length=4, blank=True)  # "01".."05" when the step produced a form
    note = models.TextField(blank=True)
    public = models.BooleanField(default=True)  # shown on the citizen's lookup timeline

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.action}"


class HandOff(models.Model):
    """One hand-over of the dossier (desk → handler → … → desk), for the process control slip."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="handoffs")
    at = models.DateTimeField()
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    from_label = models.CharField(max_length=200)
    to_label = models.CharField(max_length=200)
    due = models.DateField(null=True, blank=True)  # when this step had to be done
    result = models.CharField(max_length=10, blank=True)  # early / on_time / late (rules.step_result)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_label} → {self.to_label}"


class SupplementRequest(models.Model):
    """Form 02: the numbered list of papers to add or fix. Pauses the clock until received."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="supplements")
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    items = models.JSONField(default=list)
    reason = models.TextField()
    at_intake = models.BooleanField(default=False)
    received_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.requested_at:%Y-%m-%d}"


class Apology(models.Model):
    """Form 04: apology and new appointment for a late dossier. The original appointment stays for statistics."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="apologies")
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    previous_appointment = models.DateField()
    new_appointment = models.DateField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id} → {self.new_appointment:%d/%m/%Y}"


class ReturnMethod(models.TextChoices):
    IN_PERSON = ReturnMethodCode.IN_PERSON, _("In person at the desk")
    POST = ReturnMethodCode.POST, _("Public postal service")
    ONLINE = ReturnMethodCode.ONLINE, _("Online")


class ReturnRecord(models.Model):
    """How the result was handed over (status 10): the result document, who received it and how, when, and the
    fees collected. One per dossier, written with the return in one transaction (services.returning)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="return_record")
    at = models.DateTimeField(_("returned at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("how"), max_length=10, choices=ReturnMethod.choices)
    # The number of the result document ("Giấy khai sinh số 123/2026"), required even when the file is not kept.
    result_number = models.CharField(_("result document"), max_length=200)
    # The scan or electronic result: optional (a paper result handed over), checked like every upload.
    file = models.FileField(upload_to=RandomName("results"), blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    file_type = models.CharField(max_length=100, blank=True)
    file_size = models.PositiveIntegerField(default=0)
    receiver_is_applicant = models.BooleanField(_("received by the applicant"), default=True)
    receiver_name = models.CharField(_("received by"), max_length=200, blank=True)
    receiver_relationship = models.CharField(_("relationship or authorisation"), max_length=200, blank=True)
    fee_amount = models.PositiveIntegerField(_("fees collected (VND)"), default=0)
    receipt_number = models.CharField(_("receipt number"), max_length=60, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(receiver_is_applicant=True) | ~Q(receiver_name=""),
                name="return_names_the_receiver",
            ),
            models.CheckConstraint(
                condition=Q(fee_amount=0) | ~Q(receipt_number=""), name="return_fee_has_receipt"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.result_number}"

    @property
    def content_type(self) -> str:
        """For RandomName: the stored file's extension follows the detected type."""
        return self.file_type

    @property
    def receiver_display(self) -> str:
        if self.receiver_is_applicant:
            return self.dossier.applicant_name
        return f"{self.receiver_name} ({self.receiver_relationship})"


class Rating(models.Model):
    """The citizen's satisfaction answers after the result is returned (DOMAIN.md §1.8): raw answers kept."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="rating")
    at = models.DateTimeField()
    answers = models.JSONField()  # {index key: score 1..5}
    overall = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.overall}"
