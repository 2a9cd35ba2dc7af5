"""Errors of schedule optimisation, each naming the offending input or rule."""

from __future__ import annotations

from floorlead.errors import DomainError, RuleViolation


class ScheduleInputError(RuleViolation):
    """An input (requirement, template, agent, rule) is malformed or out of range."""


class InfeasibleRules(RuleViolation):
    """The hard rules cannot all hold for an agent, whatever the demand."""


class ScheduleNotFound(DomainError):
    """The solver found no schedule within its time limit."""
