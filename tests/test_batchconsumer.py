"""The batch consumer's commit: a commit the group refuses during a rebalance does not stop the worker."""
from __future__ import annotations

import asyncio

import pytest
from aiokafka.errors import CommitFailedError, IllegalStateError, TopicAuthorizationFailedError
from faust.types import TP

from streams.batchconsumer import BatchConsumer

ASSIGNED, GONE = TP("bounces", 0), TP("bounces", 1)


class Consumer:
    """aiokafka's consumer as the commit meets it: it refuses with `error`, or records the offsets."""

    def __init__(self, error: Exception | None) -> None:
        self.error = error
        self.committed: dict = {}

    async def commit(self, offsets):
        if self.error is not None:
            raise self.error
        self.committed.update(offsets)


class Thread:
    def __init__(self, consumer: Consumer) -> None:
        self.consumer = consumer

    def assignment(self):
        return {ASSIGNED}

    def _ensure_consumer(self):
        return self.consumer


class Delegate:
    """The parts of BatchConsumer its commit uses."""

    def __init__(self, error: Exception | None) -> None:
        self._thread = Thread(Consumer(error))


def commit(error: Exception | None = None) -> tuple[bool, dict]:
    delegate = Delegate(error)
    done = asyncio.run(BatchConsumer._commit_in_thread(delegate, {ASSIGNED: 7, GONE: 9}))
    return done, delegate._thread.consumer.committed


def test_a_commit_of_the_assigned_partitions_is_done():
    done, committed = commit()
    assert done
    assert [(tp.partition, meta.offset) for tp, meta in committed.items()] == [(0, 7)]


@pytest.mark.parametrize("error", [
    IllegalStateError("No partitions assigned"),
    IllegalStateError("Partition TopicPartition(topic='bounces', partition=0) is not assigned"),
    CommitFailedError("Commit cannot be completed since the group has already rebalanced"),
    CommitFailedError("some other wording of a generation the group left"),
])
def test_a_commit_refused_while_the_group_reassigns_is_only_not_done(error):
    assert commit(error) == (False, {})


def test_any_other_commit_error_still_stops_the_worker():
    with pytest.raises(TopicAuthorizationFailedError):
        commit(TopicAuthorizationFailedError())
