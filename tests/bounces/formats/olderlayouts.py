"""Bounces in the layouts of older and smaller MTAs (2000s), written here in each layout's shape.

Addresses, hosts and the free text are invented; where an MTA's sentence is fixed (the intro that
announces the list, a label before the address) it is kept, since that is what a reader keys on.
The layouts are those that Mailman 2's Bouncers, flufl.bounce's detectors and Sisimai's lhost
modules describe (library code; their sample messages were not read). Each entry: the message,
the recipients it reports, and a fragment of the server's or the MTA's text that must reach the
classifier in each row's diagnostic.
"""
from __future__ import annotations

HEAD = "From: {sender}\nTo: list-bounces@lists.example.org\nSubject: {subject}\n{extra}\n"
# The returned original as a plain-text quote: a list post, whose To is the list, not the recipient.
QUOTED = ("\n-----Original Message-----\nFrom: Poster <poster@sender.example>\nTo: talk@lists.example.org\n"
          "Subject: weekly notes\nMessage-ID: <n-1@sender.example>\n\nHello list, and reply to poster@sender.example.\n")


def bounce(sender: str, subject: str, body: str, extra: str = "", quoted: bool = True) -> str:
    return HEAD.format(sender=sender, subject=subject, extra=extra) + "\n" + body + (QUOTED if quoted else "")


