"""Errors that carry a Chinese message for the person in front of the screen.

Services raise these; views turn them into messages, the API into `{code, message, detail}`.
"""

from __future__ import annotations

from typing import Any


class QinglianError(Exception):
    code = "error"
    status = 400

    def __init__(self, message: str, *, detail: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class InvalidInput(QinglianError):
    code = "invalid"
    status = 400


class NotFound(QinglianError):
    code = "not_found"
    status = 404


class Forbidden(QinglianError):
    code = "forbidden"
    status = 403


class Conflict(QinglianError):
    code = "conflict"
    status = 409
