"""Citizen reception (tiếp công dân, DOMAIN.md §5): the leaders' reception days, the reception book (Form 03/TCD)
and the notices of conclusions. The tasks a notice sets are petitions' `Task` rows (`conclusion` points here).

These models lived in the petitions app until issue #10; their tables keep the names they had there
(`Meta.db_table`), so moving them changed no row (migrations/0001_initial.py creates them in the state only).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gandan.petitions.models import Kind


class LeaderKind(models.TextChoices):
    COMMUNE_CHAIRMAN = "commune_chairman", _("Commune People's Committee chairman")
    COMMUNE_PARTY_SECRETARY = "commune_party_secretary", _("Commune Party secretary")
    PROVINCE_CHAIRMAN = "province_chairman", _("Provincial People's Committee chairman")
    PROVINCE_PARTY_SECRETARY = "province_party_secretary", _("Provincial Party secretary")
    OTHER_HEAD = "other_head", _("Head of another body")


WEEKDAY_NAMES = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)
NTH_NAMES = {1: _("first"), 2: _("second"), 3: _("third"), 4: _("fourth"), -1: _("last")}


class ReceptionSchedule(models.Model):
    """A leader's recurring reception days ("every Thursday morning", "the 15th of each month"), published to citizens.
    The dates are computed by `gandan.reception.rules` (a date on a day off moves to the next working day); the
    coming weeks' days are generated as `ReceptionDay` rows (`schedule` points here) so they can be held or cancelled
    and count towards the minimums. Ending a schedule sets `valid_to`; a schedule is never deleted."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Every week")
        MONTHLY_WEEKDAY = "monthly_weekday", _("Every month, on a weekday")
        MONTHLY_DAY = "monthly_day", _("Every month, on a day of the month")

    class Session(models.TextChoices):
        MORNING = "morning", _("Morning")
        AFTERNOON = "afternoon", _("Afternoon")
        ALL_DAY = "all_day", _("All day")

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("leader")
    )
    leader_kind = models.CharField(_("as"), max_length=30, choices=LeaderKind.choices)
    frequency = models.CharField(_("repeats"), max_length=20, choices=Frequency.choices)
    weekday = models.PositiveSmallIntegerField(_("weekday"), null=True, blank=True)  # Monday = 0
    nth = models.SmallIntegerField(_("which one in the month"), null=True, blank=True)  # 1..4, -1 = the last
    month_day = models.PositiveSmallIntegerField(_("day of the month"), null=True, blank=True)
    session = models.CharField(_("session"), max_length=10, choices=Session.choices, default=Session.MORNING)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    place = models.CharField(_("place"), max_length=300)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    note = models.CharField(_("note for citizens"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit_path", "leader_kind", "id"]
        indexes = [models.Index(fields=["unit_path", "valid_to"], name="reception_schedule_scope")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weekday__isnull=True) | models.Q(weekday__lte=6), name="schedule_weekday"
            ),
            models.CheckConstraint(
                condition=models.Q(month_day__isnull=True) | models.Q(month_day__gte=1, month_day__lte=31),
                name="schedule_month_day",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="schedule_valid_span",
            ),
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")), name="schedule_times"
            ),
        ]

    def __str__(self) -> str:
        # Goes into the audit trail: the office and the unit, no citizen data.
        return f"Lịch tiếp công dân #{self.pk} ({self.get_leader_kind_display()})"

    @property
    def weekday_label(self) -> str:
        return str(WEEKDAY_NAMES[self.weekday]) if self.weekday is not None else ""

    @property
    def nth_label(self) -> str:
        return str(NTH_NAMES.get(self.nth, "")) if self.nth is not None else ""


class ReceptionDay(models.Model):
    """A leader's reception day (scheduled, then held or not). Regular days count towards the statutory minimum."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("leader")
    )
    leader_kind = models.CharField(_("as"), max_length=30, choices=LeaderKind.choices)
    day = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300)
    ad_hoc = models.BooleanField(_("ad-hoc reception"), default=False)
    ad_hoc_reason = models.TextField(_("why ad hoc"), blank=True)
    held = models.BooleanField(default=False)
    cancelled_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The recurring schedule that generated this day (None: scheduled by hand).
    schedule = models.ForeignKey(
        ReceptionSchedule, null=True, blank=True, on_delete=models.SET_NULL, related_name="days"
    )

    class Meta:
        db_table = "petitions_receptionday"
        ordering = ["-day", "id"]
        indexes = [models.Index(fields=["unit_path", "day"], name="receptionday_period")]
        constraints = [
            models.UniqueConstraint(fields=["leader", "day"], name="one_reception_day_per_leader_day")
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.leader}"


class ReceptionRecord(models.Model):
    """One line of the reception book (Form 03/TCD): a citizen (or a group) received on a day."""

    class Outcome(models.TextChoices):
        RECORDED = "recorded", _("Petition recorded")
        GUIDED = "guided", _("Guided to the competent body")
        ANSWERED = "answered", _("Answered on the spot")
        REFUSED = "refused", _("Reception refused")

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False)
    reception_day = models.ForeignKey(
        ReceptionDay, null=True, blank=True, on_delete=models.PROTECT, related_name="records"
    )
    at = models.DateTimeField(_("received at"))
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    citizen_name = models.CharField(_("full name"), max_length=200)
    citizen_address = models.CharField(_("address"), max_length=300)
    id_number = models.CharField(_("citizen ID or passport"), max_length=20, blank=True)
    people_count = models.PositiveIntegerField(_("number of people"), default=1)
    content = models.TextField(_("content"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    prior_body = models.CharField(_("body that already handled it"), max_length=300, blank=True)
    competent = models.BooleanField(_("within our competence"), default=True)
    guided_to = models.CharField(_("guided to"), max_length=300, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.RECORDED)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    documents_received = models.TextField(_("documents received"), blank=True)  # Form 02/TCD receipt
    follow_up = models.TextField(_("follow-up of the outcome"), blank=True)
    note = models.TextField(_("notes"), blank=True)
    petition = models.ForeignKey(
        "petitions.Petition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reception_records",
    )
    # The last change (the follow-up, a redaction, the petition made of it): the national export's cursor reads
    # what changed since its last call (gandan.exports). Rows older than the column start at their reception time.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "petitions_receptionrecord"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["unit_path", "at"], name="reception_period"),
            models.Index(fields=["updated_at", "id"], name="reception_changed"),
        ]

    def __str__(self) -> str:
        # Neutral: this text becomes the audit trail's object (append-only, searchable), which must never carry a
        # citizen's name — a denunciator's least of all. The book shows the name where the law allows it.
        return f"Lượt tiếp công dân {self.at:%d/%m/%Y} (#{self.pk})"

    @property
    def protected(self) -> bool:
        return self.petition is not None and self.petition.protected


class ConclusionNotice(models.Model):
    """ "Thông báo kết luận việc tiếp công dân": the leader's instructions after a session, with tracked tasks."""

    reception_day = models.ForeignKey(ReceptionDay, on_delete=models.PROTECT, related_name="conclusions")
    number = models.CharField(_("number"), max_length=60)
    issued_on = models.DateField(_("issued on"))
    content = models.TextField(_("conclusions"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        db_table = "petitions_conclusionnotice"
        ordering = ["-issued_on", "id"]

    def __str__(self) -> str:
        return self.number
