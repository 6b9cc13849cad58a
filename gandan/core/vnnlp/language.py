"""Whether a text reads as Vietnamese, written with or without diacritics, abbreviated or not.

A word counts for Vietnamese when it carries a letter only Vietnamese writes (ă đ ơ ư, a vowel with a Vietnamese
tone mark), or when, folded, it is a Vietnamese syllable or a common abbreviation ("ko", "dc", "ubnd"), unless it is a
common English or French word that no Vietnamese writes ("the", "is", "est"). Text in another script (Chinese,
Cyrillic, Thai …) is not Vietnamese; nor is text with no letters at all.
"""

import functools
import re

from gandan.core.vnnlp.lexicon import ABBREVIATIONS, words_of
from gandan.core.vnnlp.syllables import VALID_SYLLABLES, fold_fast, latin_letter, vietnamese_letter

__all__ = ["looks_vietnamese", "well_written"]

#: Common English and French words; those that are also common folded Vietnamese ("to", "an", "do", "no", "me",
#: "ban", "can", "that", "on", "it", "la", "de", "que") are left out on purpose.
_FOREIGN = frozenset(
    words_of(
        """
    the is are was were be been being of and or in at by for with from this these those there their they them
    his her him she he we you your our us i my not but will would should could have has had do does did
    what when where which who why how all any some if than then so such very just also only about into over
    after before under again here out up down off its it's i'm don't can't please help road village broken
    water street house people police thank thanks hello hi ok yes
    le les des une est et je il elle nous vous ils sont pas pour dans sur avec qui mais ou par au aux du
    cette ces mon ma mes ton ta tes son sa ses leur merci bonjour rue maison eau
    """
    )
)
_WORD = re.compile(r"[^\W\d_]+")
_ADDRESS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+", re.IGNORECASE)
_ASCII_WORD = re.compile(r"[a-z]+")
#: Words holding a letter only Vietnamese writes.
_VIETNAMESE_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]*[ăâđơưĂÂĐƠƯ\u1ea0-\u1ef9][^\W\d_]*")
#: The share of words that must read as Vietnamese.
SHARE = 0.6
#: Fewer Latin words than this cannot be judged ("Tốt, thanks", "ok"): a rating remark or a reply that short is
#: taken as written (refusing it would refuse a whole import for two words).
JUDGED_WORDS = 4

#: fold_fast of one word, remembered: the same few thousand syllables come back in every text.
_fold_word = functools.lru_cache(maxsize=1 << 16)(fold_fast)


def looks_vietnamese(text: str) -> bool:
    """True for Vietnamese (with or without diacritics, abbreviations, teen code); False for other languages and for
    text without letters."""
    if not text:
        return False
    # An e-mail address or a link says nothing of the language the citizen writes in.
    if "@" in text or "://" in text or "www." in text.lower():
        text = _ADDRESS.sub(" ", text)
    folded = fold_fast(text)
    if not folded.isascii():  # another script somewhere: judge word by word
        return _by_word(text)
    words = _ASCII_WORD.findall(folded)
    if 0 < len(words) < JUDGED_WORDS:
        return True
    # Each word counts for one side; the judgement is known as soon as one side has enough, whatever the rest. The
    # words that read as Vietnamese at sight are counted first: most texts have enough of them, and the others are
    # then never looked at again.
    enough = SHARE * len(words)
    vietnamese = 0
    doubtful: list[str] = []
    for word in words:
        if word in _FOREIGN or not (word in VALID_SYLLABLES or word in ABBREVIATIONS):
            doubtful.append(word)
        else:
            vietnamese += 1
            if vietnamese >= enough:
                return True
    if not doubtful:
        return False  # no word at all (any other text of words only Vietnamese has returned above)
    # The folded words written with a letter only Vietnamese writes: "thế", "số", "sơn" are Vietnamese, though
    # folded they read as English or French.
    sure = {_fold_word(written) for written in _VIETNAMESE_WORD.findall(text)}
    for word in doubtful:
        if word in sure:
            vietnamese += 1
            if vietnamese >= enough:
                return True
    return vietnamese > 0 and vietnamese >= enough


def _by_word(text: str) -> bool:
    vietnamese = foreign = 0
    for word in _WORD.findall(text):
        if not all(latin_letter(char) for char in word):
            foreign += 1  # another script, or a Latin word with letters of one
        elif any(vietnamese_letter(char) for char in word):
            vietnamese += 1
        else:
            folded = fold_fast(word)
            if folded not in _FOREIGN and (folded in VALID_SYLLABLES or folded in ABBREVIATIONS):
                vietnamese += 1
            else:
                foreign += 1
    return vietnamese > 0 and vietnamese >= SHARE * (vietnamese + foreign)


#: The share of words that must carry a letter beyond ASCII for a text to count as written with its diacritics:
#: written Vietnamese marks about three syllables in four; a text folded by its writer marks none, a half-folded one
#: (diacritics on some words only) about a third to a half.
MARKED_SHARE = 0.6


def well_written(text: str) -> bool:
    """The text is written with its diacritics and not shouted: a sentence of it can be shown to a leader as an
    issue's title ("Nước máy ở Tân Tiến bị cắt", not "Nuoc may o Tan Tien bi cat" nor "NƯỚC MÁY BỊ CẮT!!").
    Cheap: it is asked of every signal processed."""
    if not text or text.isascii():
        return False
    if sum(map(str.isupper, text)) * 2 > sum(map(str.isalpha, text)):
        return False  # shouted ("VÁN CẦU TREO VÕNG NẶNG??!! Liên hệ …")
    # Words of letters only: numbers, dates, masked data ("***") and acronyms ("UBND", "CCCD") carry no marks in
    # any writing.
    words = [
        word
        for word in text.split()
        if any(map(str.isalpha, word)) and not (word.isupper() and len(word) <= 5)
    ]
    return bool(words) and sum(not word.isascii() for word in words) >= MARKED_SHARE * len(words)
