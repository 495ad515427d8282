"""Django's SQLite backend, knowing how many parameters a statement may really carry."""
