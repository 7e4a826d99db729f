"""streams.evaluation: how agreement with labelled cases is scored."""
from __future__ import annotations

from streams import evaluation
from streams.evaluation import Answer, Expected, Outcome


def row(recipient="a@example.org", status="5.1.1", reason="userunknown", hard=True, pseudo=False,
        high=True, alternates=()) -> Expected:
    return Expected(recipient, tuple(alternates), status, pseudo, reason, hard, high)


def ans(recipient="a@example.org", status="5.1.1", reason="userunknown", hard=True, reply="550") -> Answer:
    return Answer(recipient, status, reply, reason, hard)


def test_expected_rows_read_the_corpus_document():
    doc = {
        "recipient_derivation": {"confidence": "high"},
        "recipients": [
            {"recipient": "<Ann@Example.JP>", "recipient_alternates": ["nan@example.jp"], "status": "5.0.910",
             "status_is_sisimai_pseudo": True, "reason": "filtered", "hardbounce": False},
            {"recipient": None, "recipient_alternates": [], "status": "", "reason": "vacation", "hardbounce": False},
        ],
    }
    first, second = evaluation.expected_rows(doc)
    assert first == Expected("ann@example.jp", ("nan@example.jp",), "5.0.910", True, "filtered", False, True)
    assert second.recipient == "" and second.names() == ()


def test_rows_pair_by_recipient_before_position():
    expected = [row("a@x.org"), row("b@x.org")]
    b, a = ans("b@x.org", reason="mailboxfull"), ans("a@x.org")
    assert evaluation.pair(expected, [b, a]) == [(expected[0], a), (expected[1], b)]


def test_unmatched_rows_take_the_remaining_answers_in_order():
    expected = [row("a@x.org"), row("lost@x.org"), row("b@x.org")]
    a, other, b = ans("a@x.org"), ans("other@x.org"), ans("b@x.org")
    assert evaluation.pair(expected, [other, b, a]) == [(expected[0], a), (expected[1], other), (expected[2], b)]


def test_duplicate_recipients_pair_one_to_one():
    expected = [row("a@x.org", reason="blocked"), row("a@x.org", reason="blocked")]
    first, second = ans("a@x.org", reason="blocked"), ans("a@x.org", reason="filtered")
    report = evaluation.score([Outcome("dup", tuple(expected), (first, second))])
    assert (report.reason.agree, report.reason.total) == (1, 2)


def test_alternate_recipient_counts_as_found():
    report = evaluation.score([Outcome("c", (row("a@x.org", alternates=["a@y.org"]),), (ans("a@y.org"),))])
    assert report.recipient.agree == 1


def test_recipient_is_scored_on_high_confidence_rows_only():
    outcomes = [
        Outcome("high", (row("a@x.org"),), (ans("wrong@x.org"),)),
        Outcome("medium", (row("b@x.org", high=False),), (ans("wrong@x.org"),)),
    ]
    report = evaluation.score(outcomes)
    assert (report.recipient.agree, report.recipient.total) == (0, 1)
    assert report.reason.total == 2


def test_pseudo_status_compares_the_first_digit_and_may_come_from_the_reply_code():
    pseudo = row(status="5.0.910", pseudo=True)
    assert evaluation.status_agrees(pseudo, ans(status="5.7.1"))
    assert evaluation.status_agrees(pseudo, ans(status="", reply="554"))
    assert not evaluation.status_agrees(pseudo, ans(status="4.2.2"))
    assert not evaluation.status_agrees(pseudo, ans(status="", reply=""))
    assert not evaluation.status_agrees(row(status="5.1.1"), ans(status="5.1.10"))
    assert evaluation.status_agrees(row(status=""), ans(status=""))


def test_misses_are_tabled_by_expected_reason():
    outcomes = [
        Outcome("1", (row(reason="userunknown"),), (ans(reason="filtered"),)),
        Outcome("2", (row(reason="userunknown"),), (ans(reason="filtered"),)),
        Outcome("3", (row(reason="userunknown"),), (ans(reason="userunknown"),)),
        Outcome("4", (row(reason="mailboxfull", hard=False),), ()),
    ]
    report = evaluation.score(outcomes, seconds=2.0)
    assert report.reason_misses == {("userunknown", "filtered"): 2, ("mailboxfull", evaluation.MISSING): 1}
    assert report.missing_rows == 1
    assert report.per_second == 2.0
    text = evaluation.render(report)
    assert "userunknown         2  filtered 2" in text
    assert "reason      25.00%  1/4" in text
    data = evaluation.to_dict(report)
    assert data["reason_misses"] == {"userunknown": {"filtered": 2}, "mailboxfull": {evaluation.MISSING: 1}}
    assert {"case": "1", "field": "reason", "expected": "userunknown", "ours": "filtered"} in data["disagreements"]


def test_an_unreadable_case_misses_every_row_and_is_listed():
    report = evaluation.score([Outcome("bad", (row(), row("b@x.org")), error="not decoded: empty")])
    assert report.reason.agree == 0 and report.reason.total == 2
    assert report.reason_misses == {("userunknown", evaluation.ERROR): 2}
    assert report.errors == [("bad", "not decoded: empty")]
    assert report.missing_rows == 0


def test_hard_soft_differences_are_reported_with_their_reasons():
    outcomes = [
        Outcome("1", (row(reason="notaccept", hard=False),), (ans(reason="notaccept", hard=True),)),
        Outcome("2", (row(reason="userunknown", hard=True),), (ans(reason="blocked", hard=False),)),
    ]
    report = evaluation.score(outcomes)
    assert report.hard.agree == 0
    assert report.hard_differs == {("notaccept", "notaccept", False, True): 1,
                                   ("userunknown", "blocked", True, False): 1}


def test_extra_rows_are_counted():
    report = evaluation.score([Outcome("1", (row(),), (ans(), ans("b@x.org")))])
    assert report.extra_rows == 1 and report.reason.agree == 1


def test_speed_counts_every_repeated_message():
    report = evaluation.score([Outcome("1", (row(),), (ans(),))], seconds=2.0, messages=8)
    assert (report.cases, report.messages, report.per_second) == (1, 8, 4.0)


def test_rules_count_only_the_rows_whose_reason_they_got_right():
    outcome = Outcome("case", (row("a@x.org"), row("b@x.org"), row("c@x.org")), (
        Answer("a@x.org", "5.1.1", "550", "userunknown", True, rule="status:5.1.1"),
        Answer("b@x.org", "5.1.1", "550", "userunknown", True, rule="status:5.1.1"),
        Answer("c@x.org", "5.1.1", "550", "filtered", False, rule="phrase:filtered:x"),
    ))
    report = evaluation.score([outcome])
    assert report.rules == {"status:5.1.1": 2}
    assert report.confusion == {("userunknown", "userunknown"): 2, ("userunknown", "filtered"): 1}
    assert (report.by_reason["userunknown"].agree, report.by_reason["userunknown"].total) == (2, 3)
