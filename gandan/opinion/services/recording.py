from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.core.redaction import given_key
from gandan.core.vnnlp import mask_pii
from gandan.core.vntext import fold, normalize
from gandan.errors import DomainError
from gandan.opinion.models import Signal
from gandan.units.models import COMMUNE_KINDS, Unit

#: Longer texts are cut: the analysis needs the gist, and a 50,000-character paste would weigh on every page.
TEXT_MAX = 5000


def commune_of(unit: Unit) -> Unit:
    """The commune (or ward, special zone) `unit` lies in; the unit itself when it is a commune or above. One query:
    the unit's materialised path names its ancestors."""
    if unit.kind in COMMUNE_KINDS:
        return unit
    parts = unit.path.split(".")
    ancestors = [".".join(parts[:n]) for n in range(1, len(parts))]
    found = Unit.objects.filter(path__in=ancestors, kind__in=COMMUNE_KINDS).order_by("-depth").first()
    return found or unit


def protected_names_of(commune: Unit) -> list[str]:
    """The names of the protected denunciators of `commune` (kept by petitions), to be masked in its signals."""
    from gandan.petitions.selectors import protected_names_in

    return protected_names_in(commune.path)


def stored_text(text: str, protected_names: Iterable[str] = ()) -> tuple[str, str]:
    """A signal's text as it is stored — normalised, its personal data and `protected_names` masked, cut to
    TEXT_MAX — and its folded form (pure)."""
    text = mask_pii(normalize(text, multiline=True), protected_names)[:TEXT_MAX].strip()
    return text, fold(text) if text else ""


def signal_prepare(
    *,
    text: str,
    unit: Unit | None,
    source_kind: str,
    source_id: str | int,
    at: datetime | None = None,
    people: int = 1,
    channel: str = "",
    protected_names: Iterable[str] = (),
    commune: Unit | None = None,
    prepared: tuple[str, str] | None = None,
    confidential: bool = False,
) -> Signal:
    """An unsaved signal, checked, with its text normalised, cut to TEXT_MAX and masked (bulk import builds many
    with this and saves them at once). `commune`: the commune of `unit` when the caller already knows it;
    `prepared`: what :func:`stored_text` gives for this text and these names, when the caller has it already
    (a large import prepares its texts in other processes)."""
    text, folded = prepared or stored_text(text, protected_names)
    if not text:
        raise DomainError("signal_text_empty", _("A signal needs some text."), field="text")
    if unit is None:
        raise DomainError("signal_unit_required", _("A signal needs the unit it concerns."), field="unit")
    commune = commune or commune_of(unit)
    return Signal(
        text=text,
        text_folded=folded,
        unit=unit,
        unit_path=unit.path,
        commune_path=commune.path,
        at=at or timezone.now(),
        source_kind=source_kind,
        source_id=str(source_id),
        channel=channel,
        people=max(1, people),
        confidential=confidential,
    )


@transaction.atomic
def signal_record(
    *,
    text: str,
    unit: Unit | None,
    source_kind: str,
    source_id: str | int,
    at: datetime | None = None,
    new_source: bool = False,
    people: int = 1,
    protected_names: Iterable[str] = (),
    confidential: bool = False,
) -> Signal:
    """Record a citizen's text as an opinion signal. Calling it again for the same source updates the text (a
    citizen may correct what they wrote) and never creates a second signal. `new_source`: the source was created
    in this very transaction, so there is nothing to look up (the intake's fast path). `people`: how many people
    the text speaks for (a crowd petition's signers). `protected_names`: names masked in the stored text (a
    protected denunciator's, or the writer's own: the board is about matters, not persons); the names of every protected denunciator of the commune are masked too, whatever
    door the text came through (a neighbour may name her in the reception book or a rating's comment).
    `confidential`: a protected denunciation's text (shown only to the officers granted access on the case). The engine
    groups the signal by a background task (`processing_request`)."""
    from gandan.opinion.services.processing import processing_request

    commune = commune_of(unit) if unit is not None else None
    signal = signal_prepare(
        text=text,
        unit=unit,
        source_kind=source_kind,
        source_id=source_id,
        at=at,
        people=people,
        protected_names=[*protected_names, *(protected_names_of(commune) if commune is not None else ())],
        commune=commune,
        confidential=confidential,
    )
    if new_source:
        signal.save(force_insert=True)
    else:
        fields = ("text", "text_folded", "unit", "unit_path", "commune_path", "at", "people", "confidential")
        signal, _created = Signal.objects.update_or_create(
            source_kind=signal.source_kind,
            source_id=signal.source_id,
            defaults={name: getattr(signal, name) for name in fields},
        )
    processing_request()
    return signal


