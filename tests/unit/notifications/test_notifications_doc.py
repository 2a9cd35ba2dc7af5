"""docs/notifications.md states facts the code defines; these tests fail when the two drift."""

from pathlib import Path

from floorlead.cli.notify import notify_app
from floorlead.notifications import MailKind
from floorlead.notifications.model import CLAIM_LEASE, MAX_ATTEMPTS, retry_delay
from floorlead.notifications.tables import OutboxMessage

DOC = (Path(__file__).parents[3] / "docs" / "notifications.md").read_text()


def test_every_kind_of_email_is_documented() -> None:
    for kind in MailKind:
        assert f"| `{kind.value}` |" in DOC, f"{kind.value} is not in docs/notifications.md"


def test_the_documented_retry_delays_are_the_codes() -> None:
    minutes = [int(retry_delay(n).total_seconds() // 60) for n in range(1, MAX_ATTEMPTS)]
    ordinal = {5: "fifth"}[MAX_ATTEMPTS]

    assert f"tried again {', '.join(map(str, minutes[:-1]))} and {minutes[-1]} minutes" in DOC
    assert f"the {ordinal} failed try is the last" in DOC
    assert f"A claim lasts {int(CLAIM_LEASE.total_seconds() // 60)} minutes" in DOC


def test_every_command_and_outbox_column_is_documented() -> None:
    for command in notify_app.registered_commands:
        assert f"floorlead notify {command.name}" in DOC
    for column in OutboxMessage.__table__.columns:
        if column.name != "id":
            assert f"`{column.name}`" in DOC, f"column {column.name} is not documented"
