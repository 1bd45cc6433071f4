"""The knowledge base: markdown articles, a SQLite FTS5 index, search with citations."""