def case_settled(*, kind: str, object_id: str | int, by: User | None = None) -> int:
    """A case linked to alerts (a petition resolved or closed) is settled: each alert whose every linked case is
    settled closes, its history saying which case settled it and who (`by`, the officer who settled the case).
    Returns how many alerts closed."""
    from gandan.opinion.services.alerts import alerts_case_settled

    return alerts_case_settled(kind=kind, object_id=str(object_id), by=by)


_GIVEN_NAMES_FILTERED = 200


def signals_remask(commune_path: str) -> int:
    """Mask the names of the commune's protected denunciators in the signals recorded before they were protected
    (a neighbour may have named her in the reception book before her denunciation arrived), and in the titles of
    their issues (and in what the engine remembers of whom those are about, and of the things they name that bear
    her name). Returns how many signals changed. Runs as a task (`protection_request`)."""
    from gandan.core.vntext import fold as fold_text
    from gandan.opinion.models import Issue

    commune = Unit.objects.filter(path=commune_path).first()
    names = protected_names_of(commune) if commune is not None else []
    if not names:
        return 0
    # A name can only be where its given name is (folded, spacing aside): the rest is not read. (Past a few hundred
    # given names the filter would outgrow SQLite's expression depth: then every signal of the commune is read.)
    givens = {given_key(name) for name in names} - {""}
    where = Q()
    if len(givens) <= _GIVEN_NAMES_FILTERED:
        for given in givens:
            where |= Q(text_folded__contains=given)
    changed: list[Signal] = []
    for signal in Signal.objects.filter(where, commune_path=commune_path).only("pk", "text").iterator(2000):
        masked = mask_pii(signal.text, names)
        if masked != signal.text:
            signal.text, signal.text_folded = masked, fold_text(masked)
            changed.append(signal)
    with transaction.atomic():
        Signal.objects.bulk_update(changed, ["text", "text_folded"], batch_size=500)
        held = Signal.objects.filter(pk__in=[s.pk for s in changed]).values("issue_id")
        for issue in Issue.objects.filter(unit_path=commune_path, pk__in=held).only("pk", "title", "memory"):
            title = mask_pii(issue.title, names)
            # The engine's memory of whom the issue's letters are about (folded given names, never shown) forgets
            # hers too.
            memory = dict(issue.memory or {})
            memory["about"] = [given for given in memory.get("about", []) if given not in givens]
            if memory.get("things"):
                # And of the things its letters name that bear her name ("Công ty TNHH Lương Kín"): never shown, but
                # what is remembered of a protected person is forgotten.
                memory["things"] = things_without(memory["things"], names)
            if title != issue.title or memory != issue.memory:
                Issue.objects.filter(pk=issue.pk).update(title=title, memory=memory)
    return len(changed)


def things_without(things: dict[str, int], names: list[str]) -> dict[str, int]:
    """The named things (folded: "cong ty minh khai") that do not bear one of `names`, by the rule that masks the
    letters themselves: "Công ty Minh Khai" bears Nguyễn Thị Minh Khai's name, the lake "hồ Hòa Bình" not Hồ Thị
    Bình's."""
    return {thing: count for thing, count in things.items() if mask_pii(thing, names) == thing}


def protection_request(unit: Unit) -> None:
    """Once the caller's transaction has committed (a protected denunciation received), have the worker mask its
    denunciator's name in the signals of the commune recorded before. The task carries the commune, never a name."""
    from gandan.opinion.tasks import opinion_remask_task

    commune_path = commune_of(unit).path
    transaction.on_commit(lambda: opinion_remask_task.enqueue(commune_path))
