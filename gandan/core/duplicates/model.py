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
#: ... or content (3-gram) similarity: a fifth of the phrases again. The same person's other matters share at most
#: 0.09 of them on the written set (whose re-worded letters share 0.27 of their words and more).
SAME_SENDER_CONTENT = 0.2
#: Vocabulary similarity needed when the identity is only likely (same name, one address lacks the village).
WEAK_PERSON_THRESHOLD = 0.40
#: Content similarity of a near-identical letter, a duplicate whoever sent it.
ANYONE_THRESHOLD = 0.60

#: Share of the shorter letter's content words found in the longer one that makes a short letter of the same
#: sender (a reminder, a shortened re-sending) the same matter, when it has at least MIN_CONTAINED_WORDS words.
SAME_SENDER_CONTAINMENT = 0.5
MIN_CONTAINED_WORDS = 5
#: Vocabulary similarity that, with a shared named object (a road, a farm), makes two letters of the same sender
#: the same matter.
OBJECT_THRESHOLD = 0.12
#: Vocabulary similarity that, with two shared details (a village, an amount, a landmark), makes two letters of
#: different people the same matter.
SAME_MATTER_THRESHOLD = 0.2
#: Vocabulary similarity that makes two protected denunciations of the same concrete matter one petition (their
#: senders cannot be compared).
PROTECTED_THRESHOLD = 0.27

#: Candidates scored per look-up: those sharing most blocking keys (see :func:`blocking_keys`).
MAX_CANDIDATES = 30

#: The two answers of the check (:attr:`Match.relation`).
SAME_PETITION = "same_petition"
SAME_MATTER = "same_matter"

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
    protected: bool = False  # a denunciation whose sender must stay secret: compared on its content only
    received: str = ""  # the day it was received, "YYYY-MM-DD" ("" when not known)


@dataclass(frozen=True, slots=True)
class MatterFeatures:
    """The concrete things a petition names (folded keys; labels as the citizen wrote them, for the reasons).

    Attributes:
        plots: "57/15" (plot 57 of map sheet 15) or "57/" (the sheet not given).
        decisions: "1452/qd" (a decision's number and document kind).
        objects: (key, label) pairs: ("road:dt 307", "đường ĐT 307"), ("farm:luc", "trại lợn ông Lực").
        villages: folded names of the villages and hamlets named in the text ("go gao", "xom 3").
        programmes: the allowances, programmes and procedures concerned ("ho_ngheo", "so_do", "boi_thuong").
        details: amounts ("vnd:500000"), areas ("m2:420") and years ("y:2025").
        people: folded full names of the people the text names ("le van tam"), the sender's own excepted.
        labels: (key, label) pairs giving villages and people as typed ("go gao" -> "thôn Gò Gạo"), for reasons.
        troubles: the kinds of trouble complained of ("pollution", "boundary", "lighting", …).
    """

    plots: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    objects: tuple[tuple[str, str], ...] = ()
    villages: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    details: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()
    troubles: tuple[str, ...] = ()


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
        protected: a denunciation whose sender must stay secret: compared on its content only, and never
            explained by identity.
        household: the address below the village, "house:27" (a house number) or "group:3" (xóm, tổ, đội).
        relatives: folded names of relatives the letter names with a kinship word ("vợ ông Trần Văn Quý").
        cited: folded names of the citizens whose letter a body's cover text cites ("đơn của ông Lê Văn Cừ").
        reminder: the letter says it repeats an earlier one ("tôi đã gửi đơn ngày ...", "lần thứ ba").
        kin_sent: the letter says a relative sent a letter before ("chồng tôi đã gửi đơn", "bố tôi có đơn").
        cover: the letter is, or holds, a forwarding body's cover text or a summary of voters' opinions.
        settled_again: the letter says its matter was closed once and is happening again.
        closed_on: when the letter says its matter was closed, "YYYY-MM" ("YYYY-00": the year alone), or "":
            the letters on it received before then are about the closed occurrence.
        matter: the concrete things the letter names (:class:`MatterFeatures`).
        labels: (key, label) pairs giving the sender's family name and village as typed ("bui" -> "Bùi").
        received: the day the letter was received, "YYYY-MM-DD", or "".
        letter_dates: the dates of earlier letters it cites ("tôi đã gửi đơn ngày 15/9": "0000-09-15"; see
            :func:`letters.letter_dates`).
        items: a body's summary of several matters ("1. Cử tri thôn … phản ánh …", "2. …"): the content words of
            each item, compared one by one (empty for a letter of one matter).
        other_matter: the letter says it raises another matter than the sender's earlier letter ("nay tôi xin
            phản ánh một việc khác").
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
    protected: bool = False
    household: tuple[str, ...] = ()
    relatives: tuple[str, ...] = ()
    cited: tuple[str, ...] = ()
    reminder: bool = False
    kin_sent: bool = False
    cover: bool = False
    settled_again: bool = False
    closed_on: str = ""
    matter: MatterFeatures = MatterFeatures()
    labels: tuple[tuple[str, str], ...] = ()
    received: str = ""
    letter_dates: tuple[str, ...] = ()
    items: tuple[frozenset[str], ...] = ()
    other_matter: bool = False


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
        relation: the answer, :data:`SAME_PETITION` (the same sender or household, the same matter: merge),
            :data:`SAME_MATTER` (the same concrete matter from other people: link, or a crowd case) or "".
        household: the identity evidence says both come from one household (another member, or the same person).
    """

    score: float
    same_person: bool
    content_similarity: float
    reasons: tuple[str, ...]
    vocabulary_similarity: float = 0.0
    person_evidence: float = 0.0
    relation: str = ""
    household: bool = False
