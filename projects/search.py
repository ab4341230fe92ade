"""Thai word search over projects: within a plan (staff and citizens) or across plans.

A project matches when every word of the query is a word of its text, as projects/words.py
cuts both: "ถนน" does not match inside an unrelated longer word, "3" does not match "300",
"คอนกรีต" still finds "คอนกรีตเสริมเหล็ก". Each project keeps its words in the stored column
``Project.search_words`` (" w1 w2 … "), so a word is the substring " word " of it: the same
query on SQLite and PostgreSQL, where a pg_trgm GIN index on the column makes it fast
across all plans of the country (migration 0008_search_words; projects/checks.py refuses a
database whose ctype gives Thai no trigrams). The tokeniser may cut a compound of the query
differently from the text ("คอนกรีตเสริมเหล็ก" typed, "คอนกรีต เสริมเหล็ก" stored): such a
query word also matches when all of its parts are words of the text.
"""

from django.db.models import Q, QuerySet

from projects import words

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8


def query_words(query: str) -> list[str]:
    """The words a project must contain, in the order typed, without repeats."""
    return words.query_words(query[:MAX_QUERY_LENGTH], limit=MAX_WORDS)


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


def _has_word(word: str) -> Q:
    found = Q(search_words__contains=f" {word} ")
    parts = words.components(word)
    if parts:
        found |= Q(*(Q(search_words__contains=f" {part} ") for part in parts))
    return found


def search_projects(projects: QuerySet, query: str) -> QuerySet:
    """Narrow ``projects`` to those whose text has every word of ``query``."""
    for word in query_words(query):
        projects = projects.filter(_has_word(word))
    return projects
