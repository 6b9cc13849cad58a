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
2. :func:`blocking_keys` turns the fingerprint into a few (at most ``3 + BANDS``) short opaque strings.  The
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

What counts as a duplicate
--------------------------
A duplicate is the *same matter raised again* (:func:`is_duplicate`):

* the same person (same citizen ID; or same phone with a compatible name; or same name in the same
  village) with vocabulary similarity >= :data:`SAME_PERSON_THRESHOLD`, or any content similarity that would
  make it a duplicate from anyone;
* the same name where one address lacks the village (identity only likely) with vocabulary similarity >=
  :data:`WEAK_PERSON_THRESHOLD`;
* anyone with near-identical content, content similarity >= :data:`ANYONE_THRESHOLD`: the same letter signed
  by a neighbour, sent to several bodies, forwarded by the Fatherland Front, a deputy or the press.

The same person writing about another matter shares little vocabulary and is not a duplicate.  Different
people writing about similar matters (two boundary disputes in one village, households using one template
for their own compensation claims) share phrases but not the facts: their containment stays below 80%.
Different people independently reporting the same matter in their own words (two neighbours complaining about
the same pig farm) are *not* found by these rules: without shared identity or text, their similarity is that
of any two complaints about pig farms.  Once one of them is linked to the master case, the officer sees the
case's other petitions; that is the limit of what text matching can do safely.
"""

from gandan.core.duplicates.blocking import blocking_keys, fingerprint, minhash_signature
from gandan.core.duplicates.content import content_shingles, content_words
from gandan.core.duplicates.identity import address_places, name_tokens, normalize_citizen_id
from gandan.core.duplicates.matter import matter_features
from gandan.core.duplicates.model import (
    ANYONE_THRESHOLD,
    BANDS,
    CONTAINMENT_WEIGHT,
    MAX_CANDIDATES,
    MIN_CONTAINMENT_SHINGLES,
    NUM_PERMUTATIONS,
    ROWS,
    SAME_MATTER,
    SAME_PERSON_THRESHOLD,
    SAME_PETITION,
    SHINGLE_SIZE,
    WEAK_PERSON_THRESHOLD,
    Fingerprint,
    Match,
    MatterFeatures,
    PetitionText,
)
from gandan.core.duplicates.relation import compare_matter
from gandan.core.duplicates.scoring import (
    content_only,
    find_duplicates,
    find_related,
    is_duplicate,
    is_related,
    score,
)
from gandan.core.identifiers import normalize_phone

__all__ = [
    "ANYONE_THRESHOLD",
    "BANDS",
    "CONTAINMENT_WEIGHT",
    "MAX_CANDIDATES",
    "MIN_CONTAINMENT_SHINGLES",
    "NUM_PERMUTATIONS",
    "ROWS",
    "SAME_MATTER",
    "SAME_PERSON_THRESHOLD",
    "SAME_PETITION",
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
