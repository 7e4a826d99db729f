"""Wording collected by Sisimai (Reason/*.pm `match` lists, Rhost/*.pm) and vendors' documentation that
our tables lacked: each row is a short reply written for the test, with the reason it must give.
Rows where we read a phrase differently from Sisimai say why."""
from __future__ import annotations

import pytest

from streams.classify import classify
from streams.classify.match import Row, Table, normalise, words
from streams.model import Bounce, Reason
from streams.model import Reason as R

# (id, reply text, status, SMTP command, expected reason)
PHRASE_ROWS: tuple[tuple[str, str, str, str, R], ...] = (
    # The sender's volume limits are not a full mailbox, though they say "quota exceeded"
    ("ses-daily-quota", "554 Throttling failure: Daily message quota exceeded.", "", "", R.TOOMANYCONN),
    ("ses-sending-rate", "454 Throttling failure: Maximum sending rate exceeded.", "", "", R.TOOMANYCONN),
    ("gmail-daily-sending-quota", "550 5.4.5 Daily sending quota exceeded. Learn more at x", "", "", R.TOOMANYCONN),
    ("submission-quota", "554 5.2.2 mailbox full; STOREDRV.Submission.Exception:SubmissionQuotaExceededException; "
     "submission quota exceeded", "", "", R.TOOMANYCONN),
    ("daily-recipient-limit", "550 5.1.90 Your message can't be sent because you've reached your daily limit for "
     "message recipients", "", "", R.TOOMANYCONN),
    ("connection-rate-limit", "421 4.7.0 Connection rate limit exceeded, try again later", "", "", R.TOOMANYCONN),
    ("max-emails-per-hour", "550 Domain example.org has exceeded the max emails per hour (250/200)", "", "",
     R.TOOMANYCONN),
    ("sending-quota", "550 You have exceeded your sending quota for today", "", "", R.TOOMANYCONN),
    ("numerous-attempts", "421 We have already made numerous attempts to deliver this message", "", "",
     R.TOOMANYCONN),
    ("try-again-slower", "451 4.7.1 <mx.example.org[192.0.2.2]>: Client host rejected: Please try again slower",
     "", "", R.SPEEDING),
    # notaccept
    ("no-route-for-request", "550 No route for current request", "", "", R.NOTACCEPT),
    # mailboxfull: inflected words the index missed
    ("exceeded-quota", "552 User has exceeded quota, bouncing mail", "", "", R.MAILBOXFULL),
    ("exceeding-mailbox-quota", "552 The account is exceeding its mailbox quota", "", "", R.MAILBOXFULL),
    ("mailbox-quota-usage", "552 5.2.2 Mailbox quota usage exceeded", "", "", R.MAILBOXFULL),
    # blocked
    ("no-access-from-mail-server", "550 No access from mail server [192.0.2.1]", "", "", R.BLOCKED),
    ("said-550-blocked", "host mx.example.org[192.0.2.1] said: 550 blocked (in reply to MAIL FROM command)",
     "", "", R.BLOCKED),
    ("access-from-ip-blocked", "554 Access from ip address 192.0.2.1 blocked.", "", "", R.BLOCKED),
    ("connection-reset", "lost connection: read error: Connection reset by peer", "", "", R.BLOCKED),
    ("connection-dropped", "421 Connection was dropped by remote host", "", "", R.BLOCKED),
    ("no-valid-recipients-from", "550 ERROR: no valid recipients from 192.0.2.1", "", "", R.BLOCKED),
    ("bad-ip-profile", "554 Extreme bad IP profile", "", "", R.BLOCKED),
    ("invalid-ip-for-domain", "550 Invalid IP for sending mail of domain example.org", "", "", R.BLOCKED),
    ("not-allowed-to-send-mail-from", "550 192.0.2.1 is not allowed to send mail from example.org", "", "",
     R.BLOCKED),
    ("mail-from-ip-refused", "550 Mail from 192.0.2.1 refused: see http://example.net/", "", "", R.BLOCKED),
    ("deferred-user-complaints", "421 4.7.0 [TS01] Messages from 192.0.2.1 temporarily deferred due to user "
     "complaints", "", "", R.BLOCKED),
    ("looks-like-spammer", "451 Sorry, your remotehost looks suspiciously like spammer", "", "", R.BLOCKED),
    ("access-to-submit-rejected", "550 Your access to submit messages to this e-mail system has been rejected.",
     "", "", R.BLOCKED),
    ("access-ip-rejected", "550 Your access IP 192.0.2.1 has been rejected", "", "", R.BLOCKED),
    ("you-are-sending-spam", "550 You are sending spam", "", "", R.BLOCKED),
    ("currently-sending-spam", "550 Currently sending spam See: http://example.net/", "", "", R.BLOCKED),
    ("possible-spam-virus", "550 Message was rejected for possible spam/virus content", "", "", R.BLOCKED),
    ("service-not-available", "421 Service not available, closing transmission channel", "", "RCPT",
     R.BLOCKED),
    # requireptr
    ("ptr-records", "550 5.7.1 We do not accept IPs with missing PTR records", "", "", R.REQUIREPTR),
    # authfailure
    ("spf-check-failed", "550 SPF check failed", "", "", R.AUTHFAILURE),
    ("spf-or-dkim", "451 4.7.26 Must pass either SPF or DKIM validation, this message is not signed", "", "",
     R.AUTHFAILURE),
    ("orange-spf", "550 5.7.0 SPF: example.org is not allowed to send mail. ZZZ_401", "", "", R.AUTHFAILURE),
    # spamdetected
    ("reject-id", "554 5.7.0 Reject, id=12345 - spam", "", "", R.SPAMDETECTED),
    ("netease", "554 DT:SPM mx.163.com, see http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1", "", "",
     R.SPAMDETECTED),
    ("drbl", "550 Message rejected: listed in work.drbl.imedia.ru", "", "", R.SPAMDETECTED),
    ("bulk-advertising", "550 Reject bulk.advertising", "", "", R.SPAMDETECTED),
    ("sender-domain-listed", "554 Sender domain listed at dbl.example.net", "", "", R.SPAMDETECTED),
    ("spamming", "550 Spamming not allowed", "", "", R.SPAMDETECTED),
    ("blocked-by-filter", "451 Your message has been temporarily blocked by our filter", "", "", R.SPAMDETECTED),
    ("rule-imposed", "550 Rule imposed as a@example.org is blacklisted on example.net", "", "", R.SPAMDETECTED),
    # suspend
    ("unavailable-or-access-denied", "550 Mailbox unavailable or access denied", "", "", R.SUSPEND),
    # filtered
    ("bounced-address", "550 5.1.1 Bounced Address", "", "", R.FILTERED),
    ("not-found-recipient-account", "550 Not found recipient account", "", "", R.FILTERED),
    # rejected
    ("sender-blacklisted", "550 Access denied (sender blacklisted)", "", "", R.REJECTED),
    ("delivery-not-authorized", "554 5.7.1 Delivery not authorized, message refused", "5.7.1", "", R.REJECTED),
    ("invalid-domain-url", "553 Invalid domain, see <URL:http://example.net/>", "", "", R.REJECTED),
    ("recursive-cname", "550 RFC 1035 violation: recursive cname records for example.org", "", "", R.REJECTED),
    ("mailmarshal-rule", "550 Rule imposed mailbox access for a@example.org refused", "", "", R.REJECTED),
    # hostunknown / networkerror
    ("dns-domain", "550 5.4.310 DNS domain example.org does not exist", "", "", R.HOSTUNKNOWN),
    # Sisimai reads "host unreachable" as hostunknown; an unreachable host is a route, not a dead domain
    ("host-unreachable", "Host unreachable", "", "", R.NETWORKERROR),
    # securityerror
    ("auth-turned-on", "550 Please make sure you have authentication turned on in your email client", "", "",
     R.SECURITYERROR),
    ("auth-is-required", "530 You are not authorized to send mail, authentication is required", "", "",
     R.SECURITYERROR),
    # norelaying
    ("not-local-host", "550 example.org is not local host", "", "", R.NORELAYING),
    # expired
    ("message-expired", "550 4.4.7 QUEUE.Expired; message expired", "", "", R.EXPIRED),
    ("message-delayed", "400 4.4.7 Message delayed", "", "", R.EXPIRED),
    # vacation
    ("traveling", "I will be traveling for work on Monday and Tuesday.", "", "", R.VACATION),
    # systemerror: a loop in the recipient's own aliases, not a routing loop
    ("alias-loop", "554 5.4.6 aliasing/forwarding loop broken", "", "", R.SYSTEMERROR),
    ("create-mail-loop", "550 it would create a mail loop", "", "", R.SYSTEMERROR),
    # userunknown
    ("nonexistent-user", "550 5.1.1 Nonexistent user a@example.org", "", "RCPT", R.USERUNKNOWN),
    ("bracket-not-found", "550 <a@example.org> not found", "", "RCPT", R.USERUNKNOWN),
    ("account-unavailable", "550 No thank you rejected: Account Unavailable: a@example.org", "", "RCPT",
     R.USERUNKNOWN),
    ("no-valid-recipients-bye", "554 No valid recipients, bye", "", "RCPT", R.USERUNKNOWN),
    ("rcpt-does-not-exist", "550 RCPT <a@example.org> does not exist", "", "RCPT", R.USERUNKNOWN),
    ("invalid-recipient-hyphen", "550 5.1.1 <a@example.org>: Recipient address rejected: invalid-recipient",
     "", "RCPT", R.USERUNKNOWN),
    ("envelope-recipient-denied", "553 sorry, your envelope recipient has been denied (#5.7.1)", "", "RCPT",
     R.USERUNKNOWN),
    ("email-name-not-found", "550 The user's email name is not found.", "", "RCPT", R.USERUNKNOWN),
    ("spectator", "550 This spectator does not exist", "", "RCPT", R.USERUNKNOWN),
    ("user-not-active", "550 User not active", "", "RCPT", R.USERUNKNOWN),
    ("mailbox-address-unavailable", "550 Mailbox a@example.org unavailable", "", "RCPT", R.USERUNKNOWN),
    ("address-invalid", "550 Address invalid", "", "RCPT", R.USERUNKNOWN),
    ("does-not-exist", "550 <a@example.org> does not exist.", "", "RCPT", R.USERUNKNOWN),
    ("yahoo-no-apostrophe", "554 delivery error: dd This user doesnt have a yahoo.com account", "", "",
     R.USERUNKNOWN),
    # mesgtoobig
    ("size-limit", "552 Message exceeds size limit", "", "", R.MESGTOOBIG),
)


