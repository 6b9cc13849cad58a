"""Duplicate detection: the two answers of issue #13 and the reasons a clerk can check.

* :func:`~gandan.core.duplicates.comparison.compare_matter` compares what two letters are about.
* :func:`household_evidence` tells whether two letters come from one household: the same phone under another name,
  the same house or group of the village with a family name in common, or a relative named with a kinship word.
* :func:`relation` combines them with the identity evidence and the text similarities into
  :data:`SAME_PETITION` (the same sender or household, the same matter: merge), :data:`SAME_MATTER` (the same
  concrete matter from other people: link, or a crowd case) or "".

The rules are described in the docstring of the package, :mod:`gandan.core.duplicates`.
"""

from datetime import date

from gandan.core.duplicates.comparison import (
    MatterComparison,
    _label,
    _merged,
    _title,
)
from gandan.core.duplicates.matter import COMMUNAL_TROUBLES, TROUBLE_LABELS, TROUBLE_LABELS_EN
from gandan.core.duplicates.model import (
    ANYONE_THRESHOLD,
    MIN_CONTAINED_WORDS,
    OBJECT_THRESHOLD,
    PROTECTED_THRESHOLD,
    SAME_MATTER,
    SAME_MATTER_THRESHOLD,
    SAME_PERSON_THRESHOLD,
    SAME_PETITION,
    SAME_SENDER_CONTAINMENT,
    SAME_SENDER_CONTENT,
    WEAK_PERSON_THRESHOLD,
    Fingerprint,
    MatterFeatures,
)
from gandan.core.duplicates.reasons import Reason

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)  # fmt: skip (in English whatever the process's locale)
# Weak details (villages named, landmarks, amounts) that link two letters with related words.
_WEAK_DETAILS_FOR_LINK = 2


def _surnames(fp: Fingerprint) -> set[str]:
    return ({fp.name[0]} if len(fp.name) >= 2 else set()) | {name.split()[0] for name in fp.relatives}


def _names_match(name: tuple[str, ...], other: str) -> bool:
    words = other.split()
    return len(name) >= 2 and len(words) >= 2 and name[0] == words[0] and name[-1] == words[-1]


def _villages_agree(a: Fingerprint, b: Fingerprint) -> bool:
    return (
        not a.places
        or not b.places
        or a.places[0] == b.places[0]
        or a.places[0] in b.places
        or b.places[0] in a.places
    )


def household_evidence(a: Fingerprint, b: Fingerprint, *, names_differ: bool) -> list[str]:
    """Reasons that two letters come from one household (empty when nothing says so). Symmetric.

    ``names_differ``: the senders' names are known and not the same person's (else the person rules apply)."""
    if a.organisation or b.organisation:
        return []
    reasons: list[str] = []
    if a.phone and a.phone == b.phone and names_differ:
        reasons.append(
            Reason(
                "Cùng hộ: cùng số điện thoại, khác tên người gửi",
                "Same household: same phone number, another sender's name",
            )
        )
    if a.places and b.places and a.places[0] == b.places[0]:
        common = sorted(_surnames(a) & _surnames(b))
        details = sorted(set(a.household) & set(b.household))
        if common and details:
            where = details[0].split(":", 1)[1]
            house = details[0].startswith("house:")
            place = f"số {where}" if house else f"xóm/tổ {where}"
            place_en = f"no. {where}" if house else f"hamlet/group {where}"
            labels = _merged(a.labels, b.labels)
            village, family = (
                labels.get(a.places[0], _title(a.places[0])),
                labels.get(common[0], _title(common[0])),
            )
            reasons.append(
                Reason(
                    f"Cùng hộ: cùng địa chỉ {place}, thôn {village}, cùng họ {family}",
                    f"Same household: same address {place_en}, village {village}, same family name {family}",
                )
            )
    if _villages_agree(a, b) and (
        any(_names_match(b.name, r) for r in a.relatives) or any(_names_match(a.name, r) for r in b.relatives)
    ):
        reasons.append(
            Reason(
                "Cùng hộ: đơn nêu người gửi đơn kia là người thân",
                "Same household: the letter names the other letter's sender as a relative",
            )
        )
    elif (a.kin_sent or b.kin_sent) and a.places and b.places and a.places[0] == b.places[0]:
        # "Chồng tôi đã gửi đơn ...": a relative, unnamed, wrote before; the same village. The matter must agree too.
        reasons.append(
            Reason(
                "Cùng hộ: đơn nói người thân đã gửi đơn, cùng thôn",
                "Same household: the letter says a relative has written, from the same village",
            )
        )
    return reasons


