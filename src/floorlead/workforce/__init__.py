"""Workforce management: forecast, staffing, schedules, adherence."""
