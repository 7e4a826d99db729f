"""KDDI au (ezweb.ne.jp, au.com) replies, as collected by Sisimai (rhost/for-kddi.go).

au's servers answer "550 <address>: User unknown" for a mailbox that does not exist, and the same
words without the address ("550 : User unknown") when the recipient's reception filter (au's
designated-sender setting) refused the sender.
"""
from __future__ import annotations

from streams.classify.match import Table
from streams.classify.rhosts._rows import rows
from streams.model import Reason as R

NAME = "kddi"
HOSTS = ("ezweb.ne.jp", "au.com")
MARKERS = ()

RULES = Table(rows(
    NAME,
    (R.FILTERED, "no-address-user-unknown", " : user unknown"),  # "550 : User unknown", "-> : User unknown"
    (R.USERUNKNOWN, "address-user-unknown", ">: user unknown"),  # "550 <a@ezweb.ne.jp>: User unknown"
))
first = RULES.first