def cited_evidence(a: Fingerprint, b: Fingerprint) -> list[str]:
    """A body's cover text citing the other letter's sender by name ("đơn của ông Lê Văn Cừ"). Symmetric."""
    for cover, other in ((a, b), (b, a)):
        if (
            (cover.organisation or cover.cover)
            and not other.organisation
            and any(_names_match(other.name, c) for c in cover.cited)
            and _villages_agree(cover, other)
        ):
            return [
                Reason(
                    "Văn bản chuyển đơn nêu tên người gửi đơn kia",
                    "The forwarding letter names the other letter's sender",
                )
            ]
    return []


def mention_evidence(a: Fingerprint, b: Fingerprint) -> list[str]:
    """One letter names the other's sender ("hàng xóm của cụ Nguyễn Thị Xuân", "hộ ông Lê Văn Tâm lấn đất"): with
    related words, the same matter seen by someone else. Symmetric; nothing for a protected letter (no names)."""
    for letter, other in ((a, b), (b, a)):
        if not other.organisation and any(
            _names_match(other.name, person) for person in letter.matter.people
        ):
            return [Reason("Đơn nêu tên người gửi đơn kia", "The letter names the other letter's sender")]
    return []


# A letter is received within this many days of the day its sender dates it (the post, a weekend).
LETTER_TRAVEL_DAYS = 10


def _cites(citing: Fingerprint, cited: Fingerprint) -> str:
    """How ``citing`` dates an earlier letter on the day ``cited`` was received: the day ("15/09") or the month
    ("06"), or ""."""
    try:
        received = date.fromisoformat(cited.received)
        own = date.fromisoformat(citing.received) if citing.received else None
    except ValueError:
        return ""
    if own is not None and received >= own:
        return ""
    for text in citing.letter_dates:
        year, month, day = (int(part) for part in text.split("-"))
        if year == 1:  # "năm ngoái": the year before the citing letter's
            if own is None:
                continue
            year = own.year - 1
        if not year and own is not None:
            # "tháng 6", "hôm 15/9" without a year: the last such day before the letter citing it.
            year = own.year if (month, day) <= (own.month, own.day) else own.year - 1
        if year and year not in (received.year, received.year - 1):
            continue
        if day:
            for guess in (year,) if year else (received.year, received.year - 1):
                try:
                    delta = (received - date(guess, month, day)).days
                except ValueError:
                    continue
                if 0 <= delta <= LETTER_TRAVEL_DAYS:
                    return f"{day:02d}/{month:02d}"
        else:
            if received.month == month and year in (0, received.year):
                return f"{month:02d}"
            late = received.day <= LETTER_TRAVEL_DAYS and received.month == month % 12 + 1
            if late and year in (0, received.year - (month == 12)):
                return f"{month:02d}"
    return ""


