"""Duplicate check on the database.

Each petition stores (1) its blocking keys, folded to 64-bit numbers, in DuplicateKey — the key table never holds a
citizen ID, phone or name in clear — and (2) what scoring needs, in StoredFingerprint. A new petition's keys find
the earlier petitions sharing any, among the units the officer may see; those sharing most keys are scored
against their stored fingerprints (microseconds each) by gandan.core.duplicates.

Two answers (gandan.core.duplicates, issue #13): "same_petition" (the same person or household, the same matter: the
officer merges) and "same_matter" (the same concrete matter from other people: the officer links them, or opens a
crowd case), each with reasons in Vietnamese (with an English wording, shown on pages in English).

A protected denunciator is never matched by person: telling an officer "same person as case X" would reveal who
denounced in X. Protected petitions store and are compared on their (redacted) content only, and a new protected
denunciation is compared on its content only too."""

import hashlib
from dataclasses import dataclass, replace
from datetime import date

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from gandan.accounts.scope import scope_path, subtree_paths
from gandan.core import duplicates as dup
from gandan.petitions.models import DuplicateKey, Petition, StoredFingerprint

# Candidates sharing the most keys are scored. A real copy shares several LSH bands; a stray one rarely two. The
# keys of what a petition is about (a plot, a road, a farm) bring other people's letters on the same matter too.
MAX_CANDIDATES = dup.MAX_CANDIDATES


def _secret() -> bytes:
    # A key of its own (settings.GANDAN_DUPCHECK_KEY), not SECRET_KEY: rotating the secret key keeps person matching.
    return hashlib.blake2b(settings.GANDAN_DUPCHECK_KEY.encode(), digest_size=32).digest()


def _digest(value: str) -> str:
    return hashlib.blake2b(value.encode(), digest_size=12, key=_secret()).hexdigest() if value else ""