@pytest.mark.parametrize(("text", "status", "command", "expected"), [r[1:] for r in PHRASE_ROWS],
                         ids=[r[0] for r in PHRASE_ROWS])
def test_vendor_phrase(text, status, command, expected):
    verdict = classify(Bounce("a@example.org", status=status, diagnostic=text, smtp_command=command))
    assert verdict.reason is expected, verdict.rule_id
    assert verdict.rule_id.startswith("phrase:"), verdict.rule_id  # the wording decided, not the code


def test_a_mailbox_size_limit_is_still_a_full_mailbox():
    # the generic "size limit" row comes after every mailbox wording
    verdict = classify(Bounce("a@example.org", diagnostic="552 5.2.2 Mailbox size limit exceeded"))
    assert verdict.reason is Reason.MAILBOXFULL


def test_a_routing_loop_is_still_a_network_error():
    verdict = classify(Bounce("a@example.org", diagnostic="554 5.4.6 Hop count exceeded - possible mail loop"))
    assert verdict.reason is Reason.NETWORKERROR


def test_a_domain_that_does_not_exist_is_not_an_unknown_user():
    # the generic "does not exist." comes after HOSTUNKNOWN's wording
    verdict = classify(Bounce("a@example.org", diagnostic="550 Domain does not exist.", smtp_command="RCPT"))
    assert verdict.reason is Reason.HOSTUNKNOWN


