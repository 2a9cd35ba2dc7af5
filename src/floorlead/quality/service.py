"""Quality-assurance use cases (each one transaction), gathered in one place.

The code lives in :mod:`.scorecards`, :mod:`.samples`, :mod:`.reviews` and
:mod:`.calibrations`; this module is what adapters and the demo simulator call.
"""

from __future__ import annotations

from floorlead.quality.calibrations import (
    close_calibration,
    open_calibration,
    submit_calibration_scores,
)
from floorlead.quality.default_scorecard import DEFAULT_SCORECARD, seed_default_scorecard
from floorlead.quality.notifications import mark_read, notify
from floorlead.quality.reviews import (
    acknowledge_review,
    dispute_review,
    record_review,
    resolve_dispute,
)
from floorlead.quality.samples import draw_review_sample
from floorlead.quality.scorecards import create_scorecard, update_scorecard

__all__ = [
    "DEFAULT_SCORECARD",
    "acknowledge_review",
    "close_calibration",
    "create_scorecard",
    "dispute_review",
    "draw_review_sample",
    "mark_read",
    "notify",
    "open_calibration",
    "record_review",
    "resolve_dispute",
    "seed_default_scorecard",
    "submit_calibration_scores",
    "update_scorecard",
]