def dated_evidence(a: Fingerprint, b: Fingerprint) -> list[str]:
    """One letter dates an earlier letter on the day, or in the month, the other was received ("tôi đã gửi đơn
    ngày 15/9": the other was received on 15/09). Symmetric."""
    for citing, cited in ((a, b), (b, a)):
        when = _cites(citing, cited)
        if when:
            day = date.fromisoformat(cited.received)
            vi, en = (
                (f"ngày {when}", f"on {when}")
                if "/" in when
                else (f"tháng {when}", f"in {_MONTHS[int(when) - 1]}")
            )
            return [
                Reason(
                    f"Đơn nêu đơn đã gửi {vi}, trùng ngày nhận đơn kia ({day:%d/%m/%Y})",
                    f"The letter cites a letter sent {en}, when the other was received ({day:%d/%m/%Y})",
                )
            ]
    return []


def trouble_villages(fp: Fingerprint) -> tuple[str, ...]:
    """The villages a letter's troubles are in: its address's village, then those its text names. The address's first
    place is its village only when a commune follows it ("Thôn Hải Tiến, xã Hải Lựu"): "xã Đồng Thịnh" alone is a
    commune, far too wide for one trouble. Read alike by the keys (:func:`blocking.blocking_keys`) and the rule."""
    address = fp.places[:1] if len(fp.places) >= 2 else ()
    return tuple(dict.fromkeys((*address, *fp.matter.villages)))


