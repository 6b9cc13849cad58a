"""Finding English sentences in text a Vietnamese page shows (a msgid left untranslated).

TEMPORARY minimal version (helper 4's branch): helper 3 writes the real detector under this name and signature;
keep theirs at merge. A piece of text counts as an English sentence when it has at least three words, no letter
only Vietnamese uses, and at least two of the short words every English sentence is made of."""

import re

# Short English words that are not Vietnamese words written without marks ("in", "to", "an", "no", "con" are).
_GLUE = frozenset(
    [
        "the",
        "and",
        "of",
        "for",
        "with",
        "your",
        "you",
        "is",
        "are",
        "be",
        "was",
        "were",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "not",
        "please",
        "which",
        "what",
        "when",
        "how",
        "here",
        "there",
        "will",
        "from",
        "by",
        "as",
        "at",
        "has",
        "have",
        "had",
        "been",
        "can",
        "may",
        "must",
        "should",
        "would",
        "could",
        "than",
        "then",
        "their",
        "our",
        "we",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "who",
        "whom",
        "whose",
        "if",
        "or",
        "but",
        "into",
        "about",
        "after",
        "before",
        "only",
        "more",
        "most",
        "each",
        "every",
        "any",
        "some",
        "all",
        "one",
    ]
)
_VIETNAMESE = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)
_PIECES = re.compile(r"(?<=[.!?:;])\s+|\n+|\s{2,}")
_WORD = re.compile(r"[A-Za-z']+")


def english_sentences(text: str) -> list[str]:
    """The pieces of `text` (split at sentence ends and line breaks) that read as English."""
    found = []
    for piece in _PIECES.split(text):
        piece = piece.strip()
        if not piece or _VIETNAMESE.search(piece):
            continue
        words = [w.lower() for w in _WORD.findall(piece)]
        if len(words) >= 3 and sum(w in _GLUE for w in words) >= 2:
            found.append(piece)
    return found
