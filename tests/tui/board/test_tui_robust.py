"""The board under stress: hostile text, odd window sizes, signals, crashes, midnight,
a second window, and a disk that refuses to write."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.events import Paste
from textual.strip import Strip
from textual.widgets import Input, OptionList, Static

import tui.board.app
from store import FixedClock, Store
from tests.helpers_pty import BONDTUI, PYTHON, PtyProcess, pty_env
from tests.tui_helpers import drawn
from tui.board.app import DAY_CHECK_SECONDS, BondApp
from tui.board.screens.board import BoardScreen
from tui.board.screens.checkin import CheckInScreen
from tui.board.screens.help import HelpScreen

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`

NOW = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)  # a Sunday evening
TODAY = date(2026, 11, 29)
SIZE = (100, 30)

# Text that means something to Rich/Textual markup, or to a Windows path parser.
HOSTILE = ["[/]", "x[/b]", "Read [The Book]", "[$accent]", "[@click=app.quit]Q[/]", "C:\\path\\"]

# Bytes a terminal would obey rather than show.
RAW_CONTROLS = ("\x1b", "\x07", "\x9b")


# -- helpers -------------------------------------------------------------------------


def open_store(tmp_path, clock: FixedClock | None = None, **kwargs) -> Store:
    return Store.open(tmp_path / "bond.json", clock or FixedClock(NOW), **kwargs)


def make_app(tmp_path, store: Store) -> BondApp:
    return BondApp(store=store, theme_dir=tmp_path / "no-themes")


def _strips(app) -> list[Strip]:
    """Every line of the screen as the terminal would get it (background screens included).

    Toasts, the palette and a dialog over the board are drawn by different screens; only the
    compositor joins them, so this one helper reaches into it. Tests of a single widget use
    the public `tests.tui_helpers.drawn` instead."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return [Strip.join(line) for line in update.strips]


def screen_lines(app) -> list[str]:
    return [strip.text for strip in _strips(app)]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def segment_texts(app) -> list[str]:
    return [segment.text for strip in _strips(app) for segment in strip]


def assert_no_raw_controls(app, where: str) -> None:
    bad = [text for text in segment_texts(app) if any(c in text for c in RAW_CONTROLS)]
    assert not bad, f"{where}: a raw control character reaches the terminal in {bad[:3]!r}"


def region_text(app, widget) -> str:
    """The text the widget shows, cut out of the composed screen by terminal cells."""
    strips = _strips(app)
    region = widget.content_region
    return "\n".join(strips[y].crop(region.x, region.right).text for y in range(region.y, min(region.bottom, len(strips))))


def toast_texts(app) -> list[str]:
    """Each notification on screen, its wrapped lines joined back into one line."""
    return [" ".join(region_text(app, toast).split()) for toast in app.screen.query("Toast")]


def toasts_with(app, needle: str) -> list:
    return [toast for toast in app.screen.query("Toast") if needle in " ".join(region_text(app, toast).split())]


async def paste(app, pilot, text: str) -> None:
    """Paste into the focused input, as a terminal's bracketed paste does."""
    app.focused.post_message(Paste(text))
    await pilot.pause()


def assert_running(app) -> None:
    assert app.is_running and app.return_code is None, "the app quit"


async def assert_keys_still_work(app, pilot, help: bool = False) -> None:
    """j moves the cursor; with `help`, ? opens the help and escape closes it."""
    assert isinstance(app.screen, BoardScreen)
    row = app.screen.row
    await pilot.press("j")
    assert app.screen.row == row + 1
    if help:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
    assert_running(app)


