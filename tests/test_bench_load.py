"""bench/load.py: the throughput benchmark's load has the advertised mix, honours the contracts, and decides."""
from __future__ import annotations

from collections import Counter

import orjson
import pytest

from bench import load
from streams import contracts, pipeline
from streams.policyfile import parse
from streams.replay import Line, replay
from streams.timefmt import parse_ms

POLICIES = parse()
EVENTS = 2_000


@pytest.fixture(scope="module")
def lines() -> tuple[list[bytes], list[bytes]]:
    return load.lines(EVENTS, contacts=150, seed=7)


def docs(values: list[bytes]) -> list[dict]:
    return [orjson.loads(value) for value in values]


def test_the_mix_is_70_engagement_25_smtp_5_dsn(lines):
    bounces, engagement = lines
    formats = Counter(doc["format"] for doc in docs(bounces))
    assert len(bounces) + len(engagement) == EVENTS
    assert (len(engagement), formats["smtp"], formats["dsn"]) == (1400, 500, 100)


def test_every_line_meets_its_topic_contract(lines):
    bounces, engagement = lines
    for role, values in (("bounces", bounces), ("engagement", engagement)):
        for doc in docs(values):
            assert contracts.problems(role, doc) == [], doc["id"]


def test_the_pipeline_accepts_every_bounce_and_counts_most(lines):
    counted = [pipeline.ingest("bounces", value, POLICIES) for value in lines[0]]  # raises Invalid if not
    assert sum(1 for events in counted if events) > len(counted) / 2  # block replies give no event


def test_ids_are_unique_and_each_topic_in_event_time_order_up_to_a_minute(lines):
    for values, field in ((lines[0], "received_at"), (lines[1], "occurred_at")):
        found = docs(values)
        assert len({doc["id"] for doc in found}) == len(found)
        times = [parse_ms(doc[field]) for doc in found]
        assert all(later > earlier - load.JITTER_MS for earlier, later in zip(times, times[1:]))


def test_a_seed_gives_the_same_bytes_and_another_seed_others(lines):
    assert load.lines(EVENTS, contacts=150, seed=7) == lines
    assert load.lines(EVENTS, contacts=150, seed=8) != lines


def test_replaying_the_load_unsubscribes_contacts_by_both_rules(lines):
    bounces, engagement = lines
    result = replay([Line("bounces", "load", n, v) for n, v in enumerate(bounces, 1)]
                    + [Line("engagement", "load", n, v) for n, v in enumerate(engagement, 1)], POLICIES)
    assert result.dead_letters == []
    reasons = Counter(orjson.loads(command)["reason"] for command in result.commands)
    assert reasons["hard_bounce"] > 0 and reasons["consecutive_bounces"] > 0
