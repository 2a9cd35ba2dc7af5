"""Quality assurance: scorecards, review samples, reviews and disputes, calibration, reports.

This is the area's public surface. Other areas use :func:`notify` (in-app notifications, for
any area), :func:`seed_default_scorecard`, :func:`draw_review_sample` and
:func:`record_review` (the demo seeds data with them), :func:`average_review_score`
(coaching's performance reviews), :func:`repeatedly_failed_criteria` (the criteria each
agent fails again and again, which training turns into gaps), and the pure rules
:func:`score_review` and :func:`krippendorff_alpha`. Names load on first use, so importing
``floorlead.quality.tables`` (as the schema does) pulls in nothing else.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from floorlead.quality.calibration import Level, krippendorff_alpha
    from floorlead.quality.failing_criteria import RepeatedFailure, RepeatRule
    from floorlead.quality.failing_criteria_queries import repeatedly_failed_criteria
    from floorlead.quality.model import AnswerType, ReviewStatus, SampleMethod, Target
    from floorlead.quality.notifications import my_notifications, notify, unread_count
    from floorlead.quality.review_queries import average_review_score
    from floorlead.quality.schemas import AnswerIn, ReviewCreate, SampleCreate
    from floorlead.quality.scorecard import score_review
    from floorlead.quality.service import (
        draw_review_sample,
        record_review,
        seed_default_scorecard,
    )

_MODULES = {
    "calibration": ("Level", "krippendorff_alpha"),
    "failing_criteria": ("RepeatRule", "RepeatedFailure"),
    "failing_criteria_queries": ("repeatedly_failed_criteria",),
    "model": ("AnswerType", "ReviewStatus", "SampleMethod", "Target"),
    "notifications": ("my_notifications", "notify", "unread_count"),
    "review_queries": ("average_review_score",),
    "schemas": ("AnswerIn", "ReviewCreate", "SampleCreate"),
    "scorecard": ("score_review",),
    "service": ("draw_review_sample", "record_review", "seed_default_scorecard"),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "AnswerIn",
    "AnswerType",
    "Level",
    "RepeatRule",
    "RepeatedFailure",
    "ReviewCreate",
    "ReviewStatus",
    "SampleCreate",
    "SampleMethod",
    "Target",
    "average_review_score",
    "draw_review_sample",
    "krippendorff_alpha",
    "my_notifications",
    "notify",
    "record_review",
    "repeatedly_failed_criteria",
    "score_review",
    "seed_default_scorecard",
    "unread_count",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'floorlead.quality' has no attribute {name!r}")
    return getattr(importlib.import_module(f"floorlead.quality.{module}"), name)
