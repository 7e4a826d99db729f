"""The log lines of every command: text or JSON lines (HYGIENE_LOG_FORMAT), at HYGIENE_LOG_LEVEL, and
never an e-mail address in them.

An address anywhere in a line (a message, its arguments, an exception's text or traceback) is
written as a short hash of the address and its domain, "~5f2c0a1b@example.org": the lines about one
contact can still be found together (`mask(address)` gives its form), the address itself is not in
the log. The dead-letter topic keeps the whole original message; logs are read by more people.
"""
from __future__ import annotations

import hashlib
import logging
import re
import sys
from typing import Any

import orjson

from streams.timefmt import format_ms

# Something@something, where neither side holds white space or a delimiter that ends an address in
# the texts we log (quotes, brackets, commas, backslashes of escaped JSON), or a quoted local part
# ("john doe"@example.org): wide on purpose, a word that is not an address is masked too.
_ADDRESS = re.compile(r"""(?:[^\s@<>()\[\]{},;:"'\\/|=]+|"[^"\n]*")@[^\s@<>()\[\]{},;:"'\\/|=]+""")
TEXT_FORMAT = "[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s"


def _masked(match: re.Match[str]) -> str:
    address = match.group(0).rstrip(".")  # the full stop of a sentence is not the domain's
    digest = hashlib.blake2s(address.lower().encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
    return f"~{digest}@{address.rpartition('@')[2]}" + "." * (len(match.group(0)) - len(address))


def mask(text: str) -> str:
    """`text` with every e-mail address replaced by "~<hash>@<domain>" (the same address, the same hash)."""
    return _ADDRESS.sub(_masked, text) if "@" in text else text


class TextFormatter(logging.Formatter):
    """faust's line layout, addresses masked."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (RFC 3339, UTC), level, logger, message, and exc (a traceback) when
    there is one; addresses masked."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": format_ms(int(record.created * 1000)),
            "level": record.levelname,
            "logger": record.name,
            "message": mask(record.getMessage()),
        }
        if record.exc_info:
            line["exc"] = mask(self.formatException(record.exc_info))
        elif record.exc_text:
            line["exc"] = mask(record.exc_text)
        return orjson.dumps(line).decode()


def formatter(log_format: str) -> logging.Formatter:
    return JsonFormatter() if log_format == "json" else TextFormatter()


def dict_config(log_format: str, log_level: str) -> dict[str, Any]:
    """The logging configuration of the worker, for faust's Worker(logging_config=...): one handler on
    standard output with this module's formatter. Loggers made before it stay enabled."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"hygiene": {"()": f"{__name__}.formatter", "log_format": log_format}},
        "handlers": {"default": {"class": "logging.StreamHandler", "formatter": "hygiene",
                                 "stream": "ext://sys.stdout"}},
        "root": {"level": log_level, "handlers": ["default"]},
    }


def configure(log_format: str, log_level: str) -> None:
    """Log lines of a command (not the worker: faust sets its own up from dict_config) to standard error."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter(log_format))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(log_level)
