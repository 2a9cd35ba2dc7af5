"""The performance dashboard: team overview, agent scorecards, drill-down and exports.

Pages are rendered on the server from figures the KPI engine aggregates on the analytics
store; charts receive only their points (see docs/dashboard.md).
"""

from floorlead.web.dashboard.pages import router

__all__ = ["router"]
