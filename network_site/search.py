"""Wagtail's database search backend, safe for any text a person types in a search box.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "network_site.search"}}`` is Wagtail's
``wagtail.search.backends.database`` (PostgreSQL's full-text search in production, SQLite's FTS5
in development and tests) with one correction: on SQLite, Wagtail (its ``modelsearch``
package) writes each word of the query between double quotes in the FTS5 ``MATCH`` expression
without doubling a double quote inside it, so a search for ``"`` or ``café"`` raised
"unterminated string" (a 500 on the public search, the admin's page, image and document
searches and choosers). Here a double quote inside a word or a phrase is doubled, FTS5's own
escape, so it is searched as the character it is (FTS5's tokenizer then drops it).
"""

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import Phrase, PlainText


def _escaped(query):
    """``query`` with FTS5's escape of a double quote in its text (a copy; ``query`` is kept)."""
    if isinstance(query, PlainText) and '"' in query.query_string:
        return PlainText(query.query_string.replace('"', '""'), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase) and '"' in query.query_string:
        return Phrase(query.query_string.replace('"', '""'))
    return query


def _sqlite_compilers():
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteSearchQueryCompiler,
    )

    class QuoteSafeSearchQueryCompiler(SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            return super().build_search_query_content(_escaped(query), config=config)

    class QuoteSafeAutocompleteQueryCompiler(SQLiteAutocompleteQueryCompiler):
        def build_search_query_content(self, query, config=None):
            return super().build_search_query_content(_escaped(query), config=config)

    return QuoteSafeSearchQueryCompiler, QuoteSafeAutocompleteQueryCompiler


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend's module
    """Wagtail's database backend for the database in use, its SQLite queries quote-safe."""
    backend = database_backend(params)
    if backend.__class__.__name__ == "SQLiteSearchBackend":
        backend.query_compiler_class, backend.autocomplete_query_compiler_class = _sqlite_compilers()
    return backend
