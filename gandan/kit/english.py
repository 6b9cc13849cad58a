"""Finding English sentences in the text of a page that should be Vietnamese.

The site's msgids are English; a string someone forgot to mark for translation, or whose msgstr is missing, reaches
the citizen in English. A browser test reads each page's visible text and asks `english_sentences` for what looks like
English prose, so that "Which kind of petition should I choose?" is caught while "UBND", "PDF", "HS-2026-000123",
`hoso@ubnd.gov.vn`, a name typed without accents ("Nguyen Van An") or a URL are not.

How: the text is cut at line breaks and sentence ends; inside each piece, a *run* is a sequence of consecutive plain
ASCII words (letters, maybe one apostrophe). Anything else — a word with a Vietnamese letter, a number, a code, an
e-mail, a URL, a symbol — ends the run. A run of three or more words is English when three of its words, or two that
make at least half of it, are common English words from `COMMON_WORDS`. That list leaves out every word that is also a
Vietnamese syllable written without accents ("to", "do", "in", "an", "can", "may", "the", "not", "but", "it", "at", "a"), so
Vietnamese typed on a keyboard without accents is not taken for English.

Pure Python, no Django: the page-walk tests use it on text read from Playwright.
"""

import re

__all__ = ["COMMON_WORDS", "english_sentences"]

#: Common English words: function words and the words of a web form's labels and buttons. Lower case. Never a word
#: that is also an unaccented Vietnamese syllable (see the module docstring); the tests check a sample of those.
_COMMON = """
    about after all also and any are as back been before being both by
    could did does each either every for from had has have her here his how if into is its just
    more most must new next of off only or other our out over own please same she should since some
    such that their then there these they this those through under until upon us very was we
    were what when where which while who whom whose why will with would yes you your yours
    add cancel change choose click close closed confirm continue delete details download edit enter error
    field file find help hide home invalid list login logout name number open page password phone previous
    print required reset save search select send show sign status submit type upload view
"""
COMMON_WORDS = frozenset(_COMMON.split())

# A run needs this many words before it can be called a sentence.
MIN_WORDS = 3
# ...and this many of them must be common English words and make at least half of the run; or one more than this
# many in a run of any length ("Tick this box to agree that the commune may contact you").
MIN_COMMON = 2

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
# Punctuation that may wrap a word without ending the sentence: quotes, brackets, commas.
_WRAPPING = "\"'“”‘’«»()[]{},"
# Punctuation that ends a sentence when it closes a word.
_ENDING = ".!?:;…"


def english_sentences(text: str) -> list[str]:
    """The pieces of `text` that read as English sentences, in order (empty when there is none)."""
    found: list[str] = []
    for line in text.splitlines():
        run: list[str] = []
        for raw in line.split():
            word = raw.strip(_WRAPPING)
            ends = word.endswith(tuple(_ENDING))
            word = word.rstrip(_ENDING).strip(_WRAPPING)
            if _WORD.fullmatch(word):
                run.append(word)
            else:
                _close(run, found)
                run = []
                continue
            if ends:
                _close(run, found)
                run = []
        _close(run, found)
    return found


def _close(run: list[str], found: list[str]) -> None:
    if len(run) < MIN_WORDS:
        return
    common = sum(1 for word in run if word.lower() in COMMON_WORDS)
    if common >= MIN_COMMON + 1 or (common >= MIN_COMMON and 2 * common >= len(run)):
        found.append(" ".join(run))
