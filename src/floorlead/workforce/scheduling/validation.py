"""``check_schedule``: every hard rule checked on a finished schedule, independently of the solver.

It reads only the problem and the shifts' datetimes, so it judges hand-edited schedules and
solver output alike.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from floorlead.workforce.scheduling.model import (
    Agent,
    ScheduleProblem,
    ShiftTemplate,
    available_minutes,
    weekly_minutes,
)
from floorlead.workforce.scheduling.results import Schedule, ScheduledShift, Violation
from floorlead.workforce.scheduling.timeline import (
    DAY_MINUTES,
    WEEK_DAYS,
    WEEK_MINUTES,
    minute_of,
    weekday_of_day,
)


def check_schedule(problem: ScheduleProblem, schedule: Schedule) -> list[Violation]:
    """All rule violations of ``schedule``; an empty list means it is feasible."""
    agents = {agent.id: agent for agent in problem.agents}
    templates = {template.name: template for template in problem.templates}
    violations: list[Violation] = []
    by_agent: dict[str, list[ScheduledShift]] = defaultdict(list)
    for shift in schedule.shifts:
        agent, template = agents.get(shift.agent_id), templates.get(shift.template)
        if agent is None:
            violations.append(Violation(shift.agent_id, "unknown_agent", "no such agent"))
            continue
        if template is None:
            violations.append(Violation(agent.id, "unknown_template", shift.template))
            continue
        violations.extend(_shift_violations(problem, agent, template, shift))
        by_agent[agent.id].append(shift)
    for agent in problem.agents:
        violations.extend(_tour_violations(problem, agent, by_agent.get(agent.id, [])))
    return violations


def _shift_violations(
    problem: ScheduleProblem, agent: Agent, template: ShiftTemplate, shift: ScheduledShift
) -> list[Violation]:
    found: list[tuple[str, str]] = []
    start = minute_of(problem.week_start, shift.start)
    length = minute_of(shift.start, shift.end)
    label = f"{template.name} at {shift.start.isoformat()}"
    if not 0 <= start < WEEK_MINUTES:
        return [Violation(agent.id, "week", f"{label} starts outside the week")]
    if length != template.length_minutes:
        found.append(
            ("shift_length", f"{label} lasts {length} minutes, not {template.length_minutes}")
        )
    day, start_of_day = divmod(start, DAY_MINUTES)
    if start_of_day not in template.start_times:
        found.append(("start_time", f"{label} is not an allowed start time"))
    if weekday_of_day(problem.week_start, day) not in template.weekdays:
        found.append(("start_day", f"{label} is not allowed on that weekday"))
    if not agent.can_take(template):
        found.append(("skill", f"{label} needs skill or template the agent lacks"))
    if not weekly_minutes(problem.opening_hours, problem.week_start).contains_span(
        start, start + length
    ):
        found.append(("opening_hours", f"{label} runs outside opening hours"))
    if not available_minutes(agent, problem.week_start).contains_span(start, start + length):
        found.append(("availability", f"{label} falls outside availability or time off"))
    found.extend(_break_problems(problem, template, shift, label))
    return [Violation(agent.id, rule, message) for rule, message in found]


def _break_problems(
    problem: ScheduleProblem, template: ShiftTemplate, shift: ScheduledShift, label: str
) -> list[tuple[str, str]]:
    names = [rest.name for rest in shift.breaks]
    expected = [rule.name for rule in template.breaks]
    if names != expected:
        return [("breaks", f"{label} has breaks {names}, the template needs {expected}")]
    found = []
    previous_end = 0
    for rule, rest in zip(template.breaks, shift.breaks, strict=True):
        offset = minute_of(shift.start, rest.start)
        length = minute_of(rest.start, rest.end)
        if length != rule.length_minutes or rest.paid != rule.paid:
            found.append(
                ("break_length", f"{label}: {rule.name} must be {rule.length_minutes} min")
            )
        in_window = rule.earliest_start <= offset <= rule.latest_start
        on_step = (offset - rule.earliest_start) % template.break_step_minutes == 0
        if not (in_window and on_step):
            found.append(("break_window", f"{label}: {rule.name} starts outside its window"))
        if offset < previous_end:
            found.append(
                ("break_overlap", f"{label}: {rule.name} starts before the previous break ends")
            )
        previous_end = offset + length
    if previous_end > template.length_minutes:
        found.append(("break_window", f"{label}: a break runs past the shift end"))
    return found


def _tour_violations(
    problem: ScheduleProblem, agent: Agent, shifts: list[ScheduledShift]
) -> list[Violation]:
    spans = sorted(
        (minute_of(problem.week_start, s.start), minute_of(problem.week_start, s.end), s)
        for s in shifts
    )
    days = [start // DAY_MINUTES for start, _, _ in spans]
    found = [
        *_day_problems(problem, days),
        *_rest_problems(problem, [(start, end) for start, end, _ in spans]),
        *_hours_problems(problem, agent, shifts),
    ]
    return [Violation(agent.id, rule, message) for rule, message in found]


def _day_problems(problem: ScheduleProblem, days: list[int]) -> list[tuple[str, str]]:
    rules, worked = problem.rules, set(days)
    found = []
    if len(days) != len(worked):
        found.append(("one_shift_per_day", "more than one shift starts on the same day"))
    if WEEK_DAYS - len(worked) < rules.min_days_off:
        found.append(
            ("min_days_off", f"{WEEK_DAYS - len(worked)} days off, {rules.min_days_off} needed")
        )
    if (
        rules.consecutive_days_off
        and _longest_cyclic_run(set(range(WEEK_DAYS)) - worked) < rules.consecutive_days_off
    ):
        found.append(("consecutive_days_off", f"no {rules.consecutive_days_off} days off in a row"))
    if _longest_cyclic_run(worked) > rules.max_consecutive_work_days:
        found.append(
            (
                "max_consecutive_work_days",
                f"more than {rules.max_consecutive_work_days} days in a row",
            )
        )
    return found


def _longest_cyclic_run(days: set[int]) -> int:
    if len(days) == WEEK_DAYS:
        return WEEK_DAYS
    longest = run = 0
    for day in [*range(WEEK_DAYS), *range(WEEK_DAYS)]:
        run = run + 1 if day in days else 0
        longest = max(longest, run)
    return longest


def _rest_problems(problem: ScheduleProblem, spans: list[tuple[int, int]]) -> list[tuple[str, str]]:
    if len(spans) < 2:
        return []
    rest = problem.rules.min_rest_minutes
    pairs = list(itertools.pairwise(spans))
    pairs.append((spans[-1], (spans[0][0] + WEEK_MINUTES, spans[0][1] + WEEK_MINUTES)))
    return [
        ("min_rest", f"only {(later - end) / 60:g} h between shifts, {rest / 60:g} h needed")
        for (_, end), (later, _) in pairs
        if later - end < rest
    ]


def _hours_problems(
    problem: ScheduleProblem, agent: Agent, shifts: list[ScheduledShift]
) -> list[tuple[str, str]]:
    paid = 0
    for shift in shifts:
        unpaid = sum(minute_of(b.start, b.end) for b in shift.breaks if not b.paid)
        paid += minute_of(shift.start, shift.end) - unpaid
    if paid < agent.min_minutes:
        return [("min_hours", f"{paid / 60:g} paid hours, at least {agent.min_hours:g} needed")]
    if paid > agent.max_minutes:
        return [("max_hours", f"{paid / 60:g} paid hours, at most {agent.max_hours:g} allowed")]
    return []