async def click_every(app, pilot, text: str) -> int:
    """Click on the first character of every place `text` is shown (only text that could hide an action)."""
    if "@click" not in text:
        return len([line for line in screen_lines(app) if text in line])
    clicks = 0
    for y, line in enumerate(screen_lines(app)):
        x = line.find(text)
        if x >= 0:
            await pilot.click(offset=(cell_len(line[:x]), y))
            await pilot.pause()
            clicks += 1
            if isinstance(app.screen, CheckInScreen) and isinstance(app.screen_stack[-2], BoardScreen):
                await pilot.press("escape")  # a tap on a board row opens its check-in: that is all it does
                await pilot.pause()
    return clicks


# -- 1. hostile text is shown literally --------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
async def test_hostile_title_action_and_name_show_literally(tmp_path, text):
    with open_store(tmp_path) as store:
        # "date" gets the hostile title and action; the Today panel is walked to it with n.
        store.update_strategy("date", title=text, actions=[text])
        store.update_settings(son_name=text)
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            board = app.screen
            panel, grid = board.panel, board.grid
            strategy = panel.query_one("#strategy", Static)
            while panel.current().strategy != "date":
                await pilot.press("n")
            assert region_text(app, panel.query_one("#suggestion")).splitlines()[0].strip() == f"♥  {text}"
            assert region_text(app, strategy).strip() == f"{text} · a moment"
            assert text in region_text(app, grid).splitlines()[2 + 2 * 3]  # the fourth strategy row
            # Clicking the text must do nothing (no hidden @click action).
            assert await click_every(app, pilot, text) >= 3
            assert_running(app)

            # Walk the ideas to "talk", whose reason names the son.
            while panel.current().strategy != "talk":
                await pilot.press("n")
            assert text in region_text(app, panel.query_one("#reason", Static))
            assert await click_every(app, pilot, text) >= 2
            assert_running(app)

            # The check-in dialog shows the title and the action literally.
            board.row = 3  # the cursor on "date"
            await pilot.press("enter")
            dialog = app.screen
            assert isinstance(dialog, CheckInScreen)
            assert region_text(app, dialog.query_one("#title")).strip() == text
            assert region_text(app, dialog.query_one(OptionList)).strip() == text
            await click_every(app, pilot, text)
            assert_running(app)
            await pilot.press("escape")
            await assert_keys_still_work(app, pilot, help=True)
            assert not store.check_ins()


@pytest.mark.parametrize("text", HOSTILE)
async def test_hostile_action_and_note_typed_in_the_dialog(tmp_path, text):
    with open_store(tmp_path) as store:
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("enter")  # the dialog for "talk" on today
            dialog = app.screen
            assert isinstance(dialog, CheckInScreen)
            await pilot.press("tab", *text)  # the action "in your own words"
            assert dialog.query_one("#custom", Input).value == text
            await pilot.press("tab")
            await paste(app, pilot, text)  # the note, pasted this time
            assert dialog.query_one("#note", Input).value == text
            await pilot.press("enter")  # log it
            assert isinstance(app.screen, BoardScreen)

            [check_in] = store.check_ins("talk", TODAY)
            assert (check_in.action, check_in.note) == (text, text)
            assert toasts_with(app, f"Logged: {text}"), toast_texts(app)
            await click_every(app, pilot, text)
            await assert_keys_still_work(app, pilot)


@pytest.mark.parametrize("text", HOSTILE)
async def test_hostile_title_in_the_command_palette(tmp_path, text):
    with open_store(tmp_path) as store:
        store.update_strategy("talk", title=text)
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("ctrl+p", *text[:2])  # type a little, paste the rest
            await paste(app, pilot, text[2:])
            await pilot.pause(0.2)  # the palette searches in a worker
            assert f"Check in: {text}" in screen_text(app)
            await pilot.press("enter")
            assert isinstance(app.screen, BoardScreen)
            assert store.is_done("talk", TODAY)
            assert toasts_with(app, f"Logged for today: {text}"), toast_texts(app)
            await click_every(app, pilot, text)
            await assert_keys_still_work(app, pilot)


