"""GoDaddy (secureserver.net) replies, which end in an "IBnnn" code:
https://www.godaddy.com/help/what-do-the-email-bounce-back-codes-mean-40685 (bounce-back codes), as
collected by Sisimai (Rhost/GoDaddy.pm)."""
from __future__ import annotations

import re

from streams.classify.match import Row, Table
from streams.classify.rhosts._rows import by_code, rows
from streams.model import Reason as R

NAME = "godaddy"
HOSTS = ("secureserver.net",)
MARKERS = ("secureserver.net",)

_CODE = re.compile(r"\bib(\d{3})\b")

CODES: dict[str, tuple[R, str]] = {
    # Sisimai says blocked for IB103 and IB108; the words are a reputation and a reverse DNS failure,
    # which our vocabulary names (both block-class, like blocked)
    "103": (R.BADREPUTATION, "this IP has a poor reputation on Cloudmark Sender Intelligence (CSI)"),
    "104": (R.BLOCKED, "this IP is listed on the Spamhaus Block List (SBL)"),
    "105": (R.BLOCKED, "this IP is listed on the Exploits Block List (XBL)"),
    "106": (R.BLOCKED, "this IP is listed on the Policy Block List (PBL)"),
    "007": (R.TOOMANYCONN, "too many sessions from this IP"),
    "101": (R.EXPIRED, "server temporarily unavailable, try again later"),
    "108": (R.REQUIREPTR, "reverse DNS for this IP failed"),
    "110": (R.BLOCKED, "IP temporarily blocked for sending spam"),
    "111": (R.BLOCKED, "IP blocked for the day for sending spam"),
    "112": (R.BLOCKED, "IP temporarily blocked for mailing too many invalid recipients"),
    "113": (R.BLOCKED, "IP blocked for the day for mailing too many invalid recipients"),
    "212": (R.SPAMDETECTED, "message rejected due to content judged to be spam"),
    "401": (R.SECURITYERROR, "authentication not allowed on IBSMTP servers"),
    "501": (R.REJECTED, "blank From: addresses are not allowed"),
    "502": (R.REJECTED, "IP addresses are not allowed as a From: address"),
    "504": (R.TOOMANYCONN, "this IP has sent too many messages this hour"),
    "506": (R.REJECTED, "From: domain is invalid"),
    # Sisimai: rejected; an SPF record that fails is an authentication failure in our vocabulary
    "508": (R.AUTHFAILURE, "invalid SPF record, please inspect your SPF settings"),
    "510": (R.TOOMANYCONN, "exceeded the max number of messages per session"),
    "607": (R.TOOMANYCONN, "this IP has sent to too many recipients this hour"),
    "705": (R.VIRUSDETECTED, "virus infected message rejected"),
}

RULES = Table(rows(
    NAME,
    (R.SUSPEND, "account-disabled", "account disabled"),
    (R.MAILBOXFULL, "storage-limit", "account storage limit"),
    (R.USERUNKNOWN, "account-does-not-exist", "account does not exist"),
    (R.USERUNKNOWN, "recipient-not-found", "550 recipient not found"),
    (R.EXPIRED, "delivery-timeout", "delivery timeout"),
))


def first(text: str, text_words: frozenset[str]) -> Row | None:
    return by_code(NAME, _CODE, CODES, text, "ib") or RULES.first(text, text_words)