# name -> (message, recipients, text the diagnostic holds, action)
LAYOUTS: dict[str, tuple[str, set[str], str, str]] = {
    "exchange55-or-address": (bounce(
        "System Administrator <postmaster@corp.example>", "Undeliverable: weekly notes",
        "Your message\n\n  To: talk@lists.example.org\n  Subject: weekly notes\n\n"
        "did not reach the following recipient(s):\n\n"
        "c=US;a= ;p=Corp;o=Site;dda:SMTP=bob@corp.example; on Tue, 3 Nov 2026 10:21:00 -0000\n"
        "                            The recipient name is not recognized\n"
        "            MSEXCH:IMS:Corp:Site:GATE1 0 (000C05A6) Unknown Recipient\n"),
        {"bob@corp.example"}, "recipient name is not recognized", "failed"),
    "exchange55-indented": (bounce(
        "System Administrator <postmaster@corp.example>", "Undeliverable: weekly notes",
        "Your message\n\n  To: talk@lists.example.org\n  Subject: weekly notes\n  Sent: Tue, 3 Nov 2026 10:20:00 -0000\n\n"
        "did not reach the following recipient(s):\n\n"
        "    abby@corp.example on Tue, 3 Nov 2026 10:21:00 -0000\n"
        "            Delivery to abby@corp.example on this server failed: the mailbox is disabled\n"
        "            MSEXCH:IMS:Corp:Site:GATE1 0 (000C0595) Ambiguous Recipient\n"
        "    abel@corp.example on Tue, 3 Nov 2026 10:21:00 -0000\n"
        "            MSEXCH:IMS:Corp:Site:GATE1 0 (000C0595) Ambiguous Recipient\n",
        extra="X-MS-Embedded-Report: \n"),
        {"abby@corp.example", "abel@corp.example"}, "MSEXCH:IMS", "failed"),
    "exchange2000-some-or-all": (bounce(
        "System Administrator <postmaster@corp.example>", "Undeliverable: weekly notes",
        "Your message did not reach some or all of the intended recipients.\n\n"
        "      Subject:\tweekly notes\n      Sent:\t11/3/2026 10:20 AM\n\n"
        "The following recipient(s) could not be reached:\n\n"
        "      carl@corp.example on 11/3/2026 10:21 AM\n"
        "            The e-mail account does not exist at the organization this message was sent to.\n"
        "            <gate.corp.example #5.1.1>\n\n"
        "      dora@corp.example on 11/3/2026 10:21 AM\n"
        "            You do not have permission to send to this recipient.\n"
        "            <gate.corp.example #5.7.1>\n"),
        {"carl@corp.example", "dora@corp.example"}, "#5.", "failed"),
    "netscape-reason-above-list": (bounce(
        "postmaster@mail.example.net", "Message status - undeliverable",
        "This Message was undeliverable due to the following reason:\n\n"
        "The user's mailbox is over its quota; it cannot take more mail for now.\n\n"
        "The following recipients did not receive this message:\n\n     <erin@mail.example.net>\n\n"
        "Please reply to Postmaster@mail.example.net\nif you feel this message to be in error.\n"),
        {"erin@mail.example.net"}, "over its quota", "failed"),
    "ntmail-several": (bounce(
        "postmaster@mail.example.net", "Delivery failure",
        "No such mailbox on this server.\n\nThe following recipients did not receive this message:\n\n"
        "     <fred@mail.example.net>\n     <gina@mail.example.net>\n\n"
        "Please reply to postmaster@mail.example.net\nif you feel this message to be in error.\n",
        extra="X-Mailer: NTMail v4.30.0012\n"),
        {"fred@mail.example.net", "gina@mail.example.net"}, "No such mailbox", "failed"),
    "groupwise": (bounce(
        "Mail Delivery System <postmaster@gw.example>", "Message status - undeliverable",
        "The message that you sent was undeliverable to the following:\n"
        "\thank@gw.example (user not found)\n\thelga@gw.example (user not found)\n\n"
        "Possible causes:\n\tThe address was mistyped.\n",
        extra="X-Mailer: Novell GroupWise Internet Agent 5.5.3.1\n"),
        {"hank@gw.example", "helga@gw.example"}, "user not found", "failed"),
    "compuserve": (bounce(
        "CompuServe Postmaster <postmaster@cs.example>", "Undeliverable Message",
        "Your message could not be delivered as addressed.\n\n--- Failure Reason ---\n\n"
        "Invalid receiver address: ivan@cs.example\n"),
        {"ivan@cs.example"}, "Invalid receiver address", "failed"),
    "compuserve-receiver-not-found": (
        "From: CompuServe Postmaster <postmaster@cs.example>\nTo: list-bounces@lists.example.org\n"
        "Subject: Undeliverable Message\n\nReceiver not found: 7of9\n\n\n"
        "Your message could not be delivered as addressed.\n",
        {"7of9@cs.example"}, "Receiver not found", "failed"),
    "softswitch-report": (bounce(
        "postmaster@lms.example", "Delivery Report (failure) for talk@lists.example.org",
        "This report relates to your message: weekly notes\n        of Tue, 3 Nov 2026 10:20:00 +0100\n\n"
        "Your message was not delivered to   yara@lms.example\n        for the following reason:\n"
        "        Recipient's Mailbox unavailable\n\n", quoted=False),
        {"yara@lms.example"}, "Mailbox unavailable", "failed"),
    "screen-names": (
        "From: Mail Delivery Subsystem <MAILER-DAEMON@isp.example>\nTo: list-bounces@lists.example.org\n"
        "Subject: Returned mail\n\n"
        "Your mail to the following recipients could not be delivered because they are not accepting mail "
        "from list-bounces@lists.example.org:\n\tjuneBug77\n\n",
        {"junebug77@isp.example"}, "not accepting mail", "failed"),
    "mirapoint-names": (
        "From: Mail Delivery Subsystem <MAILER-DAEMON@univ.example>\nTo: list-bounces@lists.example.org\n"
        "Subject: Returned mail: see transcript\n\n"
        "Message not delivered to the following:\n\n        lena    No such mailbox\n        leon    No such mailbox\n\n"
        "Error Detail:\n        550 lena... No such mailbox\n" + QUOTED,
        {"lena@univ.example", "leon@univ.example"}, "No such mailbox", "failed"),
    "smtpsvc-list": (bounce(
        "postmaster@win.example", "Delivery Status Notification (Failure)",
        "This is an automatically generated Delivery Status Notification.\n\nDelivery to the following recipients failed.\n\n"
        "       mona@win.example\n       nico@win.example\n\n"),
        {"mona@win.example", "nico@win.example"}, "Delivery to the following recipients failed", "failed"),
    "smtpsvc-transcript-list": (bounce(
        "postmaster@win.example", "Nondeliverable mail",
        "----- Transcript of session follows -----\n   otto@win.example\n   olga@win.example\n",
        extra="Content-Type: text/plain\n"),
        {"otto@win.example", "olga@win.example"}, "", "failed"),
    "sina-style-lines": (bounce(
        "mailer-daemon@cn.example", "Undelivered mail",
        "<pei@cn.example>\nmailbox not found\n\n<pan@cn.example>\nmailbox not found\n"),
        {"pei@cn.example", "pan@cn.example"}, "", "failed"),
    "sendmail-list-without-transcript": (bounce(
        "Mail Delivery Subsystem <MAILER-DAEMON@relay.example>", "Returned mail: User unknown",
        "The original message was received at Tue, 3 Nov 2026 10:20 from lists.example.org [192.0.2.7]\n\n"
        "   ----- The following addresses had permanent fatal errors -----\n<pia@relay.example>\n<quin@relay.example>\n\n"
        "   ----- Original message follows -----\n", quoted=False) + QUOTED,
        {"pia@relay.example", "quin@relay.example"}, "permanent fatal errors", "failed"),
    "sendmail-list-reply-in-transcript": (bounce(
        "Mail Delivery Subsystem <MAILER-DAEMON@relay.example>", "Returned mail: see transcript for details",
        "   ----- The following addresses had permanent fatal errors -----\n<rita@inner.example>\n\n"
        "   ----- Transcript of session follows -----\n... while talking to inner.example.:\n"
        ">>> DATA\n<<< 550 <rita@inner.example>: mailbox is disabled\n", quoted=False) + QUOTED,
        {"rita@inner.example"}, "550 <rita@inner.example>: mailbox is disabled", "failed"),
    "sendmail-local-name": (bounce(
        "Mail Delivery Subsystem <MAILER-DAEMON@host.example>", "Returned mail: User unknown",
        "   ----- The following addresses had permanent fatal errors -----\nrex\n\n"
        "   ----- Transcript of session follows -----\n550 rex... User unknown\n\n"
        "   ----- Original message follows -----\n", quoted=False) + QUOTED,
        {"rex@host.example"}, "550 rex... User unknown", "failed"),
    "sendmail-transcript-without-reply": (bounce(
        "Mail Delivery Subsystem <MAILER-DAEMON@host.example>", "Returned mail: Cannot send message for 5 days",
        "   ----- The following addresses had permanent fatal errors -----\n<ros@far.example>\n\n"
        "   ----- Transcript of session follows -----\n421 far.example.: Host far.example. is down\n"
        "Message could not be delivered for 5 days\nMessage will be deleted from queue\n\n"
        "   ----- Original message follows -----\n", quoted=False) + QUOTED,
        {"ros@far.example"}, "could not be delivered for 5 days", "failed"),
    "sendmail-warning": (bounce(
        "Mail Delivery Subsystem <MAILER-DAEMON@relay.example>", "Warning: could not send message for past 4 hours",
        "    **********************************************\n    **      THIS IS A WARNING MESSAGE ONLY      **\n"
        "    **********************************************\n\n"
        "   ----- The following addresses had transient non-fatal errors -----\n<sam@slow.example>\n\n"
        "   ----- Transcript of session follows -----\n<sam@slow.example>... Deferred: Connection timed out\n"),
        {"sam@slow.example"}, "Deferred: Connection timed out", "delayed"),
    "postfix-under-another-name": (bounce(
        "MAILER-DAEMON@gw.example (Mail Delivery System)", "Undelivered Mail Returned to Sender",
        "This is the Gateway program at host gw.example.\n\nI'm sorry to have to inform you that the message returned\n"
        "below could not be delivered to one or more destinations.\n\n\t\t\tThe Gateway program\n\n"
        "<tom@gw.example>: unknown user\n<uma@gw.example>: mailbox full\n"),
        {"tom@gw.example", "uma@gw.example"}, "", "failed"),
    "qmail-mta-program": (bounce(
        "MAILER-DAEMON@q.example", "failure notice",
        "Hi. The MTA program at q.example was unable to deliver your message to the following addresses.\n\n"
        "<vic@q.example>:\nNo mailbox here by that name.\n\n<vera@q.example>:\nNo mailbox here by that name.\n\n"
        "--- Below this line is a copy of the message.\n", quoted=False),
        {"vic@q.example", "vera@q.example"}, "No mailbox here by that name", "failed"),
    "qmail-greeting-renamed": (bounce(
        "MAILER-DAEMON@q.example", "failure notice",
        "Hi. This is the mail transport program at q.example.\nI'm afraid I wasn't able to deliver your message "
        "to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n"
        "<ned@q.example>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n"
        "<nia@q.example>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n"
        "--- Below this line is a copy of the message.\n", quoted=False),
        {"ned@q.example", "nia@q.example"}, "no mailbox here by that name", "failed"),
    "recipient-mentioned-in-a-sentence": (bounce(
        "MAILER-DAEMON@it.example", "failure",
        "This is the email server at it.example.\nYour message to wu@it.example, sent on Tuesday, could not be "
        "delivered: the user does not exist here.\n\n--- Below this line is a copy of the message.\n", quoted=False),
        {"wu@it.example"}, "does not exist", "failed"),
    "lda-quota-rejection": (
        "From: Mail Delivery Subsystem <MAILER-DAEMON@dc.example>\nTo: list-bounces@lists.example.org\n"
        "Subject: Automatically rejected mail\nMIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"z\"\n\n"
        "--z\nContent-Type: text/plain\n\nYour message to <vi@dc.example> was automatically rejected:\n"
        "Quota exceeded (mailbox for user is full)\n\n--z\nContent-Type: message/disposition-notification\n\n"
        "Reporting-UA: dc.example; Mail Delivery Agent\nFinal-Recipient: rfc822; vi@dc.example\n"
        "Disposition: automatic-action/MDN-sent-automatically; deleted\n\n--z--\n",
        {"vi@dc.example"}, "Quota exceeded", "failed"),
    "delay-not-yet-delivered": (bounce(
        "postmaster@pop.example", "Delivery delayed",
        "This is an automatically generated message.\n\nThe address to which the message has not yet been delivered is:\n\n"
        "  xena@pop.example\n\nNo action is required on your part. Delivery attempts will continue.\n"),
        {"xena@pop.example"}, "not yet been delivered", "delayed"),
    "advisory-delay": (bounce(
        "postmaster@ex.example", "Delivery Status Notification (Delay)",
        "This is an advisory-only email.  Please do not reply to it.\n\n"
        "Delivery to the following recipients has been delayed.\n\n       \"jack@ex.example\"\n\n"
        "Delivery of your message has been postponed.\n"),
        {"jack@ex.example"}, "has been delayed", "delayed"),
    "labelled-recipient": (bounce(
        "postmaster@usa.example", "Undeliverable message",
        "Intended recipient: zoe@usa.example\nThe mailbox has gone over its size limit.\n\n"
        "--------RETURNED MAIL FOLLOWS--------\n", quoted=False) + QUOTED,
        {"zoe@usa.example"}, "size limit", "failed"),
    "lsmtp-error-block": (bounce(
        "LSMTP <postmaster@lsmtp.example>", "Delivery failed",
        "--> Error description:\nError-For:  cody@lsmtp.example\nError-Code: 5.1.1\nError-Text: no such mailbox\n"
        "Error-End: One error reported.\n"),
        {"cody@lsmtp.example"}, "no such mailbox", "failed"),
    "mailenable-bracketed": (bounce(
        "postmaster@me.example", "Message Delivery Failure",
        "MailEnable: Message could not be delivered to some recipients.\nThe following recipient(s) could not be reached:\n\n"
        "\tRecipient: [SMTP:dina@me.example]\n\tReason: The mailbox does not exist.\n\nMessage headers follow:\n"),
        {"dina@me.example"}, "mailbox does not exist", "failed"),
    "smail-failed-addresses": (bounce(
        "MAILER-DAEMON@smail.example", "mail failed, returning to sender",
        "|------------------------- Failed addresses follow: ---------------------|\n"
        " faye@smail.example ... unknown user\n"
        "|------------------------- Message text follows: ------------------------|\n"),
        {"faye@smail.example"}, "unknown user", "failed"),
    "mdaemon-arrow": (bounce(
        "MDaemon@md.example", "Permanent Delivery Failure",
        "The following addresses did NOT receive a copy of your message:\n\n>    gus@md.example\n\n"
        "--- Session Transcript ---\n 550 <gus@md.example>, User unknown\n"),
        {"gus@md.example"}, "User unknown", "failed"),
    "recipient-in-the-sentence": (bounce(
        "MAILER-DAEMON@earth.example", "Undeliverable",
        "Sorry, unable to deliver your message to mark@earth.example for the following reason:\n\n"
        "  552 Quota violation for mark@earth.example\n\nA copy of the original message below this line:\n"),
        {"mark@earth.example"}, "552 Quota violation", "failed"),
    "dash-bullet": (bounce(
        "postmaster@unk.example", "Delivery failure notification",
        "This is a delivery failure notification message indicating that\nan email you addressed to email address :\n\n"
        "  -- ulla@unk.example\n\ncould not be delivered. The problem appears to be :\n  -- Mailbox unknown\n"),
        {"ulla@unk.example"}, "Mailbox unknown", "failed"),
}
