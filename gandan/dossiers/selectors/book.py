"""The tracking book (Form 07): its rows for a date range."""

import datetime as dt
from collections.abc import Iterator

from django.db.models import (
    OuterRef,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from gandan.dossiers.excel import BookRow
from gandan.dossiers.models import HandOff
from gandan.dossiers.rules import Status
from gandan.dossiers.selectors.worklists import (
    Worklist,
    dossier_list_for_user,
)


def book_queryset(user, *, start: dt.date, end: dt.date) -> QuerySet:
    """The user's dossiers received (accepted by the desk) from `start` to `end`, local days, oldest first."""
    tz = timezone.get_current_timezone()
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    stop = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    first_handoff = HandOff.objects.filter(dossier=OuterRef("pk")).order_by("at", "id").values("at")[:1]
    return (
        dossier_list_for_user(user, worklist=Worklist.ALL)
        .filter(received_at__gte=begin, received_at__lt=stop)
        .annotate(transferred_at=Subquery(first_handoff))
        .order_by("received_at", "id")
    )


# --- The tracking book (Form 07) ----------------------------------------------------------------------------------
BOOK_NOTES = {
    Status.REFUSED: "Từ chối tiếp nhận",
    Status.WITHDRAWN: "Công dân rút hồ sơ",
    Status.STOPPED: "Dừng giải quyết",
}


def _local_day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(moment).date() if moment else None


BOOK_RETURN_METHODS = {"in_person": "trả trực tiếp", "post": "trả qua bưu chính", "online": "trả trực tuyến"}


def _book_return_note(
    result: str, method: str, to_applicant: bool, name: str, relationship: str, fee: int, receipt: str
) -> str:
    """The book's note on the return (Form 07 has no columns for it): the result, the way, who signed for it if
    not the applicant, the fees and their receipt."""
    note = f"Kết quả: {result}; {BOOK_RETURN_METHODS.get(method, method)}"
    if not to_applicant:
        note += f"; người nhận: {name} ({relationship})"
    if fee:
        amount = f"{fee:,}".replace(",", ".")
        note += f"; phí, lệ phí {amount} đ, biên lai số {receipt}"
    return note


def book_rows(queryset: QuerySet) -> Iterator[BookRow]:
    """Book lines from `book_queryset`, streamed in chunks (no model instances: a year can hold 50,000 lines)."""
    fields = (
        "code",
        "procedure__name",
        "sets",
        "applicant_name",
        "applicant_address",
        "applicant_phone",
        "procedure__lead_unit",
        "received_at",
        "appointment",
        "current_appointment",
        "transferred_at",
        "finished_at",
        "returned_at",
        "status",
        "supplement_count",
        "return_record__result_number",
        "return_record__method",
        "return_record__receiver_is_applicant",
        "return_record__receiver_name",
        "return_record__receiver_relationship",
        "return_record__fee_amount",
        "return_record__receipt_number",
    )
    for (
        code,
        procedure,
        sets,
        name,
        address,
        phone,
        lead,
        received,
        appointment,
        current,
        transferred,
        finished,
        returned,
        status,
        supplements,
        *handed_over,
    ) in queryset.values_list(*fields).iterator(chunk_size=2000):
        notes = [BOOK_NOTES[status]] if status in BOOK_NOTES else []
        if current and appointment and current != appointment:
            notes.append(f"Hẹn lại: {current:%d/%m/%Y}")
        if supplements:
            notes.append(f"Bổ sung hồ sơ {supplements} lần")
        if handed_over[0]:
            notes.append(_book_return_note(*handed_over))
        yield BookRow(
            code=code,
            procedure=procedure,
            sets=sets,
            applicant=name,
            address=address,
            phone=phone,
            lead_body=lead,
            received=_local_day(received),
            appointment=appointment,
            transferred=_local_day(transferred),
            result_received=_local_day(finished) if status in (Status.PROCESSED, Status.RETURNED) else None,
            returned=_local_day(returned),
            note="; ".join(notes),
        )
