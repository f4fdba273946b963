"""The served board in a real browser (Debian's chromium, headless): the key, the Today panel, a tap on Done,
the check-in saved, and a second page beside the first. Every connection is to 127.0.0.1."""

from __future__ import annotations

import pytest

from store import FixedClock, Store
from tests.browser import CHROMEDRIVER, CHROMIUM, Browser
from tests.conftest import NOW
from tests.tui.serve.test_serve_process import served  # noqa: F401  # the fixture

pytestmark = [pytest.mark.slow, pytest.mark.serial,
              pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                 reason="needs chromium and chromedriver (apt-get install chromium chromium-driver)")]


@pytest.fixture
def browser():
    opened = Browser()
    yield opened
    opened.close()


def test_the_board_on_a_phone_page(served, browser):  # noqa: F811  # the fixture, by name
    running = served()
    browser.open(f"{running.local}/?key=wrong")
    assert "needs its key" in browser.run("return document.body.innerText")
    browser.open(f"{running.local}/?key={running.key}")
    assert browser.location() == f"{running.local}/"  # the key left the address
    cookie = next(c for c in browser.cookies() if c["name"] == "bondtui_key")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert browser.run("return document.cookie") == ""  # no script on the page can read the key
    screen = browser.wait_for(lambda s: "Today · Sunday 29 November" in s and "Done" in s, "the Today panel")
    assert "0 of 7 strategies touched today" in screen
    first = browser.window()
    second = browser.new_window()  # a second page: a board of its own, on the same data
    browser.switch_to(second)
    browser.open(f"{running.local}/")  # the cookie is enough now
    browser.wait_for(lambda s: "0 of 7 strategies touched today" in s, "the second page's board")
    browser.switch_to(first)
    browser.tap("Done")  # the suggestion, done by a tap
    browser.wait_for(lambda s: "1 of 7 strategies touched today" in s, "the tap's check-in", 10)
    browser.switch_to(second)
    browser.wait_for(lambda s: "1 of 7 strategies touched today" in s, "the second page following it", 5)
    with Store.open(running.db, FixedClock(NOW), read_only=True) as store:
        assert len(store.check_ins()) == 1
    browser.tap("Talk with him")  # a tap on a row: its check-in
    browser.wait_for(lambda s: "Or in your own words" in s, "the row's check-in dialog", 10)
    assert running.stop() == 0  # the server stops: each page says its board ended, saved
    assert "-closed" in browser.run("return document.body.className")
    assert "everything was saved" in browser.run("return document.body.innerText")