# ESC and BEL, the one-byte CSI (U+009B), right-to-left, a combining accent and a ZWJ emoji.
UNUSUAL = "\x1b[31mred\x07 \x9b2J שלום café \u0301 👩‍👦"
SHOWN = "\\x1b[31mred\\x07 \\x9b2J שלום café \u0301 👩‍👦"  # what the user should read
LONG = ("a long line of words " * 500)[:10_000]


async def test_unusual_text_never_sends_control_bytes(tmp_path):
    with open_store(tmp_path) as store:
        store.update_strategy("talk", title=UNUSUAL, actions=[UNUSUAL])
        store.update_strategy("freedom", title=LONG, actions=[LONG])
        store.update_settings(son_name=UNUSUAL)
        store.check_in("talk", TODAY - timedelta(days=2), action=UNUSUAL, note=UNUSUAL)
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            assert_no_raw_controls(app, "board")
            assert SHOWN[:16] in region_text(app, app.screen.grid)  # the clipped title, shown not obeyed
            panel = app.screen.panel
            while panel.current().strategy != "talk":
                await pilot.press("n")
            assert SHOWN in region_text(app, panel.query_one("#strategy", Static))
            assert_no_raw_controls(app, "the Today panel")
            for key in ("n", "d", "u"):  # another idea; log it, undo
                await pilot.press(key)
                assert_no_raw_controls(app, f"after {key!r}")
            await pilot.press("enter")
            assert isinstance(app.screen, CheckInScreen)
            assert_no_raw_controls(app, "check-in dialog")
            await pilot.press("escape", "j", "enter")
            assert isinstance(app.screen, CheckInScreen)
            assert_no_raw_controls(app, "check-in dialog of the long title")
            await pilot.press("escape", "question_mark")
            assert_no_raw_controls(app, "help")
            await pilot.press("escape", "ctrl+p")
            await paste(app, pilot, "Check in")
            await pilot.pause(0.2)
            assert_no_raw_controls(app, "palette")
            await pilot.press("escape")
            await assert_keys_still_work(app, pilot)


async def test_wide_and_joined_characters_keep_the_grid_columns_aligned(tmp_path):
    with open_store(tmp_path) as store:
        store.update_strategy("talk", title="Us 👩‍👦 two")  # one glyph made of three code points
        store.update_strategy("freedom", title="自由 freedom")  # wide characters
        store.update_strategy("interest", title="café \u0301 שלום")  # a combining accent, right-to-left
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE):
            rows = region_text(app, app.screen.grid).splitlines()[2::2][:4]
            # Every row ends at the same terminal column as "Mom & son date", which is plain ASCII.
            assert [row.split()[0] for row in rows] == ["Us", "自由", "café", "Mom"]
            ends = {row.split()[0]: cell_len(row.rstrip()) for row in rows}
            assert len(set(ends.values())) == 1, ends


async def test_very_long_text_leaves_the_grid_visible(tmp_path):
    with open_store(tmp_path) as store:
        store.update_strategy("date", title=LONG, actions=[LONG])  # today's first suggestion
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            grid = app.screen.grid
            # The header and at least the first strategy must still be on screen.
            assert grid.region.height >= 3, f"the grid got {grid.region.height} rows"
            assert "streak" in screen_text(app)
            await assert_keys_still_work(app, pilot)


async def test_palette_check_in_notification_shows_control_characters_escaped(tmp_path):
    with open_store(tmp_path) as store:
        store.update_strategy("talk", title="Talk \x1b[31mred\x07")
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("ctrl+p")
            await paste(app, pilot, "Talk")
            await pilot.pause(0.2)
            assert_no_raw_controls(app, "palette")
            await pilot.press("enter")
            assert store.is_done("talk", TODAY)
            assert_no_raw_controls(app, "the 'Logged for today' notification")


