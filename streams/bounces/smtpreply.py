"""Reply codes (RFC 5321 §4.2) and enhanced status codes (RFC 3463) found in diagnostic text. Pure."""
from __future__ import annotations

import re

# A reply code opens a line (or follows "smtp;", a quote: "returned '550 5.1.1 ...", or Exchange's
# "#550 5.1.1 RESOLVER.ADR.RecipNotFound ##"), optionally as a continuation line "550-".
_REPLY = re.compile(r"(?:^|[\s;:(\['\"#])([245][0-5][0-9])(?=[\s\-]|$)")
# class.subject.detail, RFC 3463 §2: class 2/4/5, subject 1-3 digits, detail 1-3 digits.
_STATUS = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.]|\.\d)")


def reply_code(text: str) -> str:
    """The first SMTP reply code in `text` ("550"), or ""."""
    found = _REPLY.search(text[:4096])
    return found.group(1) if found else ""


def enhanced_status(text: str) -> str:
    """The first RFC 3463 enhanced status code in `text` ("5.1.1"), or ""."""
    found = _STATUS.search(text[:4096])
    return ".".join(found.groups()) if found else ""
