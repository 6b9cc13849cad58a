"""The reads of the national exports: the rows of a unit subtree changed after a cursor position, oldest change first,
turned into the national shapes (gandan.core.national_shapes).

Scope: a person's export is `user_paths` (their units and the units their unit took over by a merger, exactly what
their lists show); the command's is the subtree of the unit it names, or the whole installation. Every page is one
indexed range query on (updated_at, id) plus a few prefetches, whatever the size of the registers."""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from gandan.accounts.scope import Reader, subtree_paths, user_paths
from gandan.core import national_shapes as ns
from gandan.dossiers.models import Dossier, SupplementRequest
from gandan.exports.cursor import Position
from gandan.petitions.models import Petition, Petitioner
from gandan.reception.models import ReceptionRecord
from gandan.units.models import Unit

KINDS = ("dossiers", "petitions", "reception")
LIMIT_DEFAULT = 100
LIMIT_MAX = 500
EVERYWHERE = None  # the command without --unit: the whole installation


@dataclass(frozen=True)
class Page:
    kind: str
    items: list[dict[str, Any]]
    last: Position  # the position after the last item (or the start, when there is none)
    has_more: bool


def unit_by_code(code: str) -> Unit | None:
    """The unit in force with this official code (the command's --unit), province included."""
    return Unit.objects.filter(code=code.strip(), valid_to__isnull=True).order_by("depth", "pk").first()


def paths_for_unit(unit: Unit) -> list[str]:
    return subtree_paths(unit.path)


def paths_for_user(user) -> list[str] | None:
    """What the person may export: their units' paths; nothing for someone without a unit; None (everywhere) for an
    integrator's key made for the whole installation."""
    if isinstance(user, Reader) and user.unit is None:
        return None
    return user_paths(user) or []


