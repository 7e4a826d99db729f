"""Cox Communications replies, which carry an "AUP#" code:
https://www.cox.com/residential/support/email-error-codes.html (Cox postmaster error codes)."""
from __future__ import annotations

from streams.classify.match import Table
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
    # AUP#IPBLxxxx: the sending IP is on Spamhaus / Return Path / ivmSIP / Cloudmark CSI lists
    (R.BLOCKED, "ipbl", "aup#ipbl"),
    # AUP#URLBLxxx: a URL in the body is on SURBL / Spamhaus DBL / ivmURI
    (R.SPAMDETECTED, "urlbl", "aup#urlbl"),
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
    # "esmtp server temporarily not available"
    (R.SYSTEMERROR, "unavailable", "esmtp server temporarily not available"),
    # "recipient rejected": the recipient is not a valid Cox account
    (R.USERUNKNOWN, "recipient-rejected", "recipient rejected"),
    # "sender rejected": the sender domain does not resolve
    (R.REJECTED, "sender-rejected", "sender rejected"),
))
first = RULES.first
