"""Erlang C and the written-work backlog."""

from __future__ import annotations

import numpy as np
import pytest

from floorlead.demo.queueing import Backlog, erlang_c, live_queue
from floorlead.demo.timeline import INTERVAL_SECONDS


@pytest.mark.parametrize(
    ("servers", "load", "waiting"),
    [
        (1, 0.5, 0.5),
        (2, 1.0, 1 / 3),
        (10, 8.0, 0.4092),
        (3, 0.0, 0.0),
        (3, 3.0, 1.0),
        (0, 1.0, 1.0),
    ],
)
def test_erlang_c_chance_of_waiting(servers: int, load: float, waiting: float) -> None:
    assert erlang_c(servers, load) == pytest.approx(waiting, abs=1e-4)


def test_more_agents_for_the_same_load_means_less_waiting() -> None:
    chances = [erlang_c(n, 4.0) for n in range(5, 10)]

    assert chances == sorted(chances, reverse=True)


def test_nobody_on_the_floor_means_every_caller_abandons() -> None:
    queue = live_queue(np.array([[0, 4]]), np.array([[1.0, 1.0]]))
    t = np.array([10.0, 20.0, INTERVAL_SECONDS + 10.0])
    rng = np.random.default_rng(1)

    _, abandoned = queue.draw_waits(np.zeros(3, dtype=int), t, np.array(["phone"] * 3), rng)

    assert abandoned[:2].all()


def test_an_empty_backlog_is_picked_up_at_once_while_someone_works() -> None:
    backlog = Backlog(np.array([900.0, 900.0]), np.array([0.0, 0.0]))

    assert backlog.pickup(100.0) == pytest.approx(101.0)


def test_a_ticket_waits_for_the_work_queued_ahead_of_it() -> None:
    # One agent-second per second; 1,800 seconds of work arrive in the first interval.
    backlog = Backlog(np.full(4, 900.0), np.array([1800.0, 0.0, 0.0, 0.0]))

    later, earlier = backlog.pickup(900.0), backlog.pickup(900.0, share=0.5)

    assert later == pytest.approx(1800.0 + 1.0)
    assert earlier == pytest.approx(1350.0 + 1.0)


def test_work_waits_for_the_next_staffed_interval() -> None:
    backlog = Backlog(np.array([900.0, 0.0, 0.0, 900.0]), np.zeros(4))

    assert backlog.pickup(1000.0) == pytest.approx(3 * INTERVAL_SECONDS + 1.0)
