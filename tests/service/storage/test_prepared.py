"""Prepared statements give what SQLAlchemy's own execution gives, for any shape of values.

They serve SQLite (positional placeholders); PostgreSQL runs statements through SQLAlchemy.
"""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine, bindparam, case, func, select
from sqlalchemy.dialects.postgresql import psycopg

from floorlead.config import Settings
from floorlead.storage import make_engine
from floorlead.storage.prepared import prepare
from floorlead.tickets.tables import Customer

from factories import T0

CUSTOMERS = Customer.__table__
QUERY = (
    select(CUSTOMERS.c.email, case((CUSTOMERS.c.tier == "vip", "gold"), else_="plain"))
    .where(CUSTOMERS.c.email.in_(bindparam("emails", expanding=True)))
    .where(CUSTOMERS.c.created_at >= bindparam("since"))
    .order_by(CUSTOMERS.c.email)
)


@pytest.fixture
def customers(sqlite_settings: Settings) -> Iterator[Engine]:
    engine = make_engine(sqlite_settings)
    with engine.begin() as connection:
        connection.execute(
            CUSTOMERS.insert(),
            [
                {
                    "name": f"C{n}",
                    "email": f"c{n}@example.org",
                    "tier": "vip" if n % 2 else "standard",
                    "created_at": T0 + timedelta(days=n),
                }
                for n in range(5)
            ],
        )
    yield engine
    engine.dispose()


@pytest.mark.parametrize(
    "emails", [["c1@example.org"], ["c0@example.org", "c3@example.org", "c4@example.org"], []]
)
@pytest.mark.parametrize("days", [0, 3])
def test_prepared_rows_equal_sqlalchemy_rows(
    customers: Engine, emails: list[str], days: int
) -> None:
    params = {"emails": emails, "since": T0 + timedelta(days=days)}
    with customers.connect() as connection:
        expected = [tuple(row) for row in connection.execute(QUERY, params)]
        prepared = prepare(QUERY, connection.dialect, params)
        got = prepared.rows(connection, params)

    assert got == expected
    assert len(prepared.slots) == 3 + len(emails) + 1  # the CASE's constants, emails, date


def test_one_compilation_per_shape_of_values(customers: Engine) -> None:
    with customers.connect() as connection:
        one = prepare(QUERY, connection.dialect, {"emails": ["a"], "since": T0})
        same = prepare(QUERY, connection.dialect, {"emails": ["b"], "since": T0})
        two = prepare(QUERY, connection.dialect, {"emails": ["a", "b"], "since": T0})
        counted = prepare(select(func.count()).select_from(CUSTOMERS), connection.dialect, {})

        total = counted.rows(connection, {})

    assert one is same and one is not two
    assert total == [(5,)]


def test_named_placeholder_drivers_are_refused() -> None:
    with pytest.raises(ValueError, match="named parameters"):
        prepare(QUERY, psycopg.dialect(), {"emails": [], "since": T0})


def test_mappings_convert_values_as_sqlalchemy_does(customers: Engine) -> None:
    query = select(*CUSTOMERS.c).where(CUSTOMERS.c.id == bindparam("id"))
    with customers.connect() as connection:
        expected = [dict(row) for row in connection.execute(query, {"id": 2}).mappings()]
        got = prepare(query, connection.dialect, {"id": 2}).mappings(connection, {"id": 2})

    assert got == expected
    assert got[0]["created_at"] == T0 + timedelta(days=1)  # aware UTC, as stored
