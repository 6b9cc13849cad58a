"""Duplicate detection for citizen petitions (DOMAIN.md §4.1, Design implications 16-17).

The same matter reaches a commune many times: the citizen re-sends the letter weeks later in other words,
sends it to three bodies at once, types it again on the portal without diacritics, or the Fatherland Front, a
newspaper or the provincial reception board forwards it with a cover note.  Intake must link those petitions
to the master case instead of opening new ones, and must *not* link the same person's other matters, or two
neighbours' land disputes written in the same administrative phrasing.

This module is the pure part of that check.  With a million stored petitions and a 50 ms budget it works in
three steps:

1. :func:`fingerprint` reduces a petition to normalised identity fields, its content shingles with a MinHash
   signature, and its content vocabulary.
2. :func:`blocking_keys` turns the fingerprint into a few (at most ``3 + BANDS`` identity and band keys, plus a
   few keys of the household, the people named and what the letter is about) short opaque strings.  The
   application stores them in an indexed table ``(key, petition_id)``; the candidates for a new petition are
   the petitions sharing at least one key, found by exact-match index look-ups, never by a scan.
3. :func:`score` compares the new petition with each (few) candidate exactly, :func:`is_duplicate` applies the
   thresholds and :func:`find_duplicates` ranks the result.

Two content measures
--------------------
Both start from the same cleaning.  The content is cut into sentences; the *frame* of a Vietnamese petition is
dropped (national motto, date line, "Kính gửi", the self-introduction with name, ID, address and phone,
"Tôi xin cam đoan", "Xin trân trọng cảm ơn", "Người làm đơn", the signature, "Căn cứ ..." citations and
forwarding formulae of cover notes), because every letter has it and a person's two letters share it whatever
they are about.  Common abbreviations are expanded (UBND, ko, đc, GCNQSDĐ ...).

* **Content similarity** (:attr:`Match.content_similarity`): how much of the *text* is the same.  The folded
  syllables of each sentence give 3-grams (:data:`SHINGLE_SIZE`); 3-grams made only of function words and
  generic administrative words ("đề nghị xã", "xem xét giải quyết") are ignored.  Syllable 3-grams are used
  because Vietnamese words are mostly two syllables: syllable 2-grams are roughly single words ("đất đai",
  "ranh giới") that every land dispute shares, while 3-grams capture word pairs and concrete facts; shingles
  never cross a sentence boundary, so reordered sentences keep their shingles.  The value is
  ``max(jaccard, CONTAINMENT_WEIGHT * containment)`` on the exact shingle sets, where containment is the
  share of the smaller set found in the larger (counted only when the smaller set has at least
  :data:`MIN_CONTAINMENT_SHINGLES` shingles).  Containment keeps a letter forwarded under a long cover note,
  or re-sent with a paragraph added, next to its original; the weight makes "near-identical" mean that at
  least 80% of the shorter letter is in the longer one.  The MinHash signature only estimates the Jaccard
  index for blocking; scores always use the exact sets.
* **Vocabulary similarity** (:attr:`Match.vocabulary_similarity`): the Jaccard index of the content words
  (syllables other than function and generic administrative words).  When a person rewrites a letter,
  nearly every 3-gram changes but the vocabulary stays: the neighbour's name, the plot, the kiln, the
  allowance, the amounts.  On the written test set the same person's re-worded letters share at least 31% of
  their vocabulary and the same person's other matters at most 23%, while their 3-gram similarity overlaps.

Two answers (issue #13)
-----------------------
:func:`score` returns a :class:`Match` whose :attr:`Match.relation` is one of:

* :data:`SAME_PETITION` -- "the same petition again": the clerk merges it into the earlier case;
* :data:`SAME_MATTER` -- "the same matter, other people": the clerk links the cases, or handles them as a crowd case;
* "" -- neither.

:attr:`Match.reasons` says why, in Vietnamese (each a :class:`~gandan.core.duplicates.reasons.Reason`, which
carries its English wording too), in terms a clerk checks against the two letters ("Cùng số điện thoại",
"Cùng hộ: cùng địa chỉ số 27, thôn Thượng Lạp, cùng họ Bùi", "Cùng thửa đất số 57, tờ bản đồ 15", "Cùng đường ĐT 307",
"Thư nhắc lại đơn đã gửi", "Khác thửa đất (...)").

The evidence:

* **Identity** (:mod:`identity`): the same citizen ID; the same phone with a compatible name; the same name in the
  same village. A body forwarding a letter is not a person, but a cover text citing the citizen ("nhận được đơn của
  ông Lê Văn Cừ") is evidence of that citizen (:func:`relation.cited_evidence`).
* **Household** (:func:`relation.household_evidence`): the same phone under another name; the same house number or
  sub-village group of the same village with a family name in common; a relative named with a kinship word ("vợ ông
  Trần Văn Quý", "con trai ông Bùi Văn Toản"); a relative said to have written before ("chồng tôi đã gửi đơn") in
  the same village. A household member writing about the household's matter is the same
  petition.
* **What the letter is about** (:mod:`matter`): plots with their map sheet, decision numbers, named objects (roads by
  their code, canals, farms and kilns by their owner, quarries, companies without their legal form, schools,
  projects, venues such as a karaoke bar), people named, and the weaker details: villages and landmarks named,
  amounts, areas. One object may go by two names: a coded road by its number alone ("đường 307" is "ĐT 307"), a
  farm, kiln or quarry by its company's name ("trại lợn Hưng Phát" is "Công ty TNHH Chăn nuôi Hưng Phát";
  :func:`comparison.object_aliases`), and a kiln or farm by its owner named before it ("hộ ông Kha Văn Bảy vẫn đốt 2
  lò gạch"). A shared plot or decision is the matter; a shared named object is too for other people, and for the
  same sender when the words are related at all (:data:`OBJECT_THRESHOLD`); a school, a company or a road links
  other people only with related words besides its name (many matters arise at one). Letters about compensation
  for one road or project are each household's own claim: the project alone relates them no more than a landmark.
  **Different plots or decisions are two matters**, however alike the words (households signing one printed letter
  each complain about their own plot).
* **What the letter says about itself** (:mod:`letters`): a reminder's formula ("tôi đã gửi đơn ngày ...", "chưa
  được trả lời", "lần thứ ba") is dropped from the compared words, and a short letter of the same sender matches
  its original when most of its few words are in it (:data:`SAME_SENDER_CONTAINMENT`). A letter dating an earlier
  letter ("em đã gửi đơn hôm 15/9", "tháng 6 tôi gửi đơn", "đơn ngày 6/10") points at the sender's letter received
  that day (up to :data:`relation.LETTER_TRAVEL_DAYS` later, for the post) or that month
  (:func:`relation.dated_evidence`); a date in a sentence about an event ("ngày 25/9 cháu bị ngã") is not read. A
  body's cover text counts only for what it reports of the matter ("... phản ánh việc ..."), and a summary of
  several matters ("1. Cử tri thôn … phản ánh …", "2. …") is compared item by item (:attr:`Fingerprint.items`),
  so that its three matters do not dilute one another. A matter "closed once and happening again" ("đã thay toàn
  bộ bóng … nay đèn lại tắt") is a new petition, not the sender's old one: the later letter saying so parts the
  two, and among a new letter's candidates (:func:`part_occurrences`) the sender's letters from before the one that
  says so are the closed occurrence. A letter saying when its matter was closed ("xã đã cho nạo vét tháng 9/2024")
  parts it from the letters received before then (:func:`relation.before_closing`). People a body names as examples
  of many ("trong đó có ông …") are not the citizens it forwards.
* **Text**: the content and vocabulary similarities above.

The rules (:func:`relation.relation`): different plots or decisions -> "". The same sender (person or household)
with a near-identical text, related vocabulary (:data:`SAME_PERSON_THRESHOLD`), a fifth of the phrases in common
(:data:`SAME_SENDER_CONTENT`), a shared plot or decision, a shared object with some related words, one trouble of
their village with some related words, a short letter contained in the other, or a letter dating the other -> same
petition; so does a relative, the household phone or a body citing the sender on the same kind of trouble with
some related words (:data:`OBJECT_THRESHOLD`). A likely identity (the
same name, one address lacking the village) with :data:`WEAK_PERSON_THRESHOLD` or a shared object -> same petition.
A near-identical text signed by two different people is one printed letter: two claims (not even linked) when
their amounts or areas differ, else one matter raised by several households (same matter); from anyone else (a body
forwarding a copy) -> same petition. Otherwise a shared object or plot, one letter
naming the other's sender with related words, two shared details (a place and an amount) with related words
(:data:`SAME_MATTER_THRESHOLD`), one trouble of one village in some related words (:data:`OBJECT_THRESHOLD`: "Cùng
phản ánh kênh mương tưới ở thôn Thượng Lạp"), or one item of a body's summary telling the matter in related words in
a place both name -> same matter.

A **protected denunciation** (:attr:`PetitionText.protected`) on either side makes both compared in their
content-only form (:func:`content_only`): no identity, household or names of people, so no answer depends on who
sent either letter and no reason mentions it. Two protected denunciations of one matter are the same petition
(their senders cannot be compared; :data:`PROTECTED_THRESHOLD`).

:func:`is_duplicate` is "same petition"; :func:`is_related` either answer; :func:`find_duplicates` ranks the same
petitions (and with ``include_weak`` the rest after them), :func:`find_related` both answers, merges first. The
module :mod:`evaluation` measures the check on a labelled set the way intake runs it.
"""