def trouble_evidence(a: Fingerprint, b: Fingerprint) -> list[str]:
    """Both complain of a kind of trouble in one village (of their addresses or named in their texts): the reason
    ("Cùng phản ánh rác thải ở thôn Hải Tiến"), or nothing."""
    shared = sorted(set(a.matter.troubles) & set(b.matter.troubles) & COMMUNAL_TROUBLES)
    if not shared:
        return []
    villages = sorted(set(trouble_villages(a)) & set(trouble_villages(b)))
    if not villages:
        return []
    labels = _merged(a.matter.labels + a.labels, b.matter.labels + b.labels)
    village = _label(labels, villages[0])
    if village.split()[0].lower() not in ("thôn", "xóm", "làng", "khu", "xứ", "tổ", "bản", "ấp"):
        village = f"thôn {village}"
    return [
        Reason(
            f"Cùng phản ánh {', '.join(TROUBLE_LABELS[t] for t in shared)} ở {village}",
            f"Both letters report {', '.join(TROUBLE_LABELS_EN[t] for t in shared)} in {village}",
        )
    ]


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller word set found in the larger; 0 when the smaller has too few words to say."""
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller >= MIN_CONTAINED_WORDS else 0.0


def relation(
    a: Fingerprint,
    b: Fingerprint,
    *,
    person: float,
    household: bool,
    content: float,
    vocabulary: float,
    matter: MatterComparison,
    mentioned: bool = False,
    dated: bool = False,
    item: float = 0.0,
    same_trouble: bool = False,
    cited: bool = False,
) -> str:
    """The answer for two letters (see the module docstring). ``person`` is the person evidence (1.0, 0.5, 0.0);
    ``mentioned``: one letter names the other's sender (:func:`mention_evidence`); ``dated``: one dates an
    earlier letter on the day the other was received (:func:`dated_evidence`); ``item``: the vocabulary similarity
    of a summary's most related item (:attr:`Fingerprint.items`); ``same_trouble``: both complain of one kind of
    trouble in one village."""
    if matter.against:
        return ""  # different plots or decisions: two matters, however alike the words (template letters)
    if before_closing(a, b):
        return ""  # the later letter says the matter was closed since the earlier one: that one was answered
    near = content >= ANYONE_THRESHOLD
    contained = containment(a.words, b.words)
    if a.protected or b.protected:
        if (
            a.protected
            and b.protected
            and (
                near
                or vocabulary >= PROTECTED_THRESHOLD
                or (matter.strong and contained >= SAME_SENDER_CONTAINMENT)
                or (dated and (vocabulary >= SAME_MATTER_THRESHOLD or matter.strong or matter.weak_count))
                # Re-sent in other words: one kind of trouble in one village, and related words.
                or (same_trouble and vocabulary >= SAME_MATTER_THRESHOLD)
            )
        ):
            return SAME_PETITION
        if near:
            return SAME_PETITION
        return _linked(a, b, vocabulary, matter)
    same_sender = person >= 1.0 or household
    short = a.reminder or b.reminder or min(len(a.words), len(b.words)) <= 2 * MIN_CONTAINED_WORDS
    if same_sender and not near and not matter.specific and _another_matter(a, b, matter, short=short):
        return ""
    # A shared plot or decision is the matter; a shared named object is, when the words do not say otherwise
    # (the same person may write about the road's lights and, years later, about its drains).
    related = (
        vocabulary >= SAME_PERSON_THRESHOLD
        or content >= SAME_SENDER_CONTENT
        or matter.specific
        or (bool(matter.strong) and vocabulary >= OBJECT_THRESHOLD)
        # The sender's own letter on one trouble of their village in other words ("chỗ để rác cạnh cầu máng" for
        # "điểm tập kết rác đầu thôn"); not a guessed household (a cousin next door has a house of his own).
        or (same_trouble and person >= 1.0 and vocabulary >= OBJECT_THRESHOLD)
        # A relative named, or the household's phone, on the same kind of trouble: the household's own claim told
        # by another member (a son for his mother's allowance, a daughter-in-law for the trees cut on their hill); or
        # a body's letter citing the sender ("nhận được đơn của bà Nguyễn Thị Hường … đề nghị hỗ trợ làm nhà").
        or (
            (_kin(a, b) or cited)
            and bool(set(a.matter.troubles) & set(b.matter.troubles))
            and vocabulary >= OBJECT_THRESHOLD
        )
        or (short and contained >= SAME_SENDER_CONTAINMENT)
    )
    # The same sender dating an earlier letter on the day the other was received points at it, whatever the words.
    pointed = dated and (short or vocabulary >= OBJECT_THRESHOLD or bool(matter.strong))
    if same_sender and (near or related or pointed):
        # A matter closed once and happening again is a new petition; the sender's old one is not it, nor linked.
        return "" if _reopens(a, b) else SAME_PETITION
    if person > 0 and (vocabulary >= WEAK_PERSON_THRESHOLD or matter.strong or pointed):
        return SAME_PETITION
    if near and _two_people(a, b):
        # One printed letter signed by two households: each its own claim when their amounts or areas differ (not
        # even linked), else one matter raised by several people (a crowd case).
        return "" if _own_claims(a.matter, b.matter) else SAME_MATTER
    if near:
        return SAME_PETITION  # a copy forwarded by a body, sent to several bodies
    return _linked(a, b, vocabulary, matter, mentioned=mentioned, item=item, same_trouble=same_trouble)


def before_closing(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether the later of two letters says its matter was closed after the earlier one was received ("xã đã cho
    nạo vét tháng 9/2024", "được trải nhựa năm 2025"): the earlier letter is about the closed occurrence. Not for a
    body's summary of several matters (its closing is one item's)."""
    if not (a.received and b.received) or a.received == b.received:
        return False
    earlier, later = sorted((a, b), key=lambda fp: fp.received)
    if not later.closed_on or later.items or later.closed_on > later.received[:7]:
        return False  # a plan ("theo kế hoạch tháng 6/2025 cống được nạo vét") is not a closing
    year, month = later.closed_on.split("-")
    return earlier.received[:4] < year if month == "00" else earlier.received[:7] < later.closed_on


def _kin(a: Fingerprint, b: Fingerprint) -> bool:
    """One letter names the other's sender as a relative, or both give one phone under two names."""
    if a.organisation or b.organisation:
        return False
    named = any(_names_match(b.name, r) for r in a.relatives) or any(
        _names_match(a.name, r) for r in b.relatives
    )
    return named or bool(a.phone and a.phone == b.phone and a.name != b.name)


