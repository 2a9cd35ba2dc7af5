"""Reference tables rendered from the rules themselves, for docs/org/guide.md and the web app.

``python -m floorlead.org.reference`` prints them; ``python -m floorlead.org.reference
docs/org/guide.md`` rewrites the guide's marked blocks. A test fails when the guide drifts.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from floorlead.auth.permissions import ROLE_ACTIONS, Action
from floorlead.org.authority import default_approval_limits
from floorlead.org.model import Role

ROLES_BY_RANK = sorted(Role, key=lambda role: role.rank)


def role_actions_markdown() -> str:
    """The role × action table of :data:`floorlead.auth.permissions.ROLE_ACTIONS`."""
    lines = [
        "| action | " + " | ".join(role.value for role in ROLES_BY_RANK) + " |",
        "|---|" + "---|" * len(ROLES_BY_RANK),
    ]
    for action in Action:
        marks = ("yes" if action in ROLE_ACTIONS[role] else "–" for role in ROLES_BY_RANK)
        lines.append(f"| `{action.value}` | " + " | ".join(marks) + " |")
    return "\n".join(lines)


def default_limits_markdown() -> str:
    """The limits :func:`default_approval_limits` seeds, one column per approval type."""
    limits = default_approval_limits()
    types = list(dict.fromkeys(limit.approval_type for limit in limits))
    amounts = {(limit.approval_type, limit.role): limit.max_amount for limit in limits}
    lines = ["| role | " + " | ".join(types) + " |", "|---|" + "---:|" * len(types)]
    for role in ROLES_BY_RANK:
        cells = (f"{amounts[(kind, role)]:,.2f}" for kind in types)
        lines.append(f"| {role.value} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


BLOCKS = {"role-actions": role_actions_markdown, "default-limits": default_limits_markdown}


def refresh_blocks(text: str) -> str:
    """``text`` with each ``<!-- name:start -->…<!-- name:end -->`` block rendered afresh."""
    for name, render in BLOCKS.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(\n<!-- {name}:end -->)", re.DOTALL)
        table = render()
        text = pattern.sub(lambda found, table=table: found.group(1) + table + found.group(2), text)
    return text


if __name__ == "__main__":
    if len(sys.argv) > 1:
        guide = Path(sys.argv[1])
        guide.write_text(refresh_blocks(guide.read_text()))
    else:
        print(*(render() for render in BLOCKS.values()), sep="\n\n")
