"""Databases shared by the libraries: SQLite or PostgreSQL behind one interface, and retrying a locked SQLite."""
