"""Builders of contact events for policy tests: times in minutes from a fixed origin."""
from __future__ import annotations

from streams.events import BounceEvent, EngagementEvent
from streams.model import Reason

ORIGIN = 1_795_860_000_000  # 2026-11-28T10:00:00Z
MINUTE = 60_000


def bounce(id: str, minute: int, reason: Reason = Reason.MAILBOXFULL, *, message_id: str = "",
           tenant: str = "acme", recipient: str = "ann@example.org", status: str = "") -> BounceEvent:
    return BounceEvent(id=id, tenant=tenant, recipient=recipient, at=ORIGIN + minute * MINUTE,
                       format="smtp", reason=reason, rule_id=f"test:{reason}", status=status,
                       message_id=message_id)


def engagement(id: str, minute: int, *, tenant: str = "acme", recipient: str = "ann@example.org") -> EngagementEvent:
    return EngagementEvent(id=id, tenant=tenant, recipient=recipient, at=ORIGIN + minute * MINUTE, type="open")
