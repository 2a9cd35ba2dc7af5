"""Quality pages: the reviewer's queue, the review form (timeline beside the scorecard, scored
live), a review with acknowledge/dispute/resolve, "my reviews", calibration (opening a session
comes before the session pages, so /quality/calibrations/new is not taken for an id) and the
report."""

from __future__ import annotations

from fastapi import APIRouter

from floorlead.web.quality import calibration, calibration_setup, report, reviewing, reviews

router = APIRouter(include_in_schema=False)
for _module in (reviewing, reviews, calibration_setup, calibration, report):
    router.include_router(_module.router)