async def test_dialog_notification_shows_control_characters_escaped(tmp_path):
    with open_store(tmp_path) as store:
        # No actions: the dialog logs the strategy itself and names it in the notification.
        store.update_strategy("talk", title="Talk \x1b[31mred\x07", actions=[])
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("enter")
            assert isinstance(app.screen, CheckInScreen)
            await pilot.press("enter", "enter")  # empty action, empty note: log it
            assert isinstance(app.screen, BoardScreen)
            assert store.is_done("talk", TODAY)
            assert_no_raw_controls(app, "the 'Logged' notification")


async def test_pasted_control_characters_do_not_reach_the_notification(tmp_path):
    with open_store(tmp_path) as store:
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("enter", "tab")
            assert app.screen.query_one("#custom", Input).has_focus
            await paste(app, pilot, "called him \x1b[31mred\x07")  # copied from a coloured terminal
            await pilot.press("ctrl+s")
            assert isinstance(app.screen, BoardScreen)
            assert store.is_done("talk", TODAY)
            assert_no_raw_controls(app, "the 'Logged' notification")


# -- 2. tiny and huge terminals ------------------------------------------------------------

TOO_SMALL = "Make the window a little larger"


async def test_resizing_through_tiny_and_huge_sizes(tmp_path):
    with open_store(tmp_path) as store:
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            sizes = [(0, 0), (1, 1), (20, 5), (59, 19), (60, 20), (80, 24), (250, 80), (59, 40), (250, 19), (30, 10)]
            for width, height in sizes:
                app.clear_notifications()  # a toast could cover the notice in a tiny window
                await pilot.resize_terminal(width, height)
                await pilot.pause()
                board = app.screen
                assert isinstance(board, BoardScreen)
                small = width < 60 or height < 20
                notice = board.query_one("#too-small", Static)
                assert notice.display == small and board.grid.display != small, (width, height)
                words = " ".join(screen_text(app).split())
                if small and width > 1 and height > 1:  # a notice needs some room to be read
                    assert " ".join(TOO_SMALL.split()) in words, (width, height)
                    assert "streak" not in words and "Today" not in words, (width, height)
                if not small:
                    assert TOO_SMALL not in words and "streak" in words, (width, height)
                await pilot.press("j", "l", "h", "space", "l", "k", "question_mark", "escape")
                assert isinstance(app.screen, BoardScreen)
                assert_running(app)
            # Ten spaces on the same day of "freedom" (l into the future is refused): on, off, … off.
            assert not store.check_ins()


# -- 3. signals in a real terminal -----------------------------------------------------------


