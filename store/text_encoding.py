"""UTF-16 text told from its bytes, with or without a byte-order mark.

Windows Notepad's "Unicode" is UTF-16 with a mark; other tools (a script, an export, some editors'
"UCS-2 LE") write none. Such a file is still plainly UTF-16: every ASCII character (a plan file's
keys, digits, every line end) is one byte and a NUL, and UTF-8 or GB18030 text never holds a NUL
byte at all. So only a file with NUL bytes is looked at, and it is read both ways (little- and
big-endian): the right way decodes strictly into text of letters, digits, Chinese and its
punctuation with no control character; the wrong way gives control characters, unpaired
surrogates or characters of scripts no plan uses (``\\n`` read backwards is U+0A00, Gurmukhi).
Only a file that reads as lines of text one way and not the other is taken for UTF-16; any other (a
binary file, a text that could be either) is not read as anything: the caller says how to save it.
Used by the plan file reader (store.plan_file) and by ``plandesk draft`` (store.draft.reading).
"""
from __future__ import annotations

import codecs
import re

SAMPLE_BYTES = 1 << 16  # enough text to tell, and a cheap look at a large file
PLAIN_SHARE = 0.95  # text of a plan: at least this share of its characters are the usual ones
# the characters a plan's text is made of: ASCII, CJK punctuation, CJK ideographs, full-width forms,
# general punctuation (“” — …) and a few symbols (①, ≥, ℃)
_USUAL = re.compile("[\t\n\r\x20-\x7e\u00b7\u00d7\u2010-\u2027\u2030-\u205e\u2100-\u22ff\u2460-\u24ff"
                    "\u2500-\u257f\u25a0-\u25ff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uffef]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def utf16_encoding(head: bytes) -> str | None:
    """``utf-16`` (a byte-order mark), ``utf-16-le`` / ``utf-16-be`` (no mark: text that reads as
    a plan's text in that order only), or None (not UTF-16, or it cannot be told)."""
    sample = head[: len(head) - len(head) % 2]
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16" if _reads_as_text(sample, "utf-16") else None  # \xff\xfe and noise is no text
    if b"\x00" not in head:
        return None  # UTF-8, GB18030: never a NUL byte
    readable = [encoding for encoding in ("utf-16-le", "utf-16-be") if _reads_as_text(sample, encoding)]
    return readable[0] if len(readable) == 1 else None


def _reads_as_text(sample: bytes, encoding: str) -> bool:
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(sample)  # a last half pair may wait for more
    except UnicodeDecodeError:
        return False
    if "\n" not in text or _CONTROL.search(text):  # a plan's text has lines; a few bytes of noise prove nothing
        return False
    return len(_USUAL.findall(text)) >= PLAIN_SHARE * len(text)
