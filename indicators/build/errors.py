"""The single exception the data build raises for problems in the source files."""

from __future__ import annotations


class BuildError(Exception):
    """A source file cannot be turned into contract data; the message names file and cause."""
