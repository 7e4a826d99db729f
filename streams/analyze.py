"""Raw bounce payload -> classified rows: parse, classify, map reason to class by policy. Pure."""
from __future__ import annotations

from typing import Any

from streams.bounces.registry import parse
from streams.classify import bounce_class, classify
from streams.model import Classified, Format, Policy


def analyze(fmt: Format, payload: Any, policy: Policy, recipient: str = "") -> list[Classified]:
    """Every reported recipient of one raw bounce with its reason, rule and class under `policy`."""
    rows = []
    for bounce in parse(fmt, payload, recipient):
        verdict = classify(bounce)
        cls = bounce_class(policy, verdict.reason, bounce.status, bounce.reply_code, bounce.diagnostic)
        rows.append(Classified(bounce, verdict, cls))
    return rows