def _streak_of(tmp_path, key: str) -> dict:
    result = subprocess.run([str(BONDTUI), "streaks", "--json"], env=pty_env(tmp_path), capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return next(row for row in json.loads(result.stdout) if row["key"] == key)


def _open_board_and_check_in(term: PtyProcess) -> None:
    assert term.read_until(b"Today", timeout=15), f"the board never appeared: {term.output[-500:]!r}"
    mark = len(term.output)
    term.send(b" ")  # check in "talk" on today
    assert term.read_until(b"1 of 7", since=mark, timeout=5), "the check-in never showed"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_ends_the_board_cleanly(tmp_path, sig):
    with PtyProcess([str(BONDTUI)], pty_env(tmp_path)) as term:
        _open_board_and_check_in(term)
        term.kill(sig)
        code = term.wait(10)
        assert code == 0, f"exit code {code}; last output {term.output[-300:]!r}"
        assert b"\x1b[?1049l" in term.output, "the alternate screen was never left"
        assert term.output.rfind(b"\x1b[?1049l") > term.output.rfind(b"1 of 7")
    assert _streak_of(tmp_path, "talk")["done_today"] is True


def test_closing_the_terminal_window_exits_cleanly(tmp_path):
    # The real hang-up: the terminal goes away, and with it the place the restore sequence goes to.
    with PtyProcess([str(BONDTUI)], pty_env(tmp_path)) as term:
        _open_board_and_check_in(term)
        term.hang_up()
        code = term.wait(10)
        assert code == 0, f"exit code {code} after the terminal closed"
    assert _streak_of(tmp_path, "talk")["done_today"] is True


# -- 4. an exception inside the app ------------------------------------------------------------


class ExplodingApp(BondApp):
    CSS_PATH = Path(tui.board.app.__file__).with_name("app.tcss")  # relative paths follow the subclass's module
    BINDINGS = [Binding("x", "explode", "Explode")]

    def action_explode(self) -> None:
        raise RuntimeError("boom")


async def test_exception_in_an_action_exits_with_code_1(tmp_path):
    with open_store(tmp_path) as store:
        app = ExplodingApp(store=store, theme_dir=tmp_path / "no-themes")
        with pytest.raises(RuntimeError, match="boom"):  # run_test re-raises what ended the app
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("x")
        assert app.return_code == 1


async def test_unexpected_store_error_on_space_is_not_swallowed(tmp_path, monkeypatch):
    # Only BondError is the user's business; anything else is a bug and must end the app loudly.
    with open_store(tmp_path) as store:

        def broken(*args, **kwargs):
            raise KeyError("broken")

        monkeypatch.setattr(store, "check_in", broken)
        app = make_app(tmp_path, store)
        with pytest.raises(KeyError):
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("space")
        assert app.return_code == 1


CRASHING_BOARD = """
import sys
import store
def broken(self, *args, **kwargs):
    raise RuntimeError("the store broke")
store.Store.check_in = broken
from tui.main import main
sys.exit(main())
"""


def test_crash_in_a_real_terminal_restores_it_and_exits_non_zero(tmp_path):
    with PtyProcess([str(PYTHON), "-c", CRASHING_BOARD], pty_env(tmp_path)) as term:
        assert term.read_until(b"Today", timeout=15), f"the board never appeared: {term.output[-500:]!r}"
        term.send(b" ")
        code = term.wait(10)
        assert code not in (0, None), f"exit code {code}"
        assert b"\x1b[?1049l" in term.output, "the alternate screen was never left"
        assert b"the store broke" in term.output[term.output.rfind(b"\x1b[?1049l"):], "no error report after restore"
    # The lock went with the process: the file can be written again.
    result = subprocess.run([str(BONDTUI), "done", "talk"], env=pty_env(tmp_path), capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 0, result.stderr


# -- 5. midnight -------------------------------------------------------------------------------


def test_the_day_is_checked_at_least_once_a_minute():
    assert 0 < DAY_CHECK_SECONDS <= 60


async def test_midnight_moves_the_board_to_the_new_day(tmp_path):
    clock = FixedClock(datetime(2026, 11, 29, 23, 59, 30, tzinfo=UTC))
    with open_store(tmp_path, clock) as store:
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            board = app.screen
            assert board.panel.border_title == "Today · Sunday 29 November"
            clock.advance(minutes=1)
            app.check_day()
            await pilot.pause()
            monday = date(2026, 11, 30)
            assert board.panel.border_title == "Today · Monday 30 November"
            assert "Monday 30 November" in screen_text(app)
            assert board.grid.today == monday
            assert board.day == monday  # the cursor followed today
            await pilot.press("space")
            assert store.is_done("talk", monday) and not store.is_done("talk", TODAY)


async def test_midnight_leaves_a_cursor_on_an_earlier_day_alone(tmp_path):
    clock = FixedClock(datetime(2026, 11, 29, 23, 59, 30, tzinfo=UTC))
    with open_store(tmp_path, clock) as store:
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("h")  # backfilling Saturday
            clock.advance(minutes=1)
            app.check_day()
            await pilot.pause()
            assert app.screen.day == date(2026, 11, 28)
            assert app.screen.grid.today == date(2026, 11, 30)


async def test_midnight_with_the_dialog_open_logs_the_day_it_showed(tmp_path):
    clock = FixedClock(datetime(2026, 11, 29, 23, 59, 30, tzinfo=UTC))
    with open_store(tmp_path, clock) as store:
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")  # the dialog for Sunday 29
            clock.advance(minutes=1)
            app.check_day()
            await pilot.pause()
            assert isinstance(app.screen, CheckInScreen)
            await pilot.press("ctrl+s")
            assert isinstance(app.screen, BoardScreen)
            assert store.is_done("talk", TODAY) and not store.is_done("talk", date(2026, 11, 30))
            assert app.screen.panel.border_title == "Today · Monday 30 November"


async def test_the_app_notices_midnight_by_itself(tmp_path, monkeypatch):
    monkeypatch.setattr("tui.board.app.DAY_CHECK_SECONDS", 0.05)  # the interval, made short
    clock = FixedClock(datetime(2026, 11, 29, 23, 59, 30, tzinfo=UTC))
    with open_store(tmp_path, clock) as store:
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE) as pilot:
            clock.advance(minutes=1)
            await pilot.pause(0.3)
            assert app.screen.panel.border_title == "Today · Monday 30 November"


async def test_day_start_hour_keeps_the_small_hours_on_yesterday(tmp_path):
    clock = FixedClock(datetime(2026, 11, 30, 2, 30, tzinfo=UTC))
    with open_store(tmp_path, clock) as store:
        store.update_settings(day_start_hour=3)
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE) as pilot:
            board = app.screen
            assert board.panel.border_title == "Today · Sunday 29 November"
            assert board.grid.today == TODAY and board.day == TODAY
            clock.advance(minutes=31)  # 03:01: now it is Monday
            app.check_day()
            await pilot.pause()
            assert board.panel.border_title == "Today · Monday 30 November"
            assert board.day == date(2026, 11, 30)


