from streams.bounces.formats import googlegroups
from streams.model import Reason
from tests.bounces.formats.textvectors import load


def test_a_refused_post_names_the_group_and_states_rejected():
    [bounce] = googlegroups.parse(load("googlegroups-01.eml"))
    assert bounce.recipient == "closed-list@googlegroups.com"
    assert bounce.reason_hint is Reason.REJECTED
    assert bounce.status == "5.0.0"
    assert "may not have permission to post" in bounce.diagnostic


def test_other_messages_are_not_google_groups():
    assert googlegroups.parse(load("text-not-a-bounce.eml")) is None
    assert googlegroups.parse(load("gmail-01.eml")) is None
