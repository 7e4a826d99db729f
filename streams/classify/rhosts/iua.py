"""I.UA (email.ua) replies, which link an error page ".i.ua/err/N": as collected by Sisimai
(Rhost/IUA.pm) from https://mail.i.ua/err/ (I.UA's own explanation of each number)."""
from __future__ import annotations

import re

from streams.classify.match import Row
from streams.classify.rhosts._rows import by_code
from streams.model import Reason as R

NAME = "iua"
HOSTS = ("email.ua", "i.ua")
MARKERS = (".i.ua/err/",)

_CODE = re.compile(r"\.i\.ua/err/(\d+)")

CODES: dict[str, tuple[R, str]] = {
    "1": (R.NORELAYING, "the use of SMTP as mail gate is forbidden"),
    "2": (R.USERUNKNOWN, "user is not found"),
    "3": (R.SUSPEND, "mailbox was not used for more than 3 months"),
    "4": (R.MAILBOXFULL, "mailbox is full"),
    "5": (R.TOOMANYCONN, "letter sending limit is exceeded"),
    "6": (R.NORELAYING, "use SMTP of your provider to send mail"),
    "7": (R.BLOCKED, "wrong value of the HELO/EHLO parameter"),
    "8": (R.REJECTED, "couldn't check sender address"),
    "9": (R.BLOCKED, "IP address of the sender is blacklisted"),
    "10": (R.FILTERED, "not in the list of the mail address management"),
}


def first(text: str, text_words: frozenset[str]) -> Row | None:
    return by_code(NAME, _CODE, CODES, text, "err")
