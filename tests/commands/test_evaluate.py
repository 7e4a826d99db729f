"""`bounce-hygiene evaluate --corpus DIR`: agreement with labelled cases, as text and as JSON."""
from __future__ import annotations

import argparse
from pathlib import Path

import orjson
import pytest

from streams import settings
from streams.commands import evaluate

EMAILS = Path(__file__).resolve().parents[1] / "vectors" / "commands"


def case(corpus: Path, name: str, message: bytes, rows: list[dict], confidence: str = "high") -> None:
    folder = corpus / name
    folder.mkdir(parents=True)
    (folder / "message.eml").write_bytes(message)
    doc = {"recipients": [{"recipient_alternates": [], "status_is_sisimai_pseudo": False, **row} for row in rows],
           "recipient_derivation": {"confidence": confidence}}
    (folder / "expected.json").write_bytes(orjson.dumps(doc))


def main(argv: list[str]) -> int:
    """The command as `bounce-hygiene` runs it, with an empty environment (no HYGIENE_POLICY)."""
    parser = argparse.ArgumentParser()
    evaluate.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args, settings.load({}))


@pytest.fixture
def corpus(tmp_path) -> Path:
    root = tmp_path / "corpus"
    case(root, "a-userunknown", (EMAILS / "dsn-userunknown.eml").read_bytes(),
         [{"recipient": "gone@recipient.example.org", "status": "5.1.1", "reason": "userunknown", "hardbounce": True}])
    # labelled with another reason and a made-up status: one reason miss, a pseudo status that agrees
    case(root, "b-mailboxfull", (EMAILS / "dsn-mailboxfull.eml").read_bytes(),
         [{"recipient": "full@recipient.example.org", "status": "5.0.910", "status_is_sisimai_pseudo": True,
           "reason": "filtered", "hardbounce": False}])
    case(root, "c-empty", b"", [{"recipient": "x@recipient.example.org", "status": "5.1.1", "reason": "userunknown",
                                 "hardbounce": True}])
    (root / "not-a-case").mkdir()
    return root


def test_text_report(capsys, corpus):
    assert main(["evaluate", "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "cases 3, rows 3, cases not decoded 1" in out
    assert "reason      33.33%  1/3" in out
    assert "status      66.67%  2/3" in out
    assert "recipient   66.67%  2/3" in out
    assert "filtered            1  mailboxfull 1" in out
    assert "c-empty: not decoded" in out
    assert "msg/s" in out


def test_json_report_lists_the_disagreements(capsys, corpus):
    assert main(["evaluate", "--corpus", str(corpus), "--json"]) == 0
    report = orjson.loads(capsys.readouterr().out)
    assert report["cases"] == 3 and report["messages"] == 3
    assert report["reason"] == {"agree": 1, "total": 3, "ratio": pytest.approx(1 / 3, abs=1e-6)}
    assert report["reason_misses"]["filtered"] == {"mailboxfull": 1}
    assert {"case": "b-mailboxfull", "field": "reason", "expected": "filtered", "ours": "mailboxfull"} \
        in report["disagreements"]
    assert report["seconds"] > 0


def test_a_missing_corpus_is_a_usage_error(capsys, tmp_path):
    assert main(["evaluate", "--corpus", str(tmp_path / "nowhere")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_minimums_met_exit_zero(capsys, corpus):
    assert main(["evaluate", "--corpus", str(corpus), "--min-reason", "33", "--min-status", "66%"]) == 0
    assert capsys.readouterr().err == ""


def test_an_agreement_below_its_minimum_exits_one_and_says_which(capsys, corpus):
    code = main(["evaluate", "--corpus", str(corpus), "--json", "--min-reason", "50", "--min-status", "50",
                 "--min-recipient", "90"])
    captured = capsys.readouterr()
    assert code == 1
    assert orjson.loads(captured.out)["cases"] == 3  # the report is still printed
    assert "the reason agreement 33.33% (1/3) is below --min-reason 50%" in captured.err
    assert "recipient (high-confidence rows) agreement 66.67% (2/3) is below --min-recipient 90%" in captured.err
    assert "status" not in captured.err  # 66.67% meets 50%


@pytest.mark.parametrize("value", ["high", "101", "-1"])
def test_a_minimum_that_is_no_percentage_is_a_usage_error(capsys, corpus, value):
    with pytest.raises(SystemExit) as exit_:
        main(["evaluate", "--corpus", str(corpus), "--min-reason", value])
    assert exit_.value.code == 2
    assert "--min-reason" in capsys.readouterr().err


def test_the_confusion_table_crosses_expected_and_answered_reasons(capsys, corpus):
    assert main(["evaluate", "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    table = out[out.index("reasons: expected (rows) x ours"):].splitlines()
    # reasons numbered in name order: (error), filtered, mailboxfull, userunknown
    assert table[1].split() == ["1", "2", "3", "4"]
    assert table[3].split() == ["2", "filtered", ".", ".", "1", "."]  # labelled filtered, we said mailboxfull
    assert table[5].split() == ["4", "userunknown", "1", ".", ".", "1"]  # one agreed, one not decoded


def test_json_report_has_the_confusion_table_and_per_reason_agreement(capsys, corpus):
    assert main(["evaluate", "--corpus", str(corpus), "--json"]) == 0
    report = orjson.loads(capsys.readouterr().out)
    assert report["confusion"]["userunknown"] == {"userunknown": 1, "(error)": 1}
    assert report["by_reason"]["userunknown"] == {"agree": 1, "total": 2, "ratio": 0.5}