def test_transient_unknown_user_wording_at_rcpt_is_an_unknown_user():
    # the reason is the cause stated; that it is transient is the class's business (bounce_class)
    verdict = classify(Bounce("a@example.org", status="4.0.0", diagnostic="450 User not active", smtp_command="RCPT"))
    assert verdict.reason is Reason.USERUNKNOWN


@pytest.mark.parametrize(("pattern", "text"), [
    ("ptr record", "we do not accept ips with missing ptr records"),  # plural of the last word
    (("exceed", "quota"), "user has exceeded quota, bouncing mail"),  # the pattern's word is a word start
    ("size limit", "552 message exceeds size limits"),
    (("non", "existent user"), "550 nonexistent user"),  # "existent" is no word start: "user" is indexed
])
def test_the_word_index_meets_inflected_words(pattern, text):
    table = Table([Row(Reason.BLOCKED, "phrase:blocked:x", pattern)])
    assert table.first(normalise(text), words(normalise(text))) is not None


def test_the_word_index_still_needs_a_word_start():
    # a phrase that begins inside a word of the text is not looked for (the documented limit)
    table = Table([Row(Reason.VIRUSDETECTED, "phrase:virusdetected:x", "malware")])
    text = normalise("554 rejected by the antimalware engine")
    assert table.first(text, words(text)) is None
