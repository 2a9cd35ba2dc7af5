"""The KPI definitions that vendors disagree on: explicit settings, versioned.

Each setting has a default that follows Zendesk where Zendesk is unambiguous; docs/metrics.md
explains every one. A report names the definitions it used with :attr:`Definitions.label`:
``v2`` for the defaults, ``v2+<hash>`` when a setting differs (the hash names the settings).
Environment variables with the prefix ``FLOORLEAD_KPI_`` override the defaults, e.g.
``FLOORLEAD_KPI_SERVICE_LEVEL_SECONDS=30``.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# Bumped whenever the meaning of a KPI formula changes in code, so old reports stay explicable.
# 2: productive hours and occupancy come from agent states where an agent-day has them.
DEFINITIONS_VERSION = 2


class FirstReplyStart(StrEnum):
    CREATED = "created"
    FIRST_CUSTOMER_MESSAGE = "first_customer_message"


class ZeroReplyFcr(StrEnum):
    EXCLUDE = "exclude"
    INCLUDE = "include"


class ServiceLevelDenominator(StrEnum):
    ANSWERED = "answered"
    OFFERED = "offered"


class ProductiveTime(StrEnum):
    AGENT_STATES = "agent_states"
    WORKING_SPAN = "working_span"


class Definitions(BaseSettings):
    """The definition settings every KPI run states (see docs/metrics.md, "Definitions")."""

    model_config = SettingsConfigDict(env_prefix="FLOORLEAD_KPI_", frozen=True, extra="ignore")

    first_reply_start: FirstReplyStart = Field(
        default=FirstReplyStart.CREATED,
        description="When the first-reply clock starts: `created` (ticket creation; for "
        "agent-created tickets the agent's opening comment is the first public comment, so the "
        "clock stops at the next one) or `first_customer_message` (the first inbound message).",
    )
    fcr_zero_replies: ZeroReplyFcr = Field(
        default=ZeroReplyFcr.EXCLUDE,
        description="Whether a ticket solved with no agent reply counts as resolved on first "
        "contact (`include`) or not (`exclude`); the zero-reply share is reported apart.",
    )
    service_level_denominator: ServiceLevelDenominator = Field(
        default=ServiceLevelDenominator.OFFERED,
        description="Service level divides the contacts answered within the threshold by the "
        "contacts `answered` or by those `offered` (answered + abandoned).",
    )
    service_level_seconds: int = Field(
        default=20, ge=1, description="Service-level threshold for phone and chat queues."
    )
    csat_good_min: int = Field(
        default=4,
        ge=2,
        le=5,
        description="Lowest CSAT rating (1-5 scale) that counts as good; lower ratings are bad.",
    )
    business_calendar: str = Field(
        default="sla_policy",
        min_length=1,
        description="Calendar of the business-hours durations: `sla_policy` (the calendar of "
        "the SLA policy that applies to the ticket; calendar time when it has none), `none` "
        "(business-hours durations equal calendar ones) or the name of a business calendar.",
    )

    productive_time: ProductiveTime = Field(
        default=ProductiveTime.AGENT_STATES,
        description="Where productive time (productive hours, occupancy, contacts per hour, "
        "cost per contact) comes from: `agent_states` (signed-in time in available, on "
        "contact and after-contact work, for each agent-day with recorded states; the "
        "working span for the others) or `working_span` (first to last recorded work of "
        "each agent-day, always).",
    )

    def settings(self) -> dict[str, Any]:
        """The settings as plain values (what a report prints)."""
        return {name: _plain(getattr(self, name)) for name in type(self).model_fields}

    @property
    def label(self) -> str:
        """``v2`` for the defaults; ``v2+<hash>`` when any setting differs from its default."""
        changed = {k: v for k, v in self.settings().items() if v != _DEFAULTS.get(k)}
        if not changed:
            return f"v{DEFINITIONS_VERSION}"
        digest = hashlib.sha256(json.dumps(changed, sort_keys=True).encode()).hexdigest()
        return f"v{DEFINITIONS_VERSION}+{digest[:8]}"

    @property
    def facts_fingerprint(self) -> str:
        """The settings baked into the stored facts; a change rebuilds them at the next sync."""
        return f"business_calendar={self.business_calendar}"


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, StrEnum) else value


_DEFAULTS = {name: _plain(field.default) for name, field in Definitions.model_fields.items()}
