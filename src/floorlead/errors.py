"""Domain errors. Adapters map them to HTTP status codes and CLI exit codes in one place."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule refused the request. ``field`` names the offending input when known."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    status_code = 404


class RuleViolation(DomainError):
    status_code = 422


class Conflict(DomainError):
    status_code = 409


class PermissionDenied(DomainError):
    status_code = 403


class AuthenticationFailed(DomainError):
    status_code = 401


class TooManyAttempts(DomainError):
    status_code = 429
