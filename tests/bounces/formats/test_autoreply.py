from streams.bounces.formats import autoreply, parse_email
from streams.model import Reason

from tests.bounces.formats.emailvectors import load, raw


def test_out_of_office_reply_is_vacation_of_its_sender():
    [row] = parse_email(raw("autoreply-outofoffice.eml"))
    assert (row.recipient, row.reason_hint, row.hint_rule) == ("frank@example.com", Reason.VACATION,
                                                               "autoreply:auto-submitted")
    assert "out of the office" in row.diagnostic


def test_localised_subject_is_recognised_and_decoded():
    [row] = parse_email(raw("autoreply-abwesenheit.eml"))
    assert (row.recipient, row.reason_hint) == ("juergen@example.de", Reason.VACATION)
    assert "Büro" in row.diagnostic


def test_bounces_are_auto_submitted_too_but_are_not_auto_replies():
    assert autoreply.parse(load("dsn-postfix-usernotfound.eml")) is None
    assert autoreply.parse(load("heuristic-plain.eml")) is None