# -- 7. a write that fails -----------------------------------------------------------------------


async def test_failed_write_is_reported_and_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "bond.json"
    with open_store(tmp_path) as store:
        store.update_settings(son_name="Sam")  # the file exists
        before = path.read_bytes()
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            real_replace = os.replace

            def disk_full(src, dst, *args, **kwargs):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(os, "replace", disk_full)
            await pilot.press("space")
            assert_running(app)
            errors = [toast for toast in app.screen.query("Toast") if toast.has_class("-error")]
            assert errors, toast_texts(app)
            assert "Could not save" in " ".join(region_text(app, errors[0]).split())
            app.clear_notifications()
            await pilot.pause()
            talk_row = region_text(app, app.screen.grid).splitlines()[2]
            assert talk_row.lstrip().startswith("Talk") and "✓" not in talk_row and "not yet" in talk_row
            assert not store.is_done("talk", TODAY)
            assert path.read_bytes() == before
            assert not list(tmp_path.glob(".bond.json.*.tmp")), "a temp file was left behind"

            # Once the disk has room again, the same key works.
            monkeypatch.setattr(os, "replace", real_replace)
            await pilot.press("space")
            assert store.is_done("talk", TODAY)
            assert "done ✓" in region_text(app, app.screen.grid).splitlines()[2]


# -- 8. the check-in dialog fits, and closes exactly once ------------------------------------------


def inside(app, widget) -> bool:
    """The widget is laid out wholly on screen (not scrolled away, not cut by the window)."""
    return app.screen.region.contains_region(widget.region) and widget.region.area > 0


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_every_part_of_the_dialog_is_reachable(tmp_path, size):
    with open_store(tmp_path) as store:
        app = make_app(tmp_path, store)
        async with app.run_test(size=size) as pilot:
            await pilot.press("j", "j", "j", "j", "enter")  # Show affection
            dialog = app.screen
            assert isinstance(dialog, CheckInScreen)
            options = dialog.query_one(OptionList)
            assert inside(app, options) and options.option_count == len(store.strategy("affection").actions)
            for button, label in (("#cancel", "Cancel"), ("#confirm", "Log it")):
                assert inside(app, dialog.query_one(button)), button
                assert label in drawn(dialog.query_one(button))
            for field in ("#custom", "#note"):
                dialog.query_one(field, Input).focus()
                await pilot.pause()
                assert inside(app, dialog.query_one(field)), (field, size)
            footer = " ".join(drawn(key) for key in dialog.query("FooterKey"))
            assert "^s" in footer and "Log it" in footer
            await pilot.press(*"a quiet hug", "ctrl+s")
            assert isinstance(app.screen, BoardScreen)
            [check_in] = store.check_ins("affection")
            assert check_in.note == "a quiet hug"


