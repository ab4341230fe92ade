"""Thai lines that break between words, and never inside a proper name.

Pango breaks Thai lines with its own dictionary (libthai): it knows neither our villages nor our
organization, so it wrapped สูง|เม่น and ดอน|สว่าง, and it misreads some words: โคกระบือ (cattle
and buffaloes, โค + กระบือ) was laid out as โคก / ระบือ. So the document's text is cut into words
here with pythainlp's tokenizer, whose dictionary is given the names of the organization, its
district, province and villages, and then:

- a proper name is wrapped in a span that never breaks (``white-space: nowrap``);
- a ZERO WIDTH SPACE goes between two words that touch, so Pango may break there and reads the
  words on either side on their own (it then no longer misreads โค|กระบือ). Pango draws no
  glyph for it: text copied from the PDF is unchanged;
- a word Pango would still break inside is kept whole, unless the break falls between two
  dictionary words (องค์การ|บริหาร inside องค์การบริหารส่วนตำบล stays a place to break).
"""

import html
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import dict_trie
from weasyprint.text.line_break import get_log_attrs

ZWSP = "\u200b"
NAME_CLASS = "nb"  # styled white-space: nowrap by the document's CSS
_THAI = re.compile(r"[\u0e01-\u0e5b]")
_VILLAGE_NUMBER = r"หมู่ที่ ?[0-9๐-๙]+"


# A few organizations' dictionaries (about 60 MB each) at once: a worker renders one
# organization's documents at a time, and recycles after its tasks.
@lru_cache(maxsize=4)
def _dictionary(names: frozenset[str]):
    return dict_trie(set(thai_words()) | names)


def _pango_breaks(word: str) -> list[int]:
    """Offsets inside ``word`` where Pango would break a line."""
    attrs = get_log_attrs(word, "th")
    return [i for i in range(1, len(word)) if attrs[i].is_line_break]


@dataclass(frozen=True)
class LineBreaker:
    """Marks up text for the document: ``breaker("…")`` is escaped HTML, safe to print."""

    names: frozenset[str]
    # Templates pass the breaker to a filter: it must not be called as a template variable.
    do_not_call_in_templates = True

    @classmethod
    def for_organization(cls, org, villages, *, cut: bool = True) -> "LineBreaker":
        """``cut=False``: the text only escaped, no word cutting (see Unbroken)."""
        if not cut:
            return Unbroken(frozenset())
        names = {org.district, org.province, place_name(org)}
        names.update(v.name for v in villages)
        return cls(frozenset(n for n in names if n))

    def __call__(self, text: object) -> SafeString:
        if text is None:
            return mark_safe("")
        # Markup is not expected here, but an already-escaped block ({% filter %}) is read back.
        plain = html.unescape(str(text)) if isinstance(text, SafeData) else str(text)
        return mark_safe("<br>".join(_marked_up(self.names, line) for line in plain.split("\n")))


class Unbroken(LineBreaker):
    """The same text with no word cutting: what notices.drafts hashes to know whether a draft
    changed, so that the web process never loads the word dictionaries to ask."""

    def __call__(self, text: object) -> SafeString:
        if text is None:
            return mark_safe("")
        plain = html.unescape(str(text)) if isinstance(text, SafeData) else str(text)
        return mark_safe("<br>".join(html.escape(line) for line in plain.split("\n")))


def place_name(org) -> str:
    """สูงเม่น of องค์การบริหารส่วนตำบลสูงเม่น: the name without the word for its kind."""
    with translation.override(None):  # the kind's Thai words, whatever the language active
        kind = str(org.get_kind_display())
    return org.name.removeprefix(kind) if org.name.startswith(kind) else ""


@cache
def _name_pattern(names: frozenset[str]) -> re.Pattern:
    # Longest first, so that a village named like the start of another is not cut short; a
    # village number ("หมู่ที่ 3") is held together like a name.
    longest_first = sorted(names, key=len, reverse=True)
    return re.compile("(" + "|".join([_VILLAGE_NUMBER, *map(re.escape, longest_first)]) + ")")


@lru_cache(maxsize=20_000)
def _marked_up(names: frozenset[str], text: str) -> str:
    if not _THAI.search(text):
        return escape(text)
    dictionary = _dictionary(names)
    out: list[str] = []
    previous = ""
    # re.split with a group: names at the odd positions, the text between them at the even.
    for position, part in enumerate(_name_pattern(names).split(text)):
        if position % 2:
            words = [part]
        else:
            words = word_tokenize(part, custom_dict=dictionary, keep_whitespace=True)
        for word in words:
            if not word:
                continue
            if previous and _THAI.match(word[0]) and _THAI.match(previous[-1]):
                out.append(ZWSP)
            if position % 2:
                out.append(f'<span class="{NAME_CLASS}">{escape(word)}</span>')
            else:
                out.append(_kept_whole(word, dictionary))
            previous = word
    return "".join(out)


@lru_cache(maxsize=20_000)
def _kept_whole(word: str, dictionary) -> str:
    """``word`` escaped, with the parts Pango would break wrongly kept in no-break spans."""
    if len(word) < 2 or not _THAI.match(word[0]):
        return escape(word)
    breaks = _pango_breaks(word)
    if not breaks:
        return escape(word)
    good = [i for i in breaks if _known(word[:i], dictionary) and _known(word[i:], dictionary)]
    pieces = []
    for start, end in zip([0, *good], [*good, len(word)], strict=True):
        piece = escape(word[start:end])
        wrong = any(start < i < end for i in breaks)
        pieces.append(f'<span class="{NAME_CLASS}">{piece}</span>' if wrong else piece)
    return ZWSP.join(pieces)


def _known(text: str, dictionary) -> bool:
    return all(w in dictionary for w in word_tokenize(text, custom_dict=dictionary, engine="newmm"))