def _reopens(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether the later of two letters says the matter was closed and is happening again: the earlier one is the
    closed occurrence. A letter after the one that says so follows the new occurrence (a reminder of it). With a
    date missing, one letter saying so parts them (both saying so are on the new occurrence)."""
    if a.received and b.received and a.received != b.received:
        earlier, later = sorted((a, b), key=lambda fp: fp.received)
        # Both saying so: two letters on the new occurrence (a reminder of it).
        return later.settled_again and not earlier.settled_again
    return a.settled_again != b.settled_again


def _another_matter(a: Fingerprint, b: Fingerprint, matter: MatterComparison, *, short: bool) -> bool:
    """What tells a clerk that two letters of one sender are two matters: one says so ("nay tôi xin phản ánh một việc
    khác"), or, both told in full, they complain of different kinds of trouble (the road's lights, then its drains).
    A reminder names its matter in a few words of its own, so its kinds of trouble say little."""
    return a.other_matter or b.other_matter or (matter.other_troubles and not short)


def _two_people(a: Fingerprint, b: Fingerprint) -> bool:
    """Both letters are signed by people, known to be different (a body's letter or cover text is not)."""
    if a.organisation or b.organisation or a.cover or b.cover:
        return False
    names_differ = (
        len(a.name) >= 2 and len(b.name) >= 2 and (a.name[0], a.name[-1]) != (b.name[0], b.name[-1])
    )
    return names_differ or bool(a.citizen_id and b.citizen_id and a.citizen_id != b.citizen_id)


def _own_claims(a: MatterFeatures, b: MatterFeatures) -> bool:
    for prefix in ("vnd:", "m2:", "ha:", "sao:"):
        mine = {d for d in a.details if d.startswith(prefix)}
        theirs = {d for d in b.details if d.startswith(prefix)}
        if mine and theirs and not mine & theirs:
            return True
    return False


def _rest_similarity(a: frozenset[str], b: frozenset[str], name: frozenset[str]) -> float:
    """Jaccard index of two vocabularies without the words that name a shared object."""
    rest_a, rest_b = a - name, b - name
    common = len(rest_a & rest_b)
    union = len(rest_a) + len(rest_b) - common
    return common / union if union else 0.0


def _linked(
    a: Fingerprint,
    b: Fingerprint,
    vocabulary: float,
    matter: MatterComparison,
    *,
    mentioned: bool = False,
    item: float = 0.0,
    same_trouble: bool = False,
) -> str:
    related_words = vocabulary >= SAME_MATTER_THRESHOLD
    if matter.only_institutions:
        # Many matters arise at one school or company: the words besides its name must be related (those of one
        # item of a summary, if that is closer).
        rest = max(
            _rest_similarity(one, other, matter.name_words)
            for x, y in ((a, b), (b, a))
            for one in (x.words, *x.items)
            for other in (y.words,)
        )
        # A body's summary holds other matters too: its words are diluted, as for a same sender's named object.
        summary = a.cover or b.cover or a.organisation or b.organisation
        needed = OBJECT_THRESHOLD if summary else SAME_MATTER_THRESHOLD
        return SAME_MATTER if rest >= needed else ""
    if matter.strong:
        return SAME_MATTER
    if mentioned and related_words:
        return SAME_MATTER
    if matter.weak_count >= _WEAK_DETAILS_FOR_LINK and related_words:
        return SAME_MATTER
    if same_trouble and vocabulary >= OBJECT_THRESHOLD and not matter.other_troubles:
        # Other villagers on one kind of trouble in their village, in some words of their own (the water supply of
        # Khe Lau; "đoạn đường trước cửa nhà bị lún" and "đường qua cổng nhà văn hóa sụt lún"): one trouble of one
        # village is as specific as a named object.
        return SAME_MATTER
    if item >= SAME_PERSON_THRESHOLD and matter.weak_count:
        # One item of a body's summary tells this matter in its own words, in the same place.
        return SAME_MATTER
    return ""