def _local(value: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(value) if value is not None else None


def _dossier_rows() -> QuerySet[Dossier]:
    return Dossier.objects.select_related("procedure", "unit", "return_record").prefetch_related(
        Prefetch("supplements", queryset=SupplementRequest.objects.order_by("requested_at", "id"))
    )


def _dossier(row: Dossier) -> dict[str, Any]:
    record = getattr(row, "return_record", None)
    link = ""
    if record is not None and record.file:
        link = settings.GANDAN_PUBLIC_URL.rstrip("/") + reverse("dossiers:result_file", args=[row.pk])
    return ns.dossier_shape(
        ns.DossierFacts(
            code=row.code,
            unit_code=row.unit.code,
            procedure_code=row.procedure.code,
            procedure_name=row.procedure.name,
            procedure_field=row.procedure.field,
            status=row.status,
            channel=row.channel,
            submitted_at=timezone.localtime(row.submitted_at),
            received_at=_local(row.received_at),
            appointment=row.appointment,
            current_appointment=row.current_appointment,
            finished_at=_local(row.finished_at),
            returned_at=_local(row.returned_at),
            fee=row.fee,
            paid_at=_local(row.paid_at),
            supplements=tuple(
                ns.Supplement(timezone.localtime(s.requested_at), _local(s.received_at))
                for s in row.supplements.all()
            ),
            result_number=record.result_number if record is not None else "",
            result_link=link,
            updated_at=timezone.localtime(row.updated_at),
        )
    )


def _petition_rows() -> QuerySet[Petition]:
    # Never the protected identity (ProtectedIdentity): it is not even read. Petitioner rows exist only for cases
    # that are not protected, and the shape drops them for every denunciation and anonymous information anyway.
    return Petition.objects.select_related("unit", "master").prefetch_related(
        Prefetch("petitioners", queryset=Petitioner.objects.order_by("-representative", "position", "id"))
    )


def _person(p: Petitioner) -> ns.Person:
    return ns.Person(p.name, p.address, phone=p.phone, email=p.email, id_number=p.id_number)


def _petition(row: Petition) -> dict[str, Any]:
    first = next(iter(row.petitioners.all()), None)
    sender = ns.Person(row.petitioner_display, first.address if first is not None else "")
    unnamed = row.protected or row.kind in ns.UNNAMED_KINDS
    return ns.petition_shape(
        ns.PetitionFacts(
            code=row.code,
            unit_code=row.unit.code,
            kind=row.kind,
            channel=row.channel,
            status=row.status,
            received_at=timezone.localtime(row.received_at),
            subject=row.subject,
            signers=row.signers,
            competent=row.competent,
            sent_to_many=row.sent_to_many,
            above_level=row.above_level,
            handled_to=row.handled_to,
            instance=row.instance,
            complex_case=row.complex_case,
            accepted_on=row.accepted_on,
            resolved_on=row.resolved_on,
            statutory_due=row.statutory_due,
            master_code=row.master.code if row.master is not None else "",
            protected=row.protected,
            updated_at=timezone.localtime(row.updated_at),
            sender=None if unnamed else sender,
            # Kept out of the texts (a waived denunciation's petitioners included): national_shapes._text.
            people=tuple(_person(p) for p in row.petitioners.all()),
        )
    )


def _reception_rows() -> QuerySet[ReceptionRecord]:
    return ReceptionRecord.objects.select_related("unit", "petition", "reception_day")


def _reception(row: ReceptionRecord) -> dict[str, Any]:
    day = row.reception_day
    unnamed = row.protected or row.kind in ns.UNNAMED_KINDS
    return ns.reception_shape(
        ns.ReceptionFacts(
            number=row.pk,
            unit_code=row.unit.code,
            at=timezone.localtime(row.at),
            kind=row.kind,
            people_count=row.people_count,
            content=row.content,
            prior_body=row.prior_body,
            competent=row.competent,
            guided_to=row.guided_to,
            outcome=row.outcome,
            petition_code=row.petition.code if row.petition is not None else "",
            follow_up=row.follow_up,
            leader_kind=day.leader_kind if day is not None else "",
            ad_hoc=day.ad_hoc if day is not None else False,
            protected=row.protected,
            updated_at=timezone.localtime(row.updated_at),
            citizen=None if unnamed else ns.Person(row.citizen_name, row.citizen_address),
            # A protected line keeps only the neutral label (the identity is in the petition's protected store).
            people=()
            if row.protected
            else (ns.Person(row.citizen_name, row.citizen_address, id_number=row.id_number),),
        )
    )


SOURCES: dict[str, tuple[Callable[[], QuerySet[Any]], Callable[[Any], dict[str, Any]]]] = {
    "dossiers": (_dossier_rows, _dossier),
    "petitions": (_petition_rows, _petition),
    "reception": (_reception_rows, _reception),
}


def export_page(
    kind: str, *, paths: Iterable[str] | None, after: Position, limit: int, now: dt.datetime | None = None
) -> Page:
    """Up to `limit` records of `kind` in `paths` (None: everywhere) changed after `after`, oldest change first.

    Rows changed in the last GANDAN_EXPORT_SETTLE_SECONDS wait for the next call: a save whose transaction commits
    after this read must not land behind the cursor."""
    rows_of, shape = SOURCES[kind]
    now = now or timezone.now()
    rows = rows_of().filter(updated_at__lt=now - dt.timedelta(seconds=settings.GANDAN_EXPORT_SETTLE_SECONDS))
    if paths is not EVERYWHERE:
        rows = rows.filter(unit_path__in=list(paths))
    if after.at is not None:
        rows = rows.filter(Q(updated_at__gt=after.at) | Q(updated_at=after.at, pk__gt=after.id))
    found = list(rows.order_by("updated_at", "pk")[: limit + 1])
    page = found[:limit]
    last = Position(page[-1].updated_at, page[-1].pk) if page else after
    return Page(kind=kind, items=[shape(row) for row in page], last=last, has_more=len(found) > limit)
