"""The worker's HTTP endpoint (HYGIENE_HTTP_PORT): /metrics, /healthz, /readyz.

Served by aiohttp (faust's own dependency; faust's web server stays off) on the worker's event loop,
as a service the faust Worker starts first and stops last: /healthz answers only while the loop
runs, so a loop stuck in a blocking call fails the liveness probe, and /metrics reads the job's
state in the thread that changes it. The socket is bound before the worker starts (`bind`), so a
port in use is one clear error instead of a crash of a started worker.
"""
from __future__ import annotations

import socket
from collections.abc import Callable

from aiohttp import web
from mode import Service

from streams.metrics import Metrics

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def bind(port: int, host: str = "0.0.0.0") -> socket.socket:
    """A listening socket on `port`; OSError (with the reason) when it cannot be had."""
    sock = socket.create_server((host, port), reuse_port=False)
    sock.setblocking(False)
    return sock


class Endpoint(Service):
    """/metrics (Prometheus text format), /healthz (200 while the loop runs), /readyz (200 once
    `not_ready()` returns None, else 503 with its reason)."""

    def __init__(self, sock: socket.socket, metrics: Metrics, not_ready: Callable[[], str | None]) -> None:
        self.sock = sock
        self.metrics = metrics
        self.not_ready = not_ready
        self._runner: web.AppRunner | None = None
        super().__init__()

    async def on_start(self) -> None:
        app = web.Application()
        app.router.add_get("/metrics", self._metrics)
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/readyz", self._readyz)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        await web.SockSite(self._runner, self.sock).start()
        host, port = self.sock.getsockname()[:2]
        self.log.info("serving /metrics, /healthz, /readyz on http://%s:%d", host, port)

    async def on_stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _metrics(self, _request: web.Request) -> web.Response:
        return web.Response(body=self.metrics.exposition(), headers={"Content-Type": CONTENT_TYPE})

    async def _healthz(self, _request: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def _readyz(self, _request: web.Request) -> web.Response:
        reason = self.not_ready()
        if reason is None:
            return web.Response(text="ready\n")
        return web.Response(status=503, text=f"not ready: {reason}\n")
