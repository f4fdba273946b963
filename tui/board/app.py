"""The Textual app: themes, signals, the day that turns, and the one path for changing the data."""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar, cast

from textual.app import App
from textual.binding import Binding
from textual.reactive import Initialize, Reactive
from textual.screen import Screen
from textual.signal import Signal

from store import BondError, Clock, DataError, Store, UsageError
from themes import DEFAULT_THEME, VARIABLE_DEFAULTS, user_theme_dir
from themes.loading import load_themes

from ..text import printable
from .keymap import config_path, load_keymap
from .screens.board import BoardScreen

DAY_CHECK_SECONDS = 20  # compare dates often: timers pause while the machine sleeps
FOLLOW_SECONDS = 0.5  # what is saved elsewhere shows within a second; a look costs two stat calls
T = TypeVar("T")


def _bond_commands():
    from .palette import BondCommands  # loaded when the palette first opens

    return BondCommands


def _changed_at(folder: Path) -> int | None:
    """When a file last came into or left the folder (its modification time); None if it cannot be read."""
    try:
        return folder.stat().st_mtime_ns
    except OSError:
        return None


class BondApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "bondtui"
    # Her commands only, from one provider, so they come in one order however busy the machine is
    # (Textual's own theme, screenshot and maximize commands are not hers; Quit is among hers).
    COMMANDS = {_bond_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit (everything is already saved)"),
        # No id: no keymap reaches them, so there is always a way out (tui/board/keymap.py).
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, system=True, tooltip="Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, system=True),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.palette",
                tooltip="Command palette: check in, change theme…"),
    ]

    # Her theme is the first value of `theme`, read while Textual builds its stylesheet: the first
    # frame is drawn in it, and no CSS is parsed twice (setting it after start re-parses it all).
    theme: Reactive[str] = Reactive(Initialize(lambda app: cast(BondApp, app)._first_theme()))

    def __init__(self, store: Store, clock: Clock | None = None, theme_dir: Path | None = None) -> None:
        self.store = store  # before App.__init__, which reads the first theme from her settings
        self.theme_dir = theme_dir
        self.bond_themes: list[str] = []
        self.reviewed: date | None = None  # the day she last opened the week in review (the panel's invitation goes)
        self._theme_warnings: list[str] = []
        self._theme_restored = False  # the first theme comes from her settings: nothing to save
        self._restore_signals: Callable[[], object] = lambda: None
        super().__init__()
        self._theme_restored = True  # a theme set from now on is hers to save
        self._shown_day = store.today()
        # Published after every change of the data and when the day turns; the views redraw from it.
        self.store_changed: Signal[None] = Signal(self, "store_changed")
        self.keymap: dict[str, str] = {}
        self._keymap_problems: list[str] = []
        self._told: str | None = None  # the last problem said, so that a look twice a second says it once
        self._unsure_told: set[str] = set()
        self._folder_seen = _changed_at(store.path.parent)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)

    def _first_theme(self) -> str:
        """Register bondtui's themes and hers, and name the one to start in."""
        themes, self._theme_warnings = load_themes(self.theme_dir if self.theme_dir is not None else user_theme_dir())
        for theme in themes:
            self.register_theme(theme)
        self.bond_themes = [theme.name for theme in themes]
        return self.chosen_theme()

    async def run_async(self, **kwargs):
        # The modules and her data loaded so far live as long as the app: frozen, no full garbage
        # collection walks them again (one used to land on the first frame, a third of its time).
        gc.freeze()
        return await super().run_async(**kwargs)

    def get_default_screen(self) -> Screen:
        return BoardScreen(self.store)  # the board is the bottom screen: no blank screen is built under it

    def on_load(self) -> None:
        self.keymap, self._keymap_problems = load_keymap(config_path(), self.binding_ids, self.binding_tables)
        if self.keymap:
            self.set_keymap(self.keymap)  # before the board is built: its footer shows her keys from the start

    def on_mount(self) -> None:
        for warning in self._theme_warnings:
            self.notify(warning, severity="warning", markup=False, timeout=10)
        for problem in self._keymap_problems:
            self.notify(problem, title="Keymap", severity="warning", markup=False, timeout=15)
        self._merge_conflict_copies()
        self.store_changed.subscribe(self, lambda _: self.on_store_changed())
        self._install_signal_handlers()
        self.set_interval(DAY_CHECK_SECONDS, self.check_day)
        self.set_interval(FOLLOW_SECONDS, self.follow_elsewhere)

    def follow_elsewhere(self) -> None:
        """Show what another board, the command line or a sync tool saved: a look at the file and its folder
        twice a second, a redraw of what changed only when something did."""
        try:
            changed = self.store.follow()
            if self.store.several:  # the other children's lines on the Today panel follow their sets too
                changed = self.store.family.follow() or changed
        except DataError as error:  # the file there now cannot be read: said once, the board keeps what it shows
            self._tell_once(str(error))
            return
        if changed:
            self.store_changed.publish(None)
        folder = _changed_at(self.store.path.parent)
        if folder != self._folder_seen:  # a file came or went beside the data: a sync tool's conflict copy?
            self._folder_seen = folder
            self._merge_conflict_copies()

    def _merge_conflict_copies(self) -> None:
        """What a sync tool left beside the data is merged by an open board, each copy one undoable change."""
        from store import merge_conflict_copies, unsure_copies

        if self.store.read_only:
            return
        for line in self.apply(lambda: merge_conflict_copies(self.store, self.store.path)) or ():
            self.notify(printable(line), markup=False, timeout=12)  # a file's name may hold anything
        for line in unsure_copies(self.store.path):
            if line not in self._unsure_told:  # said once, not twice a second
                self._unsure_told.add(line)
                self.notify(printable(line), severity="warning", markup=False, timeout=12)

    def chosen_theme(self) -> str:
        """Hers if she chose one, else TEXTUAL_THEME, else the default."""
        for name in (self.store.settings.theme, os.environ.get("TEXTUAL_THEME", "")):
            if name and name in self.available_themes:
                return name
        return DEFAULT_THEME

    def binding_ids(self) -> list[str]:
        """Every binding id a keymap may name."""
        return [binding.id for table in self.binding_tables() for binding in table if binding.id]

    def binding_tables(self) -> list[list[Binding]]:
        """The bindings of the app (on every screen), then of each screen and list."""
        from .screens.archived import ArchivedList
        from .screens.away import AwayList
        from .screens.checkin import CheckInScreen
        from .screens.dialog import Dialog
        from .screens.edit_checkin import EditCheckInScreen
        from .screens.help import HelpScreen
        from .screens.history import HistoryScreen
        from .screens.review import ReviewScreen
        from .screens.strategy_editor import ActionList, StrategyEditor

        tables = (self.BINDINGS, BoardScreen.BINDINGS, HistoryScreen.BINDINGS, HelpScreen.BINDINGS, Dialog.BINDINGS,
                  CheckInScreen.BINDINGS, StrategyEditor.BINDINGS, ActionList.BINDINGS, EditCheckInScreen.BINDINGS,
                  AwayList.BINDINGS, ArchivedList.BINDINGS, ReviewScreen.BINDINGS)
        return [[b for b in table if isinstance(b, Binding)] for table in tables]

    def on_store_changed(self) -> None:
        """Follow what the data now says: the theme (after an undo) and the day (after a new day-start hour)."""
        wanted = self.chosen_theme()
        if wanted != self.theme:
            self._theme_restored = False  # the data already says so: nothing to save
            self.theme = wanted
            self._theme_restored = True
        self.check_day()

    def _install_signal_handlers(self) -> None:
        # A closed terminal (SIGHUP) or a polite kill (SIGTERM) ends the app cleanly: the terminal
        # is restored and every acknowledged change is already on disk; and if that shutdown hangs,
        # the process ends anyway within seconds, letting go of the lock (tui/board/ending.py).
        from .ending import on_stop_signals

        loop = asyncio.get_running_loop()
        try:
            self._restore_signals = on_stop_signals(lambda: loop.call_soon_threadsafe(self.exit), self.store.close)
        except ValueError:  # not the main thread
            pass

    def on_unmount(self) -> None:
        self._restore_signals()

    # -- the one path for changing the data ------------------------------------------

    def apply(self, do: Callable[[], T], *, success: str | Callable[[T], str | None] | None = None) -> T | None:
        """Run a store change; tell a refusal and return None, or tell `success` and redraw.

        `success` is text shown literally, or a function of the result that returns it.
        Errors other than BondError are bugs: they end the app loudly.
        """
        try:
            result = do()
        except BondError as error:
            self.notify(str(error), severity="warning" if isinstance(error, UsageError) else "error",
                        markup=False, timeout=8)
            return None
        message = success(result) if callable(success) else success
        if message:
            self.notify(message, markup=False)
        self.store_changed.publish(None)
        return result

    def _handle_exception(self, error: Exception) -> None:
        # A closed year's file read late (the grid scrolled far back, history an earlier year) may be broken
        # or gone: say so once and keep the board, whose data on disk is untouched, instead of ending the app.
        if isinstance(error, DataError):
            self._tell_once(str(error))
            return
        super()._handle_exception(error)

    def _tell_once(self, problem: str) -> None:
        if problem != self._told:
            self._told = problem
            self.notify(problem, severity="error", markup=False, timeout=12)

    def look(self, read: Callable[[], T]) -> T | None:
        """Run a read that may reach a closed year's file; tell a DataError (nothing was changed) and return None."""
        try:
            return read()
        except DataError as error:
            self.notify(str(error), severity="error", markup=False, timeout=12)
            return None

    def watch_theme(self, name: str) -> None:
        if not self._theme_restored or name == self.store.settings.theme:
            return
        self.apply(lambda: self.store.update_settings(theme=name))

    def check_day(self) -> None:
        """The day turned (midnight, or the day-start hour): every view follows."""
        today = self.store.today()
        if today != self._shown_day:
            self._shown_day = today
            self.store_changed.publish(None)

    # -- several children: a board each (store/family.py) ---------------------------------

    def next_child(self) -> None:
        """The next child's board (c), in the order she added them, round to the first."""
        if not self.store.several:
            self.notify("One child so far. Add another: ctrl+p, Add a child…", markup=False)
            return
        family = self.store.family
        children = family.children(archived=False)
        ids = [child.id for child in children]
        mine = family.child_of(self.store).id
        self.switch_child(children[(ids.index(mine) + 1) % len(ids)].id if mine in ids else ids[0])

    def switch_child(self, child_id: str) -> None:
        """Show this child's board: every check-in from now on lands on him. The command line follows (his board
        is the one `bondtui` speaks of next, without --child)."""
        family = self.store.family
        try:
            store = family.store_of(child_id)
            child = family.child_of(store)
        except BondError as error:  # his file cannot be read: said, and the board shown stays
            self.notify(str(error), severity="error", markup=False, timeout=12)
            return
        if store is self.store:
            return
        self.store = store
        family.show(child)
        if len(self.screen_stack) > 1:  # a dialog or the history over the board: they were of the other child
            self.call_later(self._show_board_alone, store, child.name)
        else:  # at once: the next key already lands on him
            self._show_board(store, child.name)

    async def _show_board_alone(self, store: Store, name: str) -> None:
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        self._show_board(store, name)

    def _show_board(self, store: Store, name: str) -> None:
        board = self.screen_stack[0]
        if isinstance(board, BoardScreen):
            board.show_store(store)
        self.store_changed.publish(None)
        self.notify(f"{printable(name)}'s board", markup=False, timeout=3)

    def add_child(self) -> None:
        """The palette's "Add a child…": his name and birth month; the board shown stays."""
        from .screens.settings import AddChildScreen

        self.push_screen(AddChildScreen(self.store))

    def check_in_today(self, key: str):
        return self.apply(lambda: self.store.check_in(key),
                          success=lambda done: f"Logged for today: {printable(self.store.strategy(done.strategy).title)}")

    # -- the screens that shape her plan (loaded on first use) ---------------------

    def open_settings(self) -> None:
        from .screens.settings import SettingsScreen

        if self.store.welcome_due:  # she found the way to his name: the first-run welcome goes
            self.apply(self.store.put_away_welcome)
        self.push_screen(SettingsScreen(self.store))

    def open_editor(self, key: str | None = None) -> None:
        from .screens.strategy_editor import StrategyEditor

        self.push_screen(StrategyEditor(self.store, key), self._select_strategy)

    def open_away(self) -> None:
        from .screens.away import AwayScreen

        self.push_screen(AwayScreen(self.store))

    def open_review(self) -> None:
        from .screens.review import ReviewScreen

        screen = ReviewScreen(self.store)
        if self.look(lambda: self.store.week_review(screen.first)) is not None:  # a year file it needs: told
            self.reviewed = self.store.today()
            self.push_screen(screen)
            self.store_changed.publish(None)  # the panel's invitation to look back has been taken

    def open_archived(self) -> None:
        from .screens.archived import ArchivedScreen

        self.push_screen(ArchivedScreen(self.store), self._select_strategy)

    def archive(self, key: str) -> None:
        title = printable(self.store.strategy(key).title)
        self.apply(lambda: self.store.archive_strategy(key),
                   success=f"Archived {title}: its history stays; restore it from the palette (Archived strategies…).")

    def confirm_delete(self, key: str) -> None:
        from .screens.archived import DeleteScreen

        self.push_screen(DeleteScreen(self.store.strategy(key)))

    def _select_strategy(self, key: str | None) -> None:
        """Put the board's cursor on a strategy just added, edited or restored."""
        for screen in self.screen_stack:
            if isinstance(screen, BoardScreen) and key:
                screen.select(key)
