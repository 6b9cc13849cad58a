"""Duplicate detection: the tuning constants (shingle size, LSH banding, thresholds) and the data types
:class:`PetitionText` (input), :class:`Fingerprint` (normalised petition) and :class:`Match` (comparison).
The design they implement is described in the docstring of the package, :mod:`gandan.core.duplicates`,
which is what "the module docstring" means in the comments and docstrings below.
"""

from dataclasses import dataclass

#: Syllables per content shingle (see the module docstring).
SHINGLE_SIZE = 3

#: LSH banding of the MinHash signature: BANDS bands of ROWS rows each (see :func:`blocking_keys`).
BANDS = 20
ROWS = 3
NUM_PERMUTATIONS = BANDS * ROWS

#: Vocabulary similarity that makes two petitions of the same person the same matter.
SAME_PERSON_THRESHOLD = 0.27
#: Vocabulary similarity needed when the identity is only likely (same name, one address lacks the village).
WEAK_PERSON_THRESHOLD = 0.40
#: Content similarity of a near-identical letter, a duplicate whoever sent it.
ANYONE_THRESHOLD = 0.60

#: Containment counts only when the smaller shingle set has at least this many shingles ...
MIN_CONTAINMENT_SHINGLES = 12
#: ... and is weighted so that ANYONE_THRESHOLD needs 80% of the shorter letter inside the longer one.
CONTAINMENT_WEIGHT = 0.75


# --------------------------------------------------------------------------------------------------------------
# Input and fingerprint
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PetitionText:
    """The parts of a petition that duplicate detection looks at, as typed at intake."""

    citizen_id: str = ""
    phone: str = ""
    name: str = ""
    address: str = ""
    content: str = ""


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """Normalised identity and content of one petition (see :func:`fingerprint`).

    Attributes:
        citizen_id: 12 digits, or "" when absent or malformed.
        phone: 10-digit Vietnamese mobile number starting with 0, or "".
        name: folded name tokens without a leading title ("ông", "bà" ...).
        organisation: the sender is a body (Fatherland Front, newspaper, agency) forwarding the petition,
            so its name, phone and address say nothing about the citizen and are not used.
        places: folded place names of the address, most specific first (village, then commune), without
            house numbers, sub-village groups, districts and provinces.
        address: folded address tokens without administrative words ("thôn", "xã", "tỉnh" ...) and provinces.
        shingles: content 3-gram shingles (see the module docstring).
        words: content vocabulary (see the module docstring).
        signature: MinHash signature of the shingles, :data:`NUM_PERMUTATIONS` values (empty without content).
    """

    citizen_id: str = ""
    phone: str = ""
    name: tuple[str, ...] = ()
    organisation: bool = False
    places: tuple[str, ...] = ()
    address: tuple[str, ...] = ()
    shingles: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    signature: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """How one petition compares with another.

    Attributes:
        score: 0..1, for ranking: the content similarity, raised towards 1 by identity evidence in proportion
            to how related the vocabularies are.
        same_person: the identity evidence says both come from the same person.
        content_similarity: exact shingle similarity, 0..1 (see the module docstring).
        reasons: Vietnamese explanations for the intake officer.
        vocabulary_similarity: Jaccard index of the content vocabularies, 0..1.
        person_evidence: 1.0 same person, 0.5 same name with a partly matching address, 0.0 otherwise.
    """

    score: float
    same_person: bool
    content_similarity: float
    reasons: tuple[str, ...]
    vocabulary_similarity: float = 0.0
    person_evidence: float = 0.0
