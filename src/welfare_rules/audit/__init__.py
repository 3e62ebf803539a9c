"""Checking the arithmetic of welfare reports: the report tree, edits, diagnosis, findings."""
