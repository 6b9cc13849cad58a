"""Vietnamese text understanding for public opinion: what a citizen's text is about, in terms that compare across
spellings (with or without diacritics, abbreviated, misspelled), and the same text with personal data masked.

Pure Python, no Django. The public interface:

* :func:`terms` — the folded content terms of a text: syllables after abbreviations are expanded and stop words of
  administrative Vietnamese dropped, plus the pairs of adjacent content syllables ("cong_thoat", "sat_lo"); an
  optional word segmenter gives words instead of pairs;
* :func:`content_words` — the content syllables alone; :func:`add_phrases` — phrases (the villages' names) kept
  as one term even where they hold stop words ("Bến Đò" → "ben_do");
* :func:`mask_pii` — the text with phone numbers, 9/12-digit ID numbers, e-mails and the given names masked;
* :func:`urgency` — how many distinct words of urgency, anger or repeated complaint the text holds ("bức xúc",
  "khẩn cấp", "kéo lên xã", "đã nhiều lần"); :func:`cues` — which kinds ("urgency", "anger", "repeat", "crowd");
* :func:`looks_vietnamese` — whether a text reads as Vietnamese at all (an English or Chinese text does not);
  :func:`well_written` — whether it is written with its diacritics and not shouted (fit for a title).
"""

from gandan.core.vnnlp.cues import cues, urgency
from gandan.core.vnnlp.language import looks_vietnamese, well_written
from gandan.core.vnnlp.pii import mask_pii
from gandan.core.vnnlp.pipeline import add_phrases, content_words, terms

__all__ = [
    "add_phrases",
    "content_words",
    "cues",
    "looks_vietnamese",
    "mask_pii",
    "terms",
    "urgency",
    "well_written",
]
