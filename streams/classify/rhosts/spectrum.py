"""Spectrum (Charter) replies, which carry an "AUP#" code of four digits:
https://www.spectrum.net/support/internet/understanding-email-error-codes (error codes), as collected
by Sisimai (Rhost/Spectrum.pm)."""
from __future__ import annotations

import re

from streams.classify.match import Row
from streams.model import Reason as R

NAME = "spectrum"
HOSTS = ("charter.net", "spectrum.net", "rr.com")
MARKERS = ("aup#",)  # shared with Cox, whose codes are letters (CXBL) or IPBL/URLBL + digits

# Cox's AUP#IPBLnnnn / URLBLnnn codes are not Spectrum's
_CODE = re.compile(r"aup#(?!ipbl|urlbl|cx|cdrbl)[a-z-]*(\d{4})\b")

CODES: dict[int, tuple[R, str]] = {
    1000: (R.BLOCKED, "your IP address has been blocked due to suspicious activity"),
    1010: (R.REJECTED, "this email account has been blocked from sending emails due to suspicious activity"),
    1090: (R.SYSTEMERROR, "the email you're trying to send can't be processed, try again later"),
    1260: (R.NETWORKERROR, "Spectrum doesn't process IPv6 addresses"),
    1500: (R.REJECTED, "sending as a different email address than you signed in under"),
    1520: (R.REJECTED, "sending as an address of a domain that we do not host"),
    1530: (R.MESGTOOBIG, "larger than the maximum size of 20MB"),
    1540: (R.TOOMANYCONN, "too many in a single session"),
    1550: (R.TOOMANYCONN, "too many recipients in one message"),
    1560: (R.POLICYVIOLATION, "too many invalid recipients"),
}
RANGES: tuple[tuple[int, int, R, str], ...] = (
    (1020, 1080, R.REJECTED, "this email account has limited access to send emails"),
    (1100, 1150, R.BLOCKED, "the IP address has an issue with the Domain Name System"),
    (1160, 1190, R.POLICYVIOLATION, "goes against your domain's security policies"),
    (1200, 1210, R.BLOCKED, "the IP address has been flagged by Cloudmark CSI as potential spam"),
    (1220, 1250, R.BLOCKED, "your IP address has been blacklisted by Spamhaus"),
    (1300, 1340, R.TOOMANYCONN, "the number of concurrent connections from a sender"),
    (1350, 1490, R.TOOMANYCONN, "the number of messages sent, amount of recipients"),
)


def first(text: str, text_words: frozenset[str]) -> Row | None:
    found = _CODE.search(text)
    if found is None:
        return None
    code = int(found.group(1))
    entry = CODES.get(code)
    if entry is None:
        entry = next(((reason, meaning) for low, high, reason, meaning in RANGES if low <= code <= high), None)
    if entry is None:
        return None
    return Row(entry[0], f"rhost:{NAME}:{code}", found.group(0))
