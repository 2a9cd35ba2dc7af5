"""Reading requirements, shifts and agents files; clear errors that name the row or field."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from floorlead.workforce.scheduling import ScheduleInputError, WeeklyWindow
from floorlead.workforce.scheduling.io import read_agents, read_problem

SHIFTS_YAML = """\
opening_hours: {mon: "07:00-22:00", tue: "07:00-22:00", wed: closed}
rules: {min_days_off: 2, consecutive_days_off: 2, min_rest_hours: 11}
objective: {under_per_agent_hour: 1000}
templates:
  - name: day
    length: "8:30"
    starts: {from: "07:00", to: "09:00", every: 60}
    days: [mon, tue]
    breaks:
      - {name: lunch, length: 30, paid: false, window: ["3:30", "5:00"]}
"""

AGENTS_CSV = """\
id,name,min_hours,max_hours,hourly_cost,skills,mon,tue,wed,thu,fri,sat,sun,preferred_start,templates
A1,Ann,8,16,21.5,voice;chat,07:00-17:00,all,,,,,22:00-06:00,07:00-08:00,day
"""


def write(
    folder: Path, requirements: str, shifts: str = SHIFTS_YAML, agents: str = AGENTS_CSV
) -> tuple[Path, Path, Path]:
    paths = (folder / "req.csv", folder / "shifts.yaml", folder / "agents.csv")
    for path, text in zip(paths, (requirements, shifts, agents), strict=True):
        path.write_text(text)
    return paths


def test_files_make_a_problem_with_week_start_and_interval_from_the_requirements(
    tmp_path: Path,
) -> None:
    paths = write(
        tmp_path, "interval_start,required\n2026-03-02T09:00+01:00,2\n2026-03-02T09:30+01:00,3\n"
    )

    problem = read_problem(*paths)

    assert problem.week_start == datetime(2026, 3, 2, tzinfo=timezone(timedelta(hours=1)))
    assert problem.interval_minutes == 30
    assert problem.demand[0].required[18:20] == (2.0, 3.0)
    template = problem.templates[0]
    assert (template.length_minutes, template.start_times, template.paid_minutes) == (
        510,
        (420, 480, 540),
        480,
    )
    assert problem.rules.min_rest_minutes == 660
    assert problem.weights.under_per_agent_hour == 1000


def test_agent_columns_become_availability_skills_preferences(tmp_path: Path) -> None:
    (ann,) = read_agents(write(tmp_path, "")[2])

    assert ann.skills == frozenset({"voice", "chat"})
    assert ann.preferred_start == (420, 480)
    assert ann.templates == frozenset({"day"})
    assert WeeklyWindow(6, 22 * 60, 30 * 60) in ann.availability
    assert WeeklyWindow(1, 0, 24 * 60) in ann.availability
    assert all(window.weekday != 2 for window in ann.availability)


@pytest.mark.parametrize(
    ("requirements", "message"),
    [
        ("interval_start,required\n2026-03-02T09:00,-1\n", "row 2: required must not be negative"),
        ("interval_start,required\n2026-03-02T09:00,many\n", "'many' is not a number"),
        ("interval_start,required\nyesterday,1\n", "not an ISO date-time"),
        ("when,required\n2026-03-02T09:00,1\n", "lacks columns"),
        ("interval_start,required\n2026-03-02T09:00,1\n2026-03-02T09:00,2\n", "listed twice"),
    ],
)
def test_bad_requirements_rows_are_named(tmp_path: Path, requirements: str, message: str) -> None:
    with pytest.raises(ScheduleInputError, match=message):
        read_problem(*write(tmp_path, requirements))


def test_break_window_outside_the_shift_is_named(tmp_path: Path) -> None:
    shifts = SHIFTS_YAML.replace('["3:30", "5:00"]', '["3:30", "8:15"]')

    with pytest.raises(ScheduleInputError, match="end after") as caught:
        read_problem(*write(tmp_path, "interval_start,required\n2026-03-02T09:00,1\n", shifts))

    assert caught.value.field == "templates[day].breaks[0].window"


def test_impossible_days_off_rule_in_the_file_is_named(tmp_path: Path) -> None:
    shifts = SHIFTS_YAML.replace("min_days_off: 2", "min_days_off: 8")

    with pytest.raises(ScheduleInputError, match="not between 0 and 7"):
        read_problem(*write(tmp_path, "interval_start,required\n2026-03-02T09:00,1\n", shifts))


def test_bad_agent_hours_name_the_row(tmp_path: Path) -> None:
    agents = AGENTS_CSV.replace("A1,Ann,8,16", "A1,Ann,eight,16")

    with pytest.raises(ScheduleInputError, match="row 2 min_hours"):
        read_agents(write(tmp_path, "", agents=agents)[2])


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ScheduleInputError, match="cannot read"):
        read_problem(tmp_path / "none.csv", tmp_path / "none.yaml", tmp_path / "none2.csv")