def key_number(key: str) -> int:
    """A blocking key as a signed 64-bit integer (the column type): 8 bytes instead of ~18 per row."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)


def text_of(petition: Petition, people: list[dict]) -> dup.PetitionText:
    first = people[0] if people else {}
    return dup.PetitionText(
        citizen_id=first.get("id_number", "") or "",
        phone=first.get("phone", "") or "",
        name=first.get("name", "") or "",
        address=first.get("address", "") or "",
        content=f"{petition.subject}\n{petition.content}",
        protected=bool(petition.protected),
        received=_received_day(petition).isoformat(),
    )


def _received_day(petition: Petition) -> date:
    """The local day a petition was received: a petition being typed at intake is received today."""
    if petition.received_on:
        return petition.received_on
    if petition.received_at:
        return timezone.localdate(petition.received_at)
    return timezone.localdate()


def _comparable(fp: dup.Fingerprint, *, content_only: bool = False) -> dup.Fingerprint:
    """The form stored and compared: ID and phone as digests (equality is all scoring asks of them), no
    signature; with `content_only`, no identity at all (what the content says about the matter stays)."""
    if content_only:
        return replace(dup.content_only(fp), signature=())
    return replace(fp, citizen_id=_digest(fp.citizen_id), phone=_digest(fp.phone), signature=())


def _pairs(items) -> list[list[str]]:
    return [[key, label] for key, label in items]


def _to_json(fp: dup.Fingerprint) -> dict:
    m = fp.matter
    return {
        "c": fp.citizen_id,
        "p": fp.phone,
        "n": list(fp.name),
        "o": fp.organisation,
        "pl": list(fp.places),
        "a": list(fp.address),
        "s": sorted(fp.shingles),
        "w": sorted(fp.words),
        "pr": fp.protected,
        "hh": list(fp.household),
        "rel": list(fp.relatives),
        "cit": list(fp.cited),
        "rm": fp.reminder,
        "ks": fp.kin_sent,
        "cv": fp.cover,
        "sa": fp.settled_again,
        "co": fp.closed_on,
        "lb": _pairs(fp.labels),
        "ld": list(fp.letter_dates),
        "it": [sorted(item) for item in fp.items],
        "om": fp.other_matter,
        "m": {
            "pl": list(m.plots),
            "dc": list(m.decisions),
            "ob": _pairs(m.objects),
            "vi": list(m.villages),
            "pg": list(m.programmes),
            "dt": list(m.details),
            "pe": list(m.people),
            "lb": _pairs(m.labels),
            "tr": list(m.troubles),
        },
    }


def _from_json(data: dict) -> dup.Fingerprint:
    """A stored fingerprint; rows stored before issue #13 lack the household, letter and matter fields and read as
    empty (`dupcheck_rekey` recomputes them)."""
    m = data.get("m") or {}
    return dup.Fingerprint(
        citizen_id=data.get("c", ""),
        phone=data.get("p", ""),
        name=tuple(data.get("n", ())),
        organisation=bool(data.get("o")),
        places=tuple(data.get("pl", ())),
        address=tuple(data.get("a", ())),
        shingles=frozenset(data.get("s", ())),
        words=frozenset(data.get("w", ())),
        protected=bool(data.get("pr")),
        household=tuple(data.get("hh", ())),
        relatives=tuple(data.get("rel", ())),
        cited=tuple(data.get("cit", ())),
        reminder=bool(data.get("rm")),
        kin_sent=bool(data.get("ks")),
        cover=bool(data.get("cv")),
        settled_again=bool(data.get("sa")),
        closed_on=data.get("co", ""),
        labels=tuple((k, v) for k, v in data.get("lb", ())),
        letter_dates=tuple(data.get("ld", ())),
        items=tuple(frozenset(item) for item in data.get("it", ())),
        other_matter=bool(data.get("om")),
        matter=dup.MatterFeatures(
            plots=tuple(m.get("pl", ())),
            decisions=tuple(m.get("dc", ())),
            objects=tuple((k, v) for k, v in m.get("ob", ())),
            villages=tuple(m.get("vi", ())),
            programmes=tuple(m.get("pg", ())),
            details=tuple(m.get("dt", ())),
            people=tuple(m.get("pe", ())),
            labels=tuple((k, v) for k, v in m.get("lb", ())),
            troubles=tuple(m.get("tr", ())),
        ),
    )


def keys_store(petition: Petition, text: dup.PetitionText) -> None:
    fp = dup.fingerprint(text)
    numbers = sorted({key_number(k) for k in dup.blocking_keys(fp, secret=_secret(), stored=True)})
    DuplicateKey.objects.bulk_create([DuplicateKey(key=k, petition=petition) for k in numbers])
    StoredFingerprint.objects.create(
        petition=petition, data=_to_json(_comparable(fp, content_only=petition.protected))
    )


def stored_rows(petition: Petition, text: dup.PetitionText) -> tuple[list[DuplicateKey], StoredFingerprint]:
    """The rows keys_store writes, unsaved (bulk seeding)."""
    fp = dup.fingerprint(text)
    numbers = sorted({key_number(k) for k in dup.blocking_keys(fp, secret=_secret(), stored=True)})
    return (
        [DuplicateKey(key=k, petition=petition) for k in numbers],
        StoredFingerprint(petition=petition, data=_to_json(_comparable(fp, content_only=petition.protected))),
    )


@dataclass(frozen=True)
class Suggestion:
    petition: Petition
    match: dup.Match

    @property
    def kind(self) -> str:
        """ "same_petition" (merge) or "same_matter" (link)."""
        return self.match.relation


def find(
    user, text: dup.PetitionText, *, exclude_id: int | None = None, limit: int = 10, related: bool = False
) -> list[Suggestion]:
    """Earlier petitions in the user's subtree that are the same petition again, best first; with `related`, also
    (after them) those on the same concrete matter from other people. Each suggestion's `kind` says which."""
    path = scope_path(user)
    if path is None:
        return []
    new = dup.fingerprint(text)
    keys = sorted({key_number(k) for k in dup.blocking_keys(new, secret=_secret())})
    if not keys:
        return []
    rows = DuplicateKey.objects.filter(key__in=keys, petition__unit_path__in=subtree_paths(path))
    if exclude_id is not None:
        rows = rows.exclude(petition_id=exclude_id)
    ids = [
        r["petition_id"]
        for r in rows.values("petition_id")
        .annotate(n=Count("key"))
        .order_by("-n", "-petition_id")[:MAX_CANDIDATES]
    ]
    if not ids:
        return []
    stored = {
        pid: (data, received)
        for pid, data, received in StoredFingerprint.objects.filter(petition_id__in=ids).values_list(
            "petition_id", "data", "petition__received_on"
        )
    }
    mine, content_only = _comparable(new), _comparable(new, content_only=True)
    found = []
    for pid in ids:
        if pid not in stored:
            continue
        data, received = stored[pid]
        theirs = replace(_from_json(data), received=received.isoformat() if received else "")
        # Against a protected case (stored without identity) compare content only, from both sides. A row says so
        # by its flag; rows stored before the flag ("pr") existed say it by having no identity at all. A body's
        # letter names no person but is flagged like any other (evaluation.evaluate compares it in full too).
        identified = "pr" in data or theirs.name or theirs.citizen_id or theirs.phone
        found.append(
            (pid, theirs, dup.score(mine if identified and not theirs.protected else content_only, theirs))
        )
    # Read together: a sender's letter saying the matter was closed and is back parts it from the older ones.
    scored = [
        (pid, match)
        for pid, match in dup.part_occurrences(found)
        if dup.is_duplicate(match) or (related and dup.is_related(match))
    ]
    scored.sort(key=lambda pm: (not dup.is_duplicate(pm[1]), -pm[1].score, -pm[0]))
    scored = scored[:limit]
    petitions = Petition.objects.in_bulk([pid for pid, _m in scored])
    return [Suggestion(petitions[pid], match) for pid, match in scored if pid in petitions]


