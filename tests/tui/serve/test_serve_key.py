"""The key on every request of a served board: the page, its websocket and its files; the cookie's flags."""

from __future__ import annotations

import time

import pytest
from aiohttp import WSServerHandshakeError
from aiohttp.test_utils import TestClient, TestServer

from tui.serve import key as keys
from tui.serve.server import BondServer

KEY = "k" * 32
OTHER = "x" * 32


@pytest.fixture
async def client(monkeypatch):
    monkeypatch.setattr(keys, "FIRST_WAIT", 0.2)
    server = BondServer("exec true", KEY, "127.0.0.1", 0)  # a page's "board" that ends at once
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as client:
        yield client


async def test_no_key_is_refused_with_a_page_that_says_why(client):
    for path in ("/", "/static/js/textual.js", "/static/", "/ws"):
        answer = await client.get(path)
        assert answer.status == 403, path
        assert "needs its key" in await answer.text()
        assert answer.headers["X-Frame-Options"] == "DENY"


async def test_the_right_key_once_then_the_cookie(client):
    answer = await client.get("/", params={"key": KEY}, allow_redirects=False)
    assert answer.status == 303 and answer.headers["Location"] == "/"  # the key leaves the address
    cookie = answer.headers["Set-Cookie"]
    assert f"{keys.COOKIE}={KEY}" in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    page = await client.get("/", cookies={keys.COOKIE: KEY})
    text = await page.text()
    assert page.status == 200 and f'data-session-websocket-url="ws://{page.url.host}:{page.url.port}/ws"' in text
    assert "http://" not in text.replace("ws://", "") and "https://" not in text  # nothing from the internet
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    assert (await client.get("/static/js/textual.js", cookies={keys.COOKIE: KEY})).status == 200
    listing = await client.get("/static/", cookies={keys.COOKIE: KEY})
    assert listing.status in (403, 404) and "textual.js" not in await listing.text()  # no folder's listing


async def test_a_wrong_key_is_refused_ever_more_slowly_and_the_right_one_never_waits(client):
    waits = []
    for _ in range(3):
        start = time.monotonic()
        answer = await client.get("/", params={"key": OTHER}, cookies={keys.COOKIE: OTHER})
        waits.append(time.monotonic() - start)
        assert answer.status == 403
    assert 0.2 <= waits[0] < waits[1] < waits[2]  # 0.2, 0.4, 0.8 s
    start = time.monotonic()
    assert (await client.get("/", params={"key": KEY}, allow_redirects=False)).status == 303
    assert time.monotonic() - start < 0.15  # from the very address that guessed


async def test_the_websocket_needs_the_key_and_this_site(client):
    for headers, params in (({}, {}), ({"Cookie": f"{keys.COOKIE}={OTHER}"}, {}), ({}, {"key": OTHER})):
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect("/ws", headers=headers, params=params)
        assert refused.value.status == 403
    hers = {"Cookie": f"{keys.COOKIE}={KEY}"}
    with pytest.raises(WSServerHandshakeError) as refused:  # another site's page, even with her cookie
        await client.ws_connect("/ws", headers={**hers, "Origin": "http://evil.example"})
    assert refused.value.status == 403
    socket = await client.ws_connect("/ws", headers=hers)
    await socket.close()


def test_the_key_is_kept_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("BONDTUI_CONFIG", str(tmp_path / "config" / "config.toml"))
    first = keys.serve_key()
    assert len(first) >= 32 and keys.serve_key() == first
    assert (tmp_path / "config" / "serve.key").stat().st_mode & 0o777 == 0o600
    assert keys.serve_key(new=True) != first
    assert keys.same_key(first, first) and not keys.same_key(first[:-1], first) and not keys.same_key(None, first)
