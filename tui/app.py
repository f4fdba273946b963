"""The Textual app: themes, signals, the day that turns, and the one path for changing the data."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal

from store import BondError, Clock, Store, UsageError
from themes import DEFAULT_THEME, VARIABLE_DEFAULTS, load_themes, user_theme_dir

from .palette import BondCommands
from .text import printable
from .screens.board import BoardScreen

DAY_CHECK_SECONDS = 20  # compare dates often: timers pause while the machine sleeps

T = TypeVar("T")


class BondApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "bondtui"
    COMMANDS = App.COMMANDS | {BondCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit (everything is already saved)"),
        Binding("ctrl+q", "quit", "Quit", show=False, id="app.quit_ctrl", tooltip="Quit"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.palette",
                tooltip="Command palette: check in, change theme…"),
    ]

    def __init__(self, store: Store, clock: Clock | None = None, theme_dir: Path | None = None) -> None:
        super().__init__()
        self.store = store
        self.theme_dir = theme_dir
        self.bond_themes: list[str] = []
        self._theme_restored = False  # the first theme set comes from settings: nothing to save
        self._shown_day = store.today()
        # Published after every change of the data and when the day turns; the views redraw from it.
        self.store_changed: Signal[None] = Signal(self, "store_changed")

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # One way to pick a theme: bondtui's "Theme: <name>" commands, which also save it.
        return (command for command in super().get_system_commands(screen) if command.title != "Theme")

    def on_mount(self) -> None:
        themes, warnings = load_themes(self.theme_dir if self.theme_dir is not None else user_theme_dir())
        for theme in themes:
            self.register_theme(theme)
        self.bond_themes = [theme.name for theme in themes]
        saved = self.store.settings.theme
        self.theme = saved if saved in self.available_themes else DEFAULT_THEME
        self._theme_restored = True
        for warning in warnings:
            self.notify(warning, severity="warning", markup=False, timeout=10)
        if self.store.read_only:
            self.notify("Another bondtui has this file open: this window can only look.", severity="warning")
        self.push_screen(BoardScreen(self.store))
        self._install_signal_handlers()
        self.set_interval(DAY_CHECK_SECONDS, self.check_day)

    def _install_signal_handlers(self) -> None:
        # A closed terminal (SIGHUP) or a polite kill (SIGTERM) ends the app cleanly:
        # the terminal is restored and every acknowledged change is already on disk.
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(sig, self.exit)
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or Windows
                pass

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

    def watch_theme(self, name: str) -> None:
        if not self._theme_restored or name == self.store.settings.theme or self.store.read_only:
            return
        self.apply(lambda: self.store.update_settings(theme=name))

    def check_day(self) -> None:
        """The day turned (midnight, or the day-start hour): every view follows."""
        today = self.store.today()
        if today != self._shown_day:
            self._shown_day = today
            self.store_changed.publish(None)

    def check_in_today(self, key: str):
        return self.apply(lambda: self.store.check_in(key),
                          success=lambda done: f"Logged for today: {printable(self.store.strategy(done.strategy).title)}")
