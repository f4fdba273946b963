"""The served board: textual-serve's web server, behind her key, with nothing loaded from outside.

Each page that opens is its own board process on the same data (like a second board
in another window: every change holds the lock for milliseconds and every board
shows the others' within a second). textual-serve runs the processes and carries
the terminal over a websocket; this module adds the key to every request, a page
of its own (the font and scripts from this machine, never from the internet), and
an end that closes every page's board before the server stops.
"""

from __future__ import annotations

import asyncio
import html
import logging
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.server import Server

from .key import COOKIE, Slower, same_key

PAGE = Path(__file__).with_name("page.html")
COOKIE_DAYS = 400  # the longest a browser keeps a cookie
STOP_SECONDS = 5.0  # each page's board gets this long to end after the server is told to stop
REFUSED = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>bondtui: key needed</title></head><body style="font-family: sans-serif; margin: 2em; line-height: 1.5">
<h1>This board needs its key</h1>
<p>Open the address <code>bondtui serve</code> printed (it ends in <code>?key=…</code>), or scan its QR code.
The key is kept on this phone after the first visit.</p></body></html>"""
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
log = logging.getLogger("textual-serve")


class BondServer(Server):
    """textual-serve's Server, guarded by `key`; `command` opens one board."""

    def __init__(self, command: str, key: str, host: str, port: int) -> None:
        super().__init__(command, host=host, port=port, title="bondtui")
        self.key = key
        self.slower = Slower()
        self.services: set[AppService] = set()

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="bondtui serve: %(message)s")  # her terminal, not a log

    async def on_startup(self, app: web.Application) -> None:
        pass  # the address and its QR code are printed by `bondtui serve` itself

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.static("/static", self.statics_path, show_index=False, name="static"),  # never a folder's listing
        ])
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Every request carries the key: in the cookie, or (the first time) in the address."""
        if same_key(request.cookies.get(COOKIE), self.key):
            return _hardened(await handler(request))
        given = request.query.get("key")
        if given is not None and same_key(given, self.key):
            if request.path != "/":
                return _hardened(await handler(request))
            found = web.Response(status=303, headers={"Location": "/"})  # the key leaves the address bar and history
            found.set_cookie(COOKIE, self.key, max_age=COOKIE_DAYS * 86400, path="/", httponly=True, samesite="Strict")
            return _hardened(found)
        if given is not None:  # a wrong key: answered ever more slowly to the address that guesses
            await asyncio.sleep(self.slower.wrong(request.remote or "?"))
        return _hardened(web.Response(status=403, text=REFUSED, content_type="text/html"))

    async def handle_index(self, request: web.Request) -> web.Response:
        websocket = f"ws://{request.host}/ws"  # whatever name she reached this machine by
        page = PAGE.read_text(encoding="utf-8").replace("{{websocket}}", html.escape(websocket, quote=True))
        return web.Response(text=page, content_type="text/html")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One page, one board process: started when the page connects, ended when it goes (or the server does)."""
        if (origin := request.headers.get("Origin")) and origin.split("://", 1)[-1] != request.host:
            raise web.HTTPForbidden(text="another site's page cannot open this board")
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        width, height = (_int(request.query.get(name), default) for name, default in (("width", 80), ("height", 24)))
        async def close() -> None:
            await websocket.close()

        service = AppService(self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                             close=close, download_manager=self.download_manager)
        self.services.add(service)
        try:
            await service.start(width, height)
            messages = asyncio.create_task(self._process_messages(websocket, service))
            ended = service._task  # the board's process: when it ends (q, or it could not start), so does the page
            await asyncio.wait({messages, *([ended] if ended else [])}, return_when=asyncio.FIRST_COMPLETED)
            messages.cancel()
        except asyncio.CancelledError:
            pass
        finally:
            await _end(service)
            self.services.discard(service)
            await websocket.close()
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """ctrl+c or SIGTERM: every page's board ends (each saved every change as she made it)."""
        await asyncio.gather(*(_end(service) for service in list(self.services)))

    def serve(self, debug: bool = False) -> None:
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for stop in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(stop, self.request_exit)
            except (NotImplementedError, RuntimeError):
                pass
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                    print=lambda *args: None, shutdown_timeout=STOP_SECONDS, access_log=None)

    def request_exit(self) -> None:
        raise GracefulExit()


_ENDING: set[str] = set()  # the pages whose boards are being ended: once each, by the page or by the stop


async def _end(service: AppService) -> None:
    """Tell the page's board to quit; if it has not ended within STOP_SECONDS, end its process."""
    if service.app_service_id in _ENDING:
        return
    _ENDING.add(service.app_service_id)
    try:
        await asyncio.wait_for(service.stop(), STOP_SECONDS)
    except (TimeoutError, ConnectionError, RuntimeError):
        pass
    except asyncio.CancelledError:  # its reading task was cancelled (the server going down): not this one
        task = asyncio.current_task()
        if task is not None and task.cancelling():
            raise
    finally:
        _ENDING.discard(service.app_service_id)
    process = service._process  # textual-serve's own process handle: killed only when quitting failed
    if process is not None and process.returncode is None:
        process.kill()
        await process.wait()


def _hardened(response: web.StreamResponse) -> web.StreamResponse:
    """Nothing framed, cached or referred, and nothing run or fetched from anywhere but this machine."""
    if response.prepared:  # a websocket that has ended: its headers went long ago
        return response
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                                "style-src 'self' 'unsafe-inline'; connect-src 'self' ws: ; img-src 'self' data:; "
                                "frame-ancestors 'none'")
    return response


def _int(text: str | None, default: int) -> int:
    try:
        return max(10, min(1000, int(text or default)))
    except ValueError:
        return default
