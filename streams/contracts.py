"""The JSON Schemas in schemas/ (the contract with producers and consumers), loaded once. Pure reads."""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import orjson
from jsonschema import Draft202012Validator

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
# role of a topic -> its schema file
SCHEMAS = {
    "bounces": "raw-bounce.schema.json",
    "engagement": "engagement.schema.json",
    "commands": "unsubscribe-command.schema.json",
    "dead-letter": "dead-letter.schema.json",
}


@cache
def validator(role: str) -> Draft202012Validator:
    schema = orjson.loads((SCHEMA_DIR / SCHEMAS[role]).read_bytes())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def problems(role: str, doc: Any) -> list[str]:
    """Every way `doc` breaks the contract of `role`, as "where: what" lines; [] when valid."""
    found = []
    for error in validator(role).iter_errors(doc):
        where = "".join(f"[{p!r}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        found.append(f"${where}: {error.message[:300]}")
    return sorted(found)
