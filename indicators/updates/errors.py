"""The error an update raises: one sentence for the user, and the data problems behind it."""

from __future__ import annotations

from indicators.problems import Problem


class UpdateError(Exception):
    """Raised when an update cannot be made; nothing on disk has changed when it is raised."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        self.message = message
        self.problems = list(problems or [])
        super().__init__(message)
