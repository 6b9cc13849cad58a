"""One full-text search for every module: diacritic-insensitive, SQLite FTS5 or PostgreSQL GIN behind one API.

The API is in :mod:`gandan.search.services`; how it works and what it costs: ``docs/search.md``.
"""
