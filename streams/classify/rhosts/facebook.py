"""Facebook mail replies, which carry a response code such as "RCP-P2":
https://www.facebook.com/postmaster/response_codes (Facebook postmaster response codes)."""
from __future__ import annotations

from streams.classify.match import Table
from streams.classify.rhosts._rows import rows
from streams.model import Reason as R

NAME = "facebook"
HOSTS = ("facebook.com", "facebookmail.com")
MARKERS = ("facebook.com/postmaster", "postmaster.facebook.com")  # the replies link the latter

RULES = Table(rows(
    NAME,
    (R.USERUNKNOWN, "rcp-p1", "rcp-p1"),  # the attempted recipient address does not exist
    (R.FILTERED, "rcp-p2", "rcp-p2"),  # the recipient's preferences prevent messages being delivered
    (R.FILTERED, "rcp-p3", "rcp-p3"),  # the recipient's privacy settings blocked the delivery
    (R.SYSTEMERROR, "rcp-t1", "rcp-t1"),  # recipient not available due to an internal issue
    (R.SUSPEND, "rcp-t4", "rcp-t4"),  # the recipient address is currently deactivated
    (R.USERUNKNOWN, "int-p1", "int-p1"),  # the attempted recipient address does not exist
    (R.USERUNKNOWN, "int-p3", "int-p3"),  # the attempted recipient group address does not exist
    (R.USERUNKNOWN, "int-p4", "int-p4"),  # the attempted recipient address does not exist
    (R.MESGTOOBIG, "msg-p1", "msg-p1"),  # the message exceeds the maximum allowed size
    (R.MESGTOOBIG, "int-p2", "int-p2"),  # the message exceeds the maximum allowed size
    (R.CONTENTERROR, "msg-p2", "msg-p2"),  # an attachment type that is not accepted
    (R.NOTCOMPLIANTRFC, "msg-p3", "msg-p3"),  # multiple instances of a header allowed once
    (R.TOOMANYCONN, "msg-t1", "msg-t1"),  # too many recipients on the message
    (R.BLOCKED, "pol-p1", "pol-p1"),  # your IP address is listed on the Spamhaus PBL
    (R.BLOCKED, "pol-p2", "pol-p2"),  # no longer accepting mail from your IP address
    (R.BLOCKED, "pol-p3", "pol-p3"),  # not accepting messages from your server (4-8 hours)
    (R.BLOCKED, "pol-p4", "pol-p4"),  # not accepting messages from your server (24-48 hours)
    (R.VIRUSDETECTED, "pol-p5", "pol-p5"),  # the message contains a virus
    (R.SPAMDETECTED, "pol-p6", "pol-p6"),  # the message contains a blocked URL
    (R.AUTHFAILURE, "pol-p7", "pol-p7"),  # does not comply with domain authentication requirements
    (R.BLOCKED, "pol-t1", "pol-t1"),  # temporarily not accepting from your server
    (R.BLOCKED, "pol-t2", "pol-t2"),
    (R.BLOCKED, "pol-t3", "pol-t3"),
    (R.REJECTED, "dns-p1", "dns-p1"),  # your MAIL FROM domain does not exist
    (R.REJECTED, "dns-p2", "dns-p2"),  # your MAIL FROM domain has no MX record
    (R.REJECTED, "dns-t1", "dns-t1"),  # your MAIL FROM domain does not currently resolve
    (R.REQUIREPTR, "dns-p3", "dns-p3"),  # your server has no reverse DNS record
    (R.REQUIREPTR, "dns-t2", "dns-t2"),  # your server's reverse DNS does not currently resolve
    (R.TOOMANYCONN, "con-t1", "con-t1"),  # too many connections open
    (R.TOOMANYCONN, "con-t2", "con-t2"),
    (R.TOOMANYCONN, "con-t3", "con-t3"),
    (R.TOOMANYCONN, "con-t4", "con-t4"),
))
first = RULES.first