async def test_help_names_the_dialog_keys(tmp_path):
    with open_store(tmp_path) as store:
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            keys = "\n".join(drawn(cell) for cell in app.screen.query(".keys > Static"))  # key, then what it does
            assert "ctrl+s" in keys and "Log it (in the check-in dialog)" in keys


TINY = [(1, 1), (10, 3), (5, 24), (10, 24), (11, 24)]


@pytest.mark.parametrize("size", TINY, ids=[f"{w}x{h}" for w, h in TINY])
@pytest.mark.parametrize("key", ["enter", "i", "question_mark"])
async def test_screens_open_in_a_tiny_window(tmp_path, size, key):
    with open_store(tmp_path) as store:
        app = make_app(tmp_path, store)
        async with app.run_test(size=size) as pilot:
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, BoardScreen)
            assert_running(app)
            await pilot.press("escape")
            assert isinstance(app.screen, BoardScreen)
            await pilot.resize_terminal(*SIZE)
            await assert_keys_still_work(app, pilot)


async def test_resizing_with_the_dialog_open(tmp_path):
    with open_store(tmp_path) as store:
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            for size in [(10, 3), (1, 1), (60, 20), (5, 24), (80, 24), (10, 3), SIZE]:
                await pilot.resize_terminal(*size)
                await pilot.pause()
                assert isinstance(app.screen, CheckInScreen), size
            await pilot.press("ctrl+s")
            assert isinstance(app.screen, BoardScreen) and store.is_done("talk", TODAY)


def dialogs(app) -> int:
    return sum(isinstance(screen, CheckInScreen) for screen in app.screen_stack)


async def send_at_once(app, pilot, keys: list[str]) -> None:
    """Keys that arrive in one write, as from a fast typist: none waits for the screen to change."""
    for key in keys:
        app.post_message(events.Key(key, None if len(key) > 1 else key))
    for _ in range(3):
        await pilot.pause()


@pytest.mark.parametrize("focus", [["tab", "tab"], [], ["tab"]], ids=["note", "list", "own words"])
@pytest.mark.parametrize("burst", [
    ["enter", "enter"],
    ["enter", "enter", "enter"],
    ["enter"] * 8,
    ["ctrl+s", "ctrl+s", "enter", "escape"],
])
async def test_a_burst_of_keys_closes_the_dialog_once(tmp_path, focus, burst):
    with open_store(tmp_path) as store:
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter", *focus)
            await send_at_once(app, pilot, burst)
            assert_running(app)
            assert isinstance(app.screen_stack[0], BoardScreen), app.screen_stack  # the board stays at the bottom
            assert dialogs(app) <= 1 and isinstance(app.screen, (BoardScreen, CheckInScreen))
            assert len(store.check_ins()) <= len(burst) // 2
            await pilot.press("escape")
            assert isinstance(app.screen, BoardScreen)
            await assert_keys_still_work(app, pilot)


async def test_the_dialog_ignores_a_second_submit(tmp_path):
    with open_store(tmp_path) as store:
        app = make_app(tmp_path, store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            dialog = app.screen
            dialog.action_confirm()
            dialog.action_confirm()  # a second Enter that got in before the screen went
            dialog.action_cancel()
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen) and len(app.screen_stack) == 1
            assert len(store.check_ins()) == 1
