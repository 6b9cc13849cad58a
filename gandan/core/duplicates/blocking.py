"""Duplicate detection: what is stored per petition, i.e. the MinHash signature of its content shingles,
:func:`fingerprint` (step 1 of the check) and :func:`blocking_keys`, the short opaque keys of the indexed
candidate look-up (step 2).  The design is described in the docstring of the package,
:mod:`gandan.core.duplicates`.
"""

import hashlib
from base64 import b32encode
from collections.abc import Iterable
from dataclasses import replace

from gandan.core.duplicates.comparison import STRONG_KINDS, canonical_object
from gandan.core.duplicates.content import _content_sentences, _shingles_of, _words_of, summary_items
from gandan.core.duplicates.identity import (
    _address_tokens,
    _is_organisation,
    address_household,
    address_places,
    name_tokens,
    normalize_citizen_id,
)
from gandan.core.duplicates.letters import (
    closing_date,
    is_cover,
    is_kin_sent,
    is_other_matter,
    is_reminder,
    is_settled_again,
    letter_dates,
    named_people,
)
from gandan.core.duplicates.matter import COMMUNAL_TROUBLES, matter_features
from gandan.core.duplicates.model import (
    BANDS,
    NUM_PERMUTATIONS,
    ROWS,
    SHINGLE_SIZE,
    Fingerprint,
    MatterFeatures,
    PetitionText,
)
from gandan.core.duplicates.relation import trouble_villages
from gandan.core.identifiers import normalize_phone
from gandan.core.vntext import fold

#: At most this many keys of each kind beyond the identity ones (a letter naming ten plots is not ten matters).
MAX_HOUSEHOLD_KEYS = 2
MAX_NAMED_KEYS = 3
MAX_MATTER_KEYS = 8
#: Villages and kinds of trouble a letter is stored and looked up under, each (:func:`blocking_keys`).
MAX_TROUBLE_VILLAGES = 2
#: Villages a body's summary looks its voters' letters up by (:func:`blocking_keys`).
MAX_SUMMARY_VILLAGES = 4
_DIGEST_BYTES = 10  # 80 bits -> 16 base32 characters; no collisions in practice among ~25 million keys
_MERSENNE_61 = (1 << 61) - 1


# --------------------------------------------------------------------------------------------------------------
# MinHash signature and fingerprint
# --------------------------------------------------------------------------------------------------------------


def _permutations() -> tuple[tuple[int, int], ...]:
    """Fixed (a, b) parameters of the universal hashes h(x) = (a*x + b) mod (2^61 - 1), derived with BLAKE2b.

    Python's ``hash()`` is salted per process and must never be used: signatures are stored and compared
    across processes and years.
    """
    params = []
    for i in range(NUM_PERMUTATIONS):
        seed = hashlib.blake2b(f"gandan.duplicates.minhash.{i}".encode(), digest_size=16).digest()
        a = int.from_bytes(seed[:8], "big") % (_MERSENNE_61 - 1) + 1
        b = int.from_bytes(seed[8:], "big") % _MERSENNE_61
        params.append((a, b))
    return tuple(params)


_PERMUTATIONS = _permutations()


def minhash_signature(shingles: Iterable[str]) -> tuple[int, ...]:
    """Return the MinHash signature of ``shingles`` (empty for an empty set); deterministic across processes."""
    values = [
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") % _MERSENNE_61
        for s in shingles
    ]
    if not values:
        return ()
    return tuple(min((a * x + b) % _MERSENNE_61 for x in values) for a, b in _PERMUTATIONS)


def _typed_as(raw: str, folded: str) -> str:
    """The words of ``raw`` whose folded form is ``folded`` ("bui" in "Ông Bùi Văn Toản" -> "Bùi"), else ``folded``."""
    words = raw.replace(",", " ").split()
    size = len(folded.split())
    for i in range(len(words) - size + 1):
        window = " ".join(words[i : i + size])
        if fold(window) == folded:
            return window
    return folded.title()


