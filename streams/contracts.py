"""The JSON Schemas in schemas/ (the contract with producers and consumers), loaded once. Pure reads.

The package reads them as its resources `streams/schemas/`: a link to the top-level schemas/ in a
checkout, copied from there into the wheel (package data).
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import orjson
import jsonschema_rs

SCHEMA_DIR = resources.files("streams") / "schemas"
# role of a topic -> its schema file
SCHEMAS = {
    "bounces": "raw-bounce.schema.json",
    "engagement": "engagement.schema.json",
    "commands": "unsubscribe-command.schema.json",
    "dead-letter": "dead-letter.schema.json",
}


@cache
def validator(role: str) -> jsonschema_rs.Draft202012Validator:
    """The compiled validator of a role's schema (jsonschema-rs: the hot path validates every message).

    `format` is checked, not only annotated (draft 2020-12's default): a `date-time` is RFC 3339's.
    """
    schema = orjson.loads((SCHEMA_DIR / SCHEMAS[role]).read_bytes())
    return jsonschema_rs.Draft202012Validator(schema, validate_formats=True)


def problems(role: str, doc: Any) -> list[str]:
    """Every way `doc` breaks the contract of `role`, as "where: what" lines; [] when valid."""
    check = validator(role)
    if check.is_valid(doc):
        return []
    found = []
    for error in check.iter_errors(doc):
        where = "".join(f"[{p!r}]" if isinstance(p, int) else f".{p}" for p in error.instance_path)
        found.append(f"${where}: {error.message[:300]}")
    return sorted(found)
