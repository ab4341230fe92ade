"""The words of a Thai text, as the search column stores them and as a query is cut.

Thai is written without spaces, so words come from pythainlp's dictionary tokeniser (newmm).
A project's text is stored as its distinct words between single spaces, with a space at each
end (" ก่อสร้าง ถนน คอนกรีตเสริมเหล็ก 300 เมตร "), so that "is a word of the text" is the
substring test " word " and runs alike on SQLite and PostgreSQL, where a pg_trgm index
answers it (see projects/migrations/0008_search_words.py).

- A compound the dictionary knows as one word ("คอนกรีตเสริมเหล็ก") is stored with the
  dictionary words it is made of (คอนกรีต, เสริม, เหล็ก), so "คอนกรีต" still finds it; a word
  that only happens to begin with another ("นาย" in "นายก") is not split, because the rest
  ("ก") is not a word, nor into two-letter words ("นา" + "ยก").
- Digits are stored ASCII ("๓" is "3") and numbers whole, without thousands separators
  ("1,500" is "1500"): "3" never matches "300".
- Latin letters are lower-cased; the query is cut the same way.

Pure functions of text: no database, no Django.
"""

import re
import unicodedata
from functools import cache

MAX_COMPOUND = 40
# A compound's parts must be at least this long: two-letter dictionary words ("นา", "ยก")
# would split "นายก" and make "นา" (rice field) find the chief executive.
MIN_PART = 3
# Enough for the compounds of real project titles; a bound on odd long strings.
MAX_SPLITS = 8
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_SEPARATED_NUMBER = re.compile(r"(?<=\d),(?=\d{3})")


@cache
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


@cache
def stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


def normalize(text: str) -> str:
    """NFC, ASCII digits, no thousands separators, lower case."""
    text = unicodedata.normalize("NFC", text).translate(_THAI_DIGITS)
    return _SEPARATED_NUMBER.sub("", text).lower()


def tokens(text: str) -> list[str]:
    """The words of ``text`` in order, punctuation and spaces left out."""
    from pythainlp.tokenize import word_tokenize

    cut = word_tokenize(normalize(text), engine="newmm", keep_whitespace=False)
    return [t.strip() for t in cut if any(c.isalnum() for c in t)]


@cache
def components(word: str) -> tuple[str, ...]:
    """The dictionary words a compound is made of; () if it is not one.

    Only a split into two or more dictionary words of MIN_PART letters or more counts, so a
    word is never cut into a dictionary word and leftover letters. Every such split counts:
    "กรมชลประทาน" is กรม + ชลประทาน as well as กรมชล + ประทาน.
    """
    if len(word) > MAX_COMPOUND or not any("\u0e00" <= c <= "\u0e7f" for c in word):
        return ()
    words = _dictionary()

    @cache
    def splits(start: int) -> tuple[tuple[str, ...], ...]:
        if start == len(word):
            return ((),)
        found = []
        for end in range(len(word), start + MIN_PART - 1, -1):
            piece = word[start:end]
            if piece != word and piece in words:
                found += [(piece, *rest) for rest in splits(end)]
            if len(found) >= MAX_SPLITS:
                break
        return tuple(found[:MAX_SPLITS])

    return tuple(dict.fromkeys(part for split in splits(0) for part in split))


def text_words(*texts: str) -> str:
    """The search column's value for these texts: " w1 w2 … " (empty texts give "")."""
    found: dict[str, None] = {}
    for text in texts:
        for token in tokens(text or ""):
            found[token] = None
            for part in components(token):
                found[part] = None
    return f" {' '.join(found)} " if found else ""


def query_words(query: str, *, limit: int) -> list[str]:
    """The words a project must have, in the order typed, without repeats.

    Common function words ("ที่", "และ", "ใน") are dropped unless nothing else is left: they
    would match almost every project, or miss one only because it was phrased differently.
    """
    words = list(dict.fromkeys(tokens(query)))
    meaningful = [w for w in words if w not in stopwords()]
    return (meaningful or words)[:limit]
