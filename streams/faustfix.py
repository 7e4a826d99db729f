"""A faust-streaming 0.15.3 consumer that never skips an input record it has not processed.

The bug (faust/transport/consumer.py and tables/recovery.py of 0.15.3; the family of faust-streaming
issues #216, #221 and #606): the consumer remembers, per partition, the offset of the last record it
handed to the agents (`Consumer._read_offset`). `_drain_messages` drops a record whose offset is below
it as "already read", and when a record is more than one past it, `_add_gap` marks the offsets in
between as acknowledged, as if they were compaction holes. Both assume the fetcher never goes back.
It does, after a rebalance whose recovery reads a changelog: the fetcher is already running for the
changelog when `Recovery._resume_streams` resumes the input partitions and only then awaits
`perform_seek`. Records fetched in that window reach the agents' queues and move the read offset on;
then the seek rewinds the fetcher to the committed offset and `flow_control.resume()` empties the
queues. The rewound records are now below the read offset: dropped, never processed. The next
processed record is one past the committed offset, which `_new_offset` accepts as a one-offset hole,
so the commit moves past the dropped record and a restart does not bring it back either. Seen as a
bounce produced while the worker restarted with a lost data dir that never reached contact-events.

The workaround: a consumer whose read offsets remember nothing, so no record is ever dropped as
already read and no gap is ever acknowledged. A rewound record is processed again instead. That is
safe here because every agent is idempotent and order-independent within a partition: ingest is
stateless (a re-forwarded contact event is folded once, by event id), the decide fold dedupes by
event id, and a command keeps its command_id. The cost: offsets that do not exist are no longer
acknowledged for faust. One missing offset at a time (a transaction marker) still commits, as
faust accepts a one-offset hole at the head; a longer run of missing offsets at the head (records
deleted by retention below the committed offset, or compaction) stops the committed offset of that
partition, and every restart then re-reads that partition from the committed offset: more
duplicates, never a lost record.
"""
from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any

import faust
from faust.transport.drivers import aiokafka as aiokafka_driver
from faust.types import TP


class _NoReadOffsets(MutableMapping[TP, "int | None"]):
    """`Consumer._read_offset` as an always-empty `defaultdict(lambda: None)`: every record is unread."""

    def __getitem__(self, tp: TP) -> None:
        return None

    def __setitem__(self, tp: TP, offset: int | None) -> None:
        pass

    def __delitem__(self, tp: TP) -> None:
        pass

    def __contains__(self, tp: object) -> bool:
        return False

    def __iter__(self) -> Iterator[TP]:
        return iter(())

    def __len__(self) -> int:
        return 0


class Consumer(aiokafka_driver.Consumer):
    """faust's aiokafka consumer without read offsets (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._read_offset = _NoReadOffsets()


def install(app: faust.App) -> None:
    """Make `app` consume through `Consumer`; call before anything creates `app.consumer`."""
    transport = app.transport
    if type(transport).Consumer is not aiokafka_driver.Consumer:
        raise RuntimeError(f"faustfix expects faust's aiokafka transport, not {type(transport).__name__}")
    if app._consumer is not None:
        raise RuntimeError("faustfix.install() must run before the app creates its consumer")
    transport.Consumer = Consumer  # what Transport.create_consumer instantiates