def _people_of(petition: Petition) -> list[dict]:
    """Whom a petition's keys are made of, as intake made them: its petitioners, or a protected denunciation's
    persons. Read by the system only to recompute digests: nothing is shown, returned or logged."""
    if petition.protected:
        identity = getattr(petition, "identity", None)
        return list(identity.persons) if identity is not None else []
    return [
        {"name": p.name, "address": p.address, "phone": p.phone, "id_number": p.id_number}
        for p in petition.petitioners.all()
    ]


def rekey_batch(petition_ids: list[int]) -> int:
    """Recompute the stored keys and fingerprints of these petitions with the current GANDAN_DUPCHECK_KEY, in one
    transaction (a petition is never left without its rows). Returns how many petitions were rekeyed."""
    from django.db import transaction

    with transaction.atomic():
        petitions = list(
            Petition.objects.filter(pk__in=petition_ids)
            .select_related("identity")
            .prefetch_related("petitioners")
            .order_by("pk")
        )
        keys: list[DuplicateKey] = []
        fingerprints: list[StoredFingerprint] = []
        for petition in petitions:
            key_rows, stored = stored_rows(petition, text_of(petition, _people_of(petition)))
            keys.extend(key_rows)
            fingerprints.append(stored)
        DuplicateKey.objects.filter(petition_id__in=petition_ids).delete()
        StoredFingerprint.objects.filter(petition_id__in=petition_ids).delete()
        DuplicateKey.objects.bulk_create(keys, batch_size=1000)
        StoredFingerprint.objects.bulk_create(fingerprints, batch_size=1000)
    return len(petitions)


def keys_stale(*, sample: int = 3) -> bool:
    """Whether the stored digests were made with another key than the current GANDAN_DUPCHECK_KEY (an upgrade from
    digests keyed on SECRET_KEY, a key changed without `dupcheck_rekey`): the latest few petitions' keys are
    recomputed and compared, and so are their stored fingerprints (a new version of the check that reads a letter
    otherwise). After a rekey they match, so `gandan run` pays this check, not a rekey, on each start."""
    latest = list(
        Petition.objects.filter(pk__in=DuplicateKey.objects.values("petition_id"))
        .select_related("identity")
        .prefetch_related("petitioners")
        .order_by("-pk")[:sample]
    )
    for petition in latest:
        fresh, fingerprint = stored_rows(petition, text_of(petition, _people_of(petition)))
        stored = set(DuplicateKey.objects.filter(petition=petition).values_list("key", flat=True))
        if {row.key for row in fresh} != stored:
            return True
        # A check that reads more of a letter (a new field, a rule that reads it otherwise) stores it otherwise.
        data = StoredFingerprint.objects.filter(petition=petition).values_list("data", flat=True).first()
        if data != fingerprint.data:
            return True
    return False
