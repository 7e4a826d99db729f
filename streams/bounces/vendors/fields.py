"""Typed access to decoded webhook JSON: every wrong shape becomes a ParseError naming the field. Pure."""
from __future__ import annotations

from typing import Any

from streams.bounces import smtpreply
from streams.model import ParseError

MAX_TEXT = 4096  # a diagnostic longer than this is cut: it is evidence, not a document


def mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ParseError(f"{where}: expected a JSON object, got {type(value).__name__}")
    return value


def items(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise ParseError(f"{where}: expected a JSON array, got {type(value).__name__}")
    return value


def text(obj: dict[str, Any], key: str) -> str:
    """obj[key] as text ("" when absent or null); numbers become their decimal text."""
    value = obj.get(key)
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, (str, int, float)):
        return str(value).strip()[:MAX_TEXT]
    raise ParseError(f"field {key!r}: expected text, got {type(value).__name__}")


def address(value: str) -> str:
    """An address as a provider wrote it, without display name, brackets or whitespace."""
    value = value.strip()
    if "<" in value and value.endswith(">"):
        value = value[value.rindex("<") + 1 : -1]
    return value.strip()


def recipient_of(found: str, supplied: str, where: str) -> str:
    """The payload's recipient, else the one the producer supplied; one of them must exist."""
    chosen = address(found) or address(supplied)
    if "@" not in chosen:
        raise ParseError(f"{where}: no recipient address in the event")
    return chosen


def status_in(code: str, diagnostic: str) -> str:
    """An enhanced status code: the provider's own field when it is one, else the first in the text."""
    return smtpreply.enhanced_status(code) or smtpreply.enhanced_status(diagnostic)


def reply_in(code: str, diagnostic: str) -> str:
    """An SMTP reply code: the provider's own field when it is one, else the first in the text."""
    return smtpreply.reply_code(code) or smtpreply.reply_code(diagnostic)
