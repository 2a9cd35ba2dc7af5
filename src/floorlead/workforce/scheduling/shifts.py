"""Expanding shift templates into the candidate shifts of one week and who may work them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from floorlead.workforce.scheduling.model import (
    Agent,
    BreakRule,
    ScheduleProblem,
    ShiftTemplate,
    available_minutes,
    weekly_minutes,
)
from floorlead.workforce.scheduling.results import ScheduledBreak, ScheduledShift
from floorlead.workforce.scheduling.timeline import (
    DAY_MINUTES,
    WEEK_DAYS,
    at_minute,
    minutes_per_interval,
    weekday_of_day,
)


@dataclass(frozen=True)
class CandidateShift:
    """One template started at one time of one day; ``start_minute`` counts from the week start."""

    index: int
    template: ShiftTemplate
    day: int
    start_minute: int

    @property
    def end_minute(self) -> int:
        return self.start_minute + self.template.length_minutes

    @property
    def paid_minutes(self) -> int:
        return self.template.paid_minutes

    @property
    def start_of_day(self) -> int:
        return self.start_minute - self.day * DAY_MINUTES

    @property
    def breaks(self) -> tuple[BreakRule, ...]:
        return self.template.breaks

    def break_offsets(self, number: int) -> tuple[int, ...]:
        return self.template.break_offsets(self.template.breaks[number])

    def work_minutes(self, interval: int) -> Mapping[int, int]:
        """Minutes on shift per interval, breaks included (they are subtracted separately)."""
        return minutes_per_interval(self.start_minute, self.template.length_minutes, interval)

    def break_minutes(self, number: int, offset: int, interval: int) -> Mapping[int, int]:
        rule = self.template.breaks[number]
        return minutes_per_interval(self.start_minute + offset, rule.length_minutes, interval)

    def scheduled(
        self, week_start: datetime, agent_id: str, offsets: Sequence[int]
    ) -> ScheduledShift:
        """This shift worked by ``agent_id`` with its breaks at ``offsets`` (one per break)."""
        breaks = tuple(
            ScheduledBreak(
                name=rule.name,
                start=at_minute(week_start, self.start_minute + offset),
                end=at_minute(week_start, self.start_minute + offset + rule.length_minutes),
                paid=rule.paid,
            )
            for rule, offset in zip(self.template.breaks, offsets, strict=True)
        )
        return ScheduledShift(
            agent_id=agent_id,
            template=self.template.name,
            start=at_minute(week_start, self.start_minute),
            end=at_minute(week_start, self.end_minute),
            breaks=breaks,
        )


@dataclass(frozen=True)
class ShiftCatalogue:
    """The candidate shifts of a problem and, per agent, the ones that agent may work."""

    problem: ScheduleProblem
    candidates: tuple[CandidateShift, ...]
    eligible: Mapping[str, tuple[int, ...]]

    @cached_property
    def workers(self) -> dict[int, tuple[str, ...]]:
        """Agent ids eligible for each candidate index."""
        by_candidate: dict[int, list[str]] = {}
        for agent in self.problem.agents:
            for index in self.eligible[agent.id]:
                by_candidate.setdefault(index, []).append(agent.id)
        return {index: tuple(ids) for index, ids in by_candidate.items()}

    def agent_days(self, agent_id: str) -> dict[int, list[CandidateShift]]:
        days: dict[int, list[CandidateShift]] = {day: [] for day in range(WEEK_DAYS)}
        for index in self.eligible[agent_id]:
            days[self.candidates[index].day].append(self.candidates[index])
        return days


def build_catalogue(problem: ScheduleProblem) -> ShiftCatalogue:
    candidates = expand_templates(problem)
    eligible = {
        agent.id: eligible_candidates(problem, agent, candidates) for agent in problem.agents
    }
    return ShiftCatalogue(problem, candidates, eligible)


def expand_templates(problem: ScheduleProblem) -> tuple[CandidateShift, ...]:
    """Every template at every allowed start on every allowed day that fits the opening hours."""
    opening = weekly_minutes(problem.opening_hours, problem.week_start)
    found: list[CandidateShift] = []
    for template in problem.templates:
        for day in range(WEEK_DAYS):
            if weekday_of_day(problem.week_start, day) not in template.weekdays:
                continue
            for start in sorted(set(template.start_times)):
                minute = day * DAY_MINUTES + start
                if opening.contains_span(minute, minute + template.length_minutes):
                    found.append(CandidateShift(len(found), template, day, minute))
    return tuple(found)


def eligible_candidates(
    problem: ScheduleProblem, agent: Agent, candidates: tuple[CandidateShift, ...]
) -> tuple[int, ...]:
    free = available_minutes(agent, problem.week_start)
    return tuple(
        candidate.index
        for candidate in candidates
        if agent.can_take(candidate.template)
        and free.contains_span(candidate.start_minute, candidate.end_minute)
    )


def rest_conflicts(earlier: CandidateShift, later_start: int, rest_minutes: int) -> bool:
    """Whether a shift starting at ``later_start`` comes too soon after ``earlier`` ends."""
    return later_start < earlier.end_minute + rest_minutes
