"""Raw bounce payload -> list of Bounce: one parser per format, dispatched by one table. Pure."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from streams.bounces import smtp
from streams.bounces.formats import parse_email
from streams.bounces.vendors import mailgun, postmark, sendgrid, ses
from streams.model import Bounce, Format, ParseError

__all__ = ["PARSERS", "ParseError", "parse"]

# Each parser takes the payload (str for smtp/dsn/arf, a dict for provider webhooks) and the
# recipient the producer supplied ("" when none), and returns one Bounce per reported recipient.
PARSERS: dict[Format, Callable[[Any, str], list[Bounce]]] = {
    Format.SMTP: smtp.parse,
    Format.DSN: parse_email,
    Format.ARF: parse_email,
    Format.SES: ses.parse,
    Format.SENDGRID: sendgrid.parse,
    Format.MAILGUN: mailgun.parse,
    Format.POSTMARK: postmark.parse,
}


def parse(fmt: Format, payload: Any, recipient: str = "") -> list[Bounce]:
    """Parse one raw bounce payload. Raises ParseError when nothing can be read from it."""
    return PARSERS[fmt](payload, recipient)