def _labels(p: PetitionText, name: tuple[str, ...], places: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    labels = []
    if len(name) >= 2:
        labels.append((name[0], _typed_as(p.name, name[0])))
    if places:
        labels.append((places[0], _typed_as(p.address, places[0])))
    return tuple(labels)


def fingerprint(p: PetitionText) -> Fingerprint:
    """Normalise a petition for :func:`blocking_keys` and :func:`score`."""
    organisation = _is_organisation(p.name) if p.name else False
    name = () if organisation else name_tokens(p.name)
    sentences = _content_sentences(p.content, name)
    shingles = _shingles_of(sentences, SHINGLE_SIZE)
    folded = fold(p.content or "")
    cover = is_cover(folded)
    relatives, cited, people = named_people(p.content, body=cover or organisation)
    sender = " ".join(name)
    mentioned = {key: label for key, label in people.items() if key not in (sender, *relatives, *cited)}
    matter = matter_features(p.content)
    places = () if organisation else address_places(p.address)
    return Fingerprint(
        citizen_id=normalize_citizen_id(p.citizen_id),
        phone=normalize_phone(p.phone),
        name=name,
        organisation=organisation,
        places=places,
        address=() if organisation else _address_tokens(p.address),
        shingles=shingles,
        words=_words_of(sentences),
        signature=minhash_signature(shingles),
        protected=p.protected,
        household=() if organisation else address_household(p.address),
        relatives=relatives,
        cited=cited,
        reminder=is_reminder(folded),
        kin_sent=is_kin_sent(folded),
        cover=cover,
        settled_again=is_settled_again(folded),
        closed_on=closing_date(folded),
        matter=replace(matter, people=tuple(mentioned), labels=matter.labels + tuple(mentioned.items())),
        labels=_labels(p, name, places),
        received=p.received,
        letter_dates=letter_dates(folded),
        items=summary_items(p.content, sender=name) if cover or organisation else (),
        other_matter=is_other_matter(folded),
    )


# --------------------------------------------------------------------------------------------------------------
# Blocking keys
# --------------------------------------------------------------------------------------------------------------


def _digest(tag: bytes, data: str, secret: bytes) -> str:
    key = secret if len(secret) <= 64 else hashlib.blake2b(secret).digest()
    digest = hashlib.blake2b(data.encode(), digest_size=_DIGEST_BYTES, key=key, person=tag).digest()
    return b32encode(digest).decode().lower().rstrip("=")


def _name_key(name: tuple[str, ...]) -> str:
    """Surname and given name only: middle names are dropped, abbreviated or added between letters."""
    return f"{name[0]} {name[-1]}" if len(name) >= 2 else ""


def matter_keys(matter: MatterFeatures) -> list[str]:
    """The concrete things a petition names that other people's letters on the same matter name too: plots with
    their map sheet, decisions, named objects that are the matter itself (not landmarks). Most specific first."""
    keys = [f"plot:{plot}" for plot in matter.plots if not plot.endswith("/")]
    keys += [f"decision:{decision}" for decision in matter.decisions]
    keys += [canonical_object(key) for key, _label in matter.objects if key.split(":")[0] in STRONG_KINDS]
    keys += [f"person:{person}" for person in matter.people[:2]]
    # Weaker: a village named together with an amount, an area or a landmark ("xóm Giữa", 500.000 đồng).
    landmarks = [key for key, _label in matter.objects if key.split(":")[0] not in STRONG_KINDS]
    details = [d for d in matter.details if not d.startswith("y:")]
    keys += [f"{village}|{detail}" for village in matter.villages[:2] for detail in (details + landmarks)[:2]]
    # A market or a bridge alone: a body's summary names the market, not the village of the stallholder who wrote.
    # (Not a river: the Lô runs through every commune of the district and half its letters.)
    keys += [key for key in landmarks if key.split(":")[0] in ("market", "bridge")][:2]
    return keys


def blocking_keys(fp: Fingerprint, *, secret: bytes = b"", stored: bool = False) -> frozenset[str]:
    """Return the keys under which the petition is stored, and looked up, in the duplicate-key table.

    Keys (at most ``3 + BANDS``, each at most 20 characters):

    * ``c:<digest>`` of the citizen ID, ``p:<digest>`` of the phone number, ``n:<digest>`` of surname, given
      name and the most specific place of the address (middle names vary between letters; the village keeps
      namesakes of other villages apart).  Identity values are hashed with keyed BLAKE2b so the key table does
      not expose them.  A 12-digit ID has only 10^12 values, so an *unkeyed* hash could be reversed by trying
      them all: the application should pass a ``secret`` (pepper) kept outside the database.  Changing the
      secret changes every key and needs a re-index.  Bodies forwarding a petition get no phone or name key:
      those are shared by every letter they forward.
    * ``b<i>:<digest>`` for each of the :data:`BANDS` bands of :data:`ROWS` MinHash values (locality-sensitive
      hashing).  Two petitions with content Jaccard index ``s`` share at least one band with probability
      ``1 - (1 - s**ROWS)**BANDS``.  With 20 bands of 3 rows this S-curve is 0.42 at s = 0.3, 0.81 at 0.4,
      0.93 at 0.5, 0.99 at 0.6 and ~1 above 0.7, and 0.02 at s = 0.1, 0.0025 at s = 0.05, 0 at s = 0 (most
      unrelated pairs once the letter frame is removed: 85% on the written test set).  So near-identical
      letters from anyone are found (forwarded copies have s >= 0.5 even under a long cover note), and
      re-worded letters of the same person, whose s can be low, are found through the identity keys.
      Rows = 2 would also catch s = 0.3 but let 5% of s = 0.05 pairs through; rows = 4 with 20 bands misses
      28% at s = 0.5.  Syllable 2-gram shingles gave the same precision and recall on the written set but
      twice the stray band collisions.

    * ``h:<digest>`` of the village and the house number or sub-village group (a household's other members), and of
      the village and the allowance or procedure concerned (a relative writing "chồng tôi đã gửi đơn ..."),
      ``n:<digest>`` keys of the people the letter names (a relative, a citizen a body cites, a neighbour: their own
      letters are stored under these), at most :data:`MAX_HOUSEHOLD_KEYS` and :data:`MAX_NAMED_KEYS`.
    * ``m:<digest>`` of what the letter is about (:func:`matter_keys`, at most :data:`MAX_MATTER_KEYS`): plots
      with their sheet, decisions, named roads, farms, kilns, quarries, companies, schools, projects, two people
      named, and a village named with an amount or a landmark. They find other people's letters on the same
      matter. A popular road gathers many letters under one key; the adapter still scores only the candidates
      sharing most keys, so the look-up stays bounded.

    Retrieval at scale.  On the written set 7 of 24,346 unrelated pairs shared a band; integrating the
    S-curve over their exact Jaccard indices predicts ~700 stray candidates per million stored petitions,
    inflated by the deliberately similar hard negatives of that set.  The application should therefore count
    the keys each candidate shares (``GROUP BY petition_id ORDER BY count(*) DESC``), keep every candidate with
    an identity key and cap band-only candidates (e.g. 50): a real copy shares several bands (4 on average at
    s = 0.6, all of them when identical) while a stray one rarely shares two.  Scoring needs the candidates'
    fingerprints: :func:`score` takes microseconds, :func:`fingerprint` milliseconds, so store them (or their
    shingles, words and identity fields) instead of recomputing them per look-up.
    """
    keys: set[str] = set()
    if fp.citizen_id:
        keys.add("c:" + _digest(b"gandan-dup-c", fp.citizen_id, secret))
    place = fp.places[0] if fp.places else ""
    if not fp.organisation:
        if fp.phone:
            keys.add("p:" + _digest(b"gandan-dup-p", fp.phone, secret))
        name_key = _name_key(fp.name)
        if name_key:
            keys.add("n:" + _digest(b"gandan-dup-n", f"{name_key}|{place}", secret))
        if place:
            for detail in fp.household[:MAX_HOUSEHOLD_KEYS]:
                keys.add("h:" + _digest(b"gandan-dup-h", f"{place}|{detail}", secret))
            # The allowance or procedure of someone of the village: a relative writing without naming him finds it.
            for programme in fp.matter.programmes[:MAX_HOUSEHOLD_KEYS]:
                keys.add("h:" + _digest(b"gandan-dup-h", f"{place}|{programme}", secret))
    # People named (relatives, citizens cited by a body, a neighbour): the keys their own letters are stored under.
    cited_place = place or (fp.matter.villages[0] if fp.matter.villages else "")
    for name in tuple(dict.fromkeys(fp.relatives + fp.cited + fp.matter.people))[:MAX_NAMED_KEYS]:
        keys.add("n:" + _digest(b"gandan-dup-n", f"{_name_key(tuple(name.split()))}|{cited_place}", secret))
    for key in matter_keys(fp.matter)[:MAX_MATTER_KEYS]:
        keys.add("m:" + _digest(b"gandan-dup-m", key, secret))
    # A kind of trouble in a village ("the water supply of Khe Lau"): other villagers writing about it without naming
    # an object. The villages as the rule reads them (relation.trouble_villages), and the trouble.
    communal = [trouble for trouble in fp.matter.troubles if trouble in COMMUNAL_TROUBLES]
    for village in trouble_villages(fp)[:MAX_TROUBLE_VILLAGES]:
        for trouble in communal[:MAX_TROUBLE_VILLAGES]:
            keys.add("t:" + _digest(b"gandan-dup-t", f"{village}|{trouble}", secret))
    # The village of the sender's address, stored with every letter and looked up only by a body's summary or cover
    # text, which names the villages of the voters it reports and no one's identity ("Cử tri thôn Yên Sơn, Lãng Sơn
    # phản ánh …"): the summary's candidates are then the latest letters of those villages. An ordinary letter never
    # looks a village up, so the key costs one row per letter and no look-up time.
    if stored and place and not fp.organisation:
        keys.add("v:" + _digest(b"gandan-dup-v", place, secret))
    elif not stored and (fp.organisation or fp.cover):
        for village in fp.matter.villages[:MAX_SUMMARY_VILLAGES]:
            keys.add("v:" + _digest(b"gandan-dup-v", village, secret))
    for band in range(BANDS if len(fp.signature) == NUM_PERMUTATIONS else 0):
        rows = fp.signature[band * ROWS : (band + 1) * ROWS]
        keys.add(f"b{band}:" + _digest(b"gandan-dup-b", ",".join(map(str, rows)), secret))
    return frozenset(keys)