from gandan.core.duplicates.blocking import blocking_keys, fingerprint, minhash_signature
from gandan.core.duplicates.comparison import compare_matter
from gandan.core.duplicates.content import content_shingles, content_words
from gandan.core.duplicates.identity import address_places, name_tokens, normalize_citizen_id
from gandan.core.duplicates.matter import matter_features
from gandan.core.duplicates.model import (
    ANYONE_THRESHOLD,
    BANDS,
    CONTAINMENT_WEIGHT,
    MAX_CANDIDATES,
    MIN_CONTAINED_WORDS,
    MIN_CONTAINMENT_SHINGLES,
    NUM_PERMUTATIONS,
    OBJECT_THRESHOLD,
    PROTECTED_THRESHOLD,
    ROWS,
    SAME_MATTER,
    SAME_MATTER_THRESHOLD,
    SAME_PERSON_THRESHOLD,
    SAME_PETITION,
    SAME_SENDER_CONTAINMENT,
    SAME_SENDER_CONTENT,
    SHINGLE_SIZE,
    WEAK_PERSON_THRESHOLD,
    Fingerprint,
    Match,
    MatterFeatures,
    PetitionText,
)
from gandan.core.duplicates.scoring import (
    content_only,
    find_duplicates,
    find_related,
    is_duplicate,
    is_related,
    part_occurrences,
    score,
)
from gandan.core.identifiers import normalize_phone

__all__ = [
    "ANYONE_THRESHOLD",
    "BANDS",
    "CONTAINMENT_WEIGHT",
    "MAX_CANDIDATES",
    "MIN_CONTAINED_WORDS",
    "MIN_CONTAINMENT_SHINGLES",
    "NUM_PERMUTATIONS",
    "OBJECT_THRESHOLD",
    "PROTECTED_THRESHOLD",
    "ROWS",
    "SAME_MATTER",
    "SAME_MATTER_THRESHOLD",
    "SAME_PERSON_THRESHOLD",
    "SAME_PETITION",
    "SAME_SENDER_CONTAINMENT",
    "SAME_SENDER_CONTENT",
    "SHINGLE_SIZE",
    "WEAK_PERSON_THRESHOLD",
    "Fingerprint",
    "Match",
    "MatterFeatures",
    "PetitionText",
    "address_places",
    "blocking_keys",
    "compare_matter",
    "content_only",
    "content_shingles",
    "content_words",
    "find_duplicates",
    "find_related",
    "part_occurrences",
    "fingerprint",
    "is_duplicate",
    "is_related",
    "matter_features",
    "minhash_signature",
    "name_tokens",
    "normalize_citizen_id",
    "normalize_phone",
    "score",
]
