"""Thai text search over a plan's projects.

Thai is written without spaces between words, so splitting the query on spaces is not enough:
"ถนนคอนกรีต" must find "ก่อสร้างถนนลูกรังเสริมผิวคอนกรีต", where the two words stand apart.
The query is cut into words with pythainlp's dictionary tokeniser (newmm), and a project
matches when every word occurs somewhere in its text, as a case-insensitive substring.

Why substrings rather than a token index or PostgreSQL full-text search:
- Every word of the query is a substring of the query, so whatever a substring search would
  find, this finds too; tokenising only widens it to words that stand apart in the text.
  Comparing tokens with tokens would miss words the tokeniser cuts differently in the text
  ("คอนกรีตเสริมเหล็ก" is one token there, "คอนกรีต" in the query).
- PostgreSQL has no Thai text-search parser (its "simple" parser splits on spaces), so its
  full-text search would need a token column kept up to date on every save.
- A search is always within one plan (a few hundred rows, reached through the plan_id
  index), so scanning those rows costs less than maintaining an index. The same query runs
  on SQLite and PostgreSQL. A search across all plans would want a pg_trgm GIN index.
"""

import unicodedata
from functools import cache

from django.db.models import Q, QuerySet

from projects import thai

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
SEARCHED_FIELDS = ("title", "details", "location", "output_target", "agency")


@cache
def _stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


def query_words(query: str) -> list[str]:
    """The words a project must contain, in the order typed, without repeats.

    Thai digits become ASCII (stored text uses ASCII digits); common function words
    ("ที่", "และ", "ใน") are dropped unless nothing else is left, since they would match
    almost every project or miss one only because it was phrased differently.
    """
    from pythainlp.tokenize import word_tokenize

    text = unicodedata.normalize("NFC", thai.to_arabic_digits(query))[:MAX_QUERY_LENGTH]
    tokens = word_tokenize(text, engine="newmm", keep_whitespace=False)
    words = list(dict.fromkeys(t.strip() for t in tokens if any(c.isalnum() for c in t)))
    meaningful = [w for w in words if w not in _stopwords()]
    return (meaningful or words)[:MAX_WORDS]


def filter_projects(
    projects: QuerySet,
    *,
    q: str = "",
    strategy=None,
    program=None,
    department=None,
    village=None,
    ownership: str = "",
) -> QuerySet:
    """The six criteria of the staff and the citizens' project filter, in one place.

    Each of strategy, program, department and village is a model instance or a primary key
    (the staff form has the first, the citizens' the second); None or "" means "all".
    """
    projects = search_projects(projects, q or "")
    for name, value in (("strategy", strategy), ("program", program), ("department", department)):
        if value not in (None, ""):
            projects = projects.filter(**{name: value})
    if village not in (None, ""):
        projects = projects.filter(villages=village)
    if ownership:
        projects = projects.filter(ownership=ownership)
    return projects


def search_projects(projects: QuerySet, query: str) -> QuerySet:
    """Narrow ``projects`` to those whose text contains every word of ``query``."""
    for word in query_words(query):
        matches = Q()
        for field in SEARCHED_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        projects = projects.filter(matches)
    return projects
