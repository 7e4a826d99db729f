"""bench/classifier.py runs end to end on a labelled corpus (figures are reported, never asserted)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]


def test_the_classifier_bench_scores_a_labelled_corpus(tmp_path: Path):
    case = tmp_path / "corpus" / "postfix-01"
    case.mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "vectors" / "postfix-01.eml", case / "message.eml")
    rows = [("ghost@example.net", "5.1.1", "userunknown", True), ("busy@example.com", "4.2.2", "mailboxfull", False)]
    expected = {"recipient_derivation": {"confidence": "high"},
                "recipients": [{"recipient": r, "recipient_alternates": [], "status": s, "reason": reason,
                                "hardbounce": hard, "status_is_sisimai_pseudo": False}
                               for r, s, reason, hard in rows]}
    (case / "expected.json").write_bytes(orjson.dumps(expected))

    done = subprocess.run([sys.executable, "bench/classifier.py", "--corpus", str(case.parent), "--json",
                           "--rounds", "1", "--repeat", "1"], cwd=ROOT, capture_output=True, timeout=300)

    assert done.returncode == 0, done.stderr.decode()
    result = orjson.loads(done.stdout)
    assert result["cases"] == 1
    assert result["ours"]["reason"]["agree"] == result["ours"]["recipient_high_confidence"]["agree"] == 2


def test_the_generalisation_bench_groups_cases_by_family_and_counts_their_rules(tmp_path: Path):
    corpus = tmp_path / "corpus"
    expected = {"recipient_derivation": {"confidence": "high"},
                "recipients": [{"recipient": "ghost@example.net", "recipient_alternates": [], "status": "5.1.1",
                                "reason": "userunknown", "hardbounce": True, "status_is_sisimai_pseudo": False}]}
    for name in ("sisimai-lhost-postfix-01", "sisimai-lhost-postfix-02"):
        (corpus / name).mkdir(parents=True)
        shutil.copy(ROOT / "tests" / "vectors" / "postfix-01.eml", corpus / name / "message.eml")
        (corpus / name / "expected.json").write_bytes(orjson.dumps(expected))

    done = subprocess.run([sys.executable, "bench/generalisation.py", "--corpus", str(corpus), "--json"],
                          cwd=ROOT, capture_output=True, timeout=300)

    assert done.returncode == 0, done.stderr.decode()
    [postfix] = orjson.loads(done.stdout)["families"]
    assert (postfix["family"], postfix["cases"], postfix["rows"]) == ("postfix", 2, 2)
    assert postfix["reason"]["agree"] == 2
    # both messages are the same bounce: their hits rest on one rule row, which only this family uses
    assert postfix["rules"] == postfix["own_rules"] == 1


def test_family_names_drop_the_labeller_the_kind_and_the_number():
    sys.path.insert(0, str(ROOT / "bench"))
    import generalisation

    assert generalisation.family("sisimai-lhost-postfix-03") == "postfix"
    assert generalisation.family("sisimai-rhost-google-01") == "rhost-google"
    assert generalisation.family("sisimai-arf-15") == "arf"
    assert generalisation.rule_row("phrase:userunknown:no-such-user:not-at-rcpt") == "phrase:userunknown:no-such-user"


def test_the_shapes_bench_writes_each_shape_as_a_case_and_reads_it():
    done = subprocess.run([sys.executable, "bench/shapes.py", "--no-sisimai", "--json", "--rounds", "1", "--repeat", "1",
                           "--scales", "0.1", "--budget", "1", "--only", "small-dsn,dsn-base64-attachment,iso-2022-jp"],
                          cwd=ROOT, capture_output=True, timeout=300)

    assert done.returncode == 0, done.stderr.decode()
    shapes = orjson.loads(done.stdout)["shapes"]
    assert [s["shape"] for s in shapes] == ["small-dsn", "dsn-base64-attachment", "iso-2022-jp"]
    # Each synthetic bounce is read right by ours (recipient and reason), and its size is reported.
    assert all(s["ours_agree"] == "ok,ok" and s["bytes"] > 0 for s in shapes)
