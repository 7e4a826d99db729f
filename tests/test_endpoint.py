"""The worker's HTTP endpoint on its own: probes' answers and the metrics' content type."""
from __future__ import annotations

import asyncio

import aiohttp

from streams import endpoint
from streams.metrics import Metrics, Snapshot


def test_probes_say_alive_then_not_ready_with_the_reason_then_ready():
    reason: list[str | None] = ["rebalancing"]
    metrics = Metrics()
    metrics.watch(lambda: Snapshot(ready=reason[0] is None, rebalances=1, late=0, redelivered=0, pending=0))

    async def scenario() -> list[tuple[int, str]]:
        sock = endpoint.bind(0, host="127.0.0.1")
        port = sock.getsockname()[1]
        service = endpoint.Endpoint(sock, metrics, lambda: reason[0])
        await service.start()
        answers = []
        try:
            async with aiohttp.ClientSession() as session:
                for path in ("/healthz", "/readyz", "/metrics"):
                    async with session.get(f"http://127.0.0.1:{port}{path}") as response:
                        answers.append((response.status, response.headers["Content-Type"], await response.text()))
                reason[0] = None
                async with session.get(f"http://127.0.0.1:{port}/readyz") as response:
                    answers.append((response.status, response.headers["Content-Type"], await response.text()))
        finally:
            await service.stop()
        return answers

    healthz, not_ready, scraped, ready = asyncio.run(scenario())
    assert healthz[0::2] == (200, "ok\n")
    assert not_ready[0::2] == (503, "not ready: rebalancing\n")
    assert scraped[0] == 200 and scraped[1].startswith("text/plain; version=0.0.4")
    assert "hygiene_ready 0.0" in scraped[2] and "hygiene_rebalances_total 1.0" in scraped[2]
    assert ready[0::2] == (200, "ready\n")
