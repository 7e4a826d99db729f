"""Cox Communications replies, which carry an "AUP#" code:
https://www.cox.com/residential/support/email-error-codes.html (Cox postmaster error codes)."""
from __future__ import annotations

import re

from streams.classify.match import Row, Table
from streams.classify.rhosts._rows import rows
from streams.model import Reason as R

NAME = "cox"
HOSTS = ("cox.net", "cox.com")
MARKERS = ("aup#", "cox.com/residential/support")

RULES = Table(rows(
    NAME,
    # AUP#CXBL / CDRBL: the sending IP is (temporarily) blocked for spam-like behaviour
    (R.BLOCKED, "cxbl", "aup#cxbl"),
    (R.BLOCKED, "cdrbl", "aup#cdrbl"),
    # AUP#CXDNS: reverse DNS of the sending IP fails
    (R.REQUIREPTR, "cxdns", "aup#cxdns"),
    # AUP#CXSNDR: the message failed SPF/DKIM checks of the sending domain
    (R.AUTHFAILURE, "cxsndr", "aup#cxsndr"),
    # AUP#CXSMTP: SMTP protocol violation, sender not verified
    (R.REJECTED, "cxsmtp", "aup#cxsmtp"),
    # AUP#CXCNCT / CXMXRT: too many concurrent connections / recipients
    (R.TOOMANYCONN, "cxcnct", "aup#cxcnct"),
    (R.TOOMANYCONN, "cxmxrt", "aup#cxmxrt"),
    # AUP#CXTHRT / CXMJ: sending limited for suspicious account activity
    (R.SECURITYERROR, "cxthrt", "aup#cxthrt"),
    (R.SECURITYERROR, "cxmj", "aup#cxmj"),
    # "too many invalid recipients", "Cox too many bad commands from"
    (R.BLOCKED, "invalid-recipients", "too many invalid recipients"),
    (R.BLOCKED, "bad-commands", "too many bad commands from"),
    # "rejected - no rDNS", "DNS check failure - try again later"
    (R.REQUIREPTR, "no-rdns", "no rdns"),
    (R.REQUIREPTR, "dns-check", "dns check failure"),
    # "too many sessions from", "message threshold exceeded"
    (R.TOOMANYCONN, "sessions", "too many sessions from"),
    (R.TOOMANYCONN, "threshold", "message threshold exceeded"),
    # "esmtp server temporarily not available" (Sisimai: notaccept; a temporary outage is no dead domain)
    (R.SYSTEMERROR, "unavailable", "esmtp server temporarily not available"),
    # "recipient rejected": the recipient is not a valid Cox account
    (R.USERUNKNOWN, "recipient-rejected", "recipient rejected"),
    # "sender rejected": the sender domain does not resolve
    (R.REJECTED, "sender-rejected", "sender rejected"),
    # Sisimai Rhost/Cox.pm: "ESMTP no data before greeting" (a client talking before the banner) and
    # "attachment extension is forbidden": policy; "requested action aborted: try again later": a limit
    (R.POLICYVIOLATION, "data-before-greeting", "esmtp no data before greeting"),
    (R.POLICYVIOLATION, "attachment-extension", "attachment extension is forbidden"),
    (R.TOOMANYCONN, "try-again-later", "requested action aborted: try again later"),
))
# AUP#IPBLnnnn: the sending IP is on Spamhaus / Return Path / ivmSIP / Cloudmark CSI lists;
# AUP#URLBLnnn: a URL in the body is on SURBL / Spamhaus DBL / ivmURI. The digits are glued to the
# letters, so the word index cannot see "ipbl": a regex reads the code.
_LISTED = re.compile(r"aup#(ipbl|urlbl)\d+")
_LISTS = {"ipbl": R.BLOCKED, "urlbl": R.SPAMDETECTED}


def first(text: str, text_words: frozenset[str]) -> Row | None:
    found = _LISTED.search(text)
    if found is not None:
        return Row(_LISTS[found.group(1)], f"rhost:{NAME}:{found.group(1)}", found.group(0))
    return RULES.first(text, text_words)
