"""Training values: programme kinds, assignment and certification states. No SQLAlchemy here."""

from __future__ import annotations

from enum import StrEnum


class ProgramKind(StrEnum):
    ONBOARDING = "onboarding"
    PRODUCT_UPDATE = "product_update"
    SYSTEMS = "systems"
    LEADERSHIP = "leadership"
    SKILLS = "skills"  # one skill or quality criterion, usually recommended by a gap


class AssignmentStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    COMPLETED = "completed"


class ExpiryStatus(StrEnum):
    PERMANENT = "permanent"  # the certification never expires
    VALID = "valid"
    EXPIRING = "expiring"  # still valid, but lapses within the warning window
    EXPIRED = "expired"


class GapKind(StrEnum):
    SKILL = "skill"  # below the level the role requires
    QUALITY = "quality"  # a quality criterion failed repeatedly in reviews
