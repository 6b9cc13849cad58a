"""Vietnamese text understanding for public opinion: what a citizen's text is about, in terms that compare across
spellings (with or without diacritics, abbreviated, misspelled), and the same text with personal data masked.

Pure Python, no Django. The public interface:

* :func:`terms` — the folded content terms of a text: syllables after abbreviations are expanded and stop words of
  administrative Vietnamese dropped, plus the pairs of adjacent content syllables ("cong_thoat", "sat_lo");
* :func:`mask_pii` — the text with phone numbers, 9/12-digit ID numbers, e-mails and the given names masked;
* :func:`urgency` — how many words of urgency or anger the text holds ("bức xúc", "khẩn cấp", "kéo lên xã");
* :func:`looks_vietnamese` — whether a text reads as Vietnamese at all (an English or Chinese text does not).
"""

from gandan.core.vnnlp.pii import mask_pii
from gandan.core.vnnlp.pipeline import cues, looks_vietnamese, terms, urgency

__all__ = ["cues", "looks_vietnamese", "mask_pii", "terms", "urgency"]
