"""Shared helpers for migrations (not a revision)."""


def quote(name):
    return '"' + name + '"'
