"""The board: the Today panel above, the strategies and their days below."""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from store import Store

from ...text import described, printable
from ..host import host
from ..widgets.grid import BoardGrid
from ..widgets.today import TodayPanel

MIN_WIDTH, MIN_HEIGHT = 60, 20
# Keys the footer leaves out below a width, so that Settings, Help and Quit always show
# (every key still works, and help lists them all).
FOOTER_DROPS = ((90, frozenset({"board.history"})), (76, frozenset({"board.next", "board.check_in"})))
NOT_YET = "That day has not come yet: only today and earlier days can be logged."


class BoardScreen(Screen):
    BINDINGS = [
        Binding("up,k", "move(-1, 0)", "Up", show=False, id="board.up", tooltip="Previous strategy"),
        Binding("down,j", "move(1, 0)", "Down", show=False, id="board.down", tooltip="Next strategy"),
        Binding("left,h", "move(0, -1)", "Earlier", show=False, id="board.left", tooltip="A day earlier (backfill)"),
        Binding("right,l", "move(0, 1)", "Later", show=False, id="board.right", tooltip="A day later (up to today)"),
        Binding("space", "toggle_check_in", "Done", id="board.toggle", tooltip="Check in or take it back, on the selected day"),
        Binding("enter", "check_in", "Log…", id="board.check_in", tooltip="Pick an action, add a note"),
        Binding("s", "skip", "Skip", id="board.skip", tooltip="Skip the selected day (the streak waits)"),
        Binding("d", "did_it", "Did it", id="board.did_it", tooltip="Log today's suggestion as done"),
        Binding("n", "next_idea", "Idea", id="board.next", tooltip="Show another suggestion"),
        Binding("i", "history", "History", id="board.history", tooltip="History and insights of the strategy"),
        Binding("w", "review", "Week", show=False, id="board.review", tooltip="The week in review: what you did, what he said"),
        Binding("u", "undo", "Undo", id="board.undo", tooltip="Undo the last change"),
        Binding("ctrl+r", "redo", "Redo", show=False, id="board.redo", tooltip="Redo what was undone"),
        Binding("question_mark", "help", "Help", id="board.help", tooltip="This list of keys"),
        Binding("comma", "settings", "Settings", id="board.settings",
                tooltip="Settings: his name, what he loves, days, theme"),
        Binding("a", "add", "Add", show=False, id="board.add", tooltip="Add a strategy"),
        Binding("e", "edit", "Edit", show=False, id="board.edit", tooltip="Edit the strategy: title, cadence, actions"),
        Binding("shift+up", "reorder(-1)", "Move up", show=False, id="board.move_up", tooltip="Move the strategy up"),
        Binding("shift+down", "reorder(1)", "Move down", show=False, id="board.move_down",
                tooltip="Move the strategy down"),
        Binding("A", "archive", "Archive", show=False, id="board.archive",
                tooltip="Archive the strategy (its history stays)"),
        Binding("c", "next_child", "Child", show=False, id="board.next_child", tooltip="The next child's board"),
    ]

    DEFAULT_CSS = """
    BoardScreen { layout: vertical; }
    BoardScreen #too-small { display: none; width: 1fr; height: 1fr; content-align: center middle; color: $text-muted; }
    BoardScreen.-too-small > * { display: none; }
    BoardScreen.-too-small > #too-small { display: block; }
    BoardScreen BoardGrid { margin: 1 1 0 1; }
    BoardScreen.-compact BoardGrid { margin: 0 1; }
    BoardScreen.-compact TodayPanel #suggestion, BoardScreen.-compact TodayPanel #progress { padding: 0; }
    """

    row: reactive[int] = reactive(0)
    day: reactive[date] = reactive(date.today)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.shown_day = store.today()
        self.set_reactive(BoardScreen.day, self.shown_day)

    def compose(self) -> ComposeResult:
        size = self.app.size
        self._fit_classes(size, update=False)  # styled once, in the shape the window asks for
        yield TodayPanel(self.store, id="today")
        grid = BoardGrid(self.store, id="grid")
        grid.set_reactive(BoardGrid.spacious, self._spacious(size))
        yield grid.data_bind(BoardScreen.row, BoardScreen.day)
        yield Static(Content("Make the window a little larger to see the board (at least 60 × 20)."), id="too-small")
        yield Footer(compact=True, show_command_palette=self._palette_key_fits(size))

    def on_mount(self) -> None:
        self.grid.today = self.shown_day
        self.grid.focus()
        host(self).store_changed.subscribe(self, self.follow_today)

    def show_store(self, store: Store) -> None:
        """Show another child's board: his strategies, his days, the cursor on today's first row."""
        self.store = self.panel.store = self.grid.store = store
        self.grid.top = 0
        self.shown_day = store.today()
        self.row, self.day = 0, self.shown_day
        self.panel.index = 0
        self.grid.spacious = self._spacious(self.size)

    @property
    def grid(self) -> BoardGrid:
        return self.query_one(BoardGrid)

    @property
    def panel(self) -> TodayPanel:
        return self.query_one(TodayPanel)

    @property
    def active_bindings(self):
        """The bindings the footer shows: at narrow widths without the few that help lists anyway."""
        found = super().active_bindings
        dropped = self._footer_drops()
        return {key: active for key, active in found.items() if active.binding.id not in dropped} if dropped else found

    def _footer_drops(self) -> frozenset[str]:
        width = self.size.width or self.app.size.width
        return frozenset(i for below, ids in FOOTER_DROPS if width < below for i in ids)

    def on_resize(self) -> None:
        self._fit_classes(self.size)
        self.query_one(Footer).show_command_palette = self._palette_key_fits(self.size)
        if self._footer_drops() != getattr(self, "_dropped", None):
            self._dropped = self._footer_drops()
            self.refresh_bindings()
        self.grid.spacious = self._spacious(self.size)

    def _fit_classes(self, size: Size, update: bool = True) -> None:
        self.set_class(size.width < MIN_WIDTH or size.height < MIN_HEIGHT, "-too-small", update=update)
        self.set_class(size.height < 28, "-compact", update=update)

    @staticmethod
    def _palette_key_fits(size: Size) -> bool:
        return size.width >= 90  # narrow windows keep room for Help and Quit; ctrl+p still opens the palette

    def _spacious(self, size: Size) -> bool:
        return size.height >= 2 * len(self.store.strategies()) + 14

    # -- moving ----------------------------------------------------------------

    def action_move(self, rows: int, days: int) -> None:
        count = len(self.store.strategies())
        if count:
            self.row = max(0, min(count - 1, self.row + rows))
        day = self.day + timedelta(days=days)
        if day > self.store.today():
            self.notify(NOT_YET, severity="warning")
            return
        if host(self).look(lambda: [self.store.day_states(s.key, day, day) for s in self.store.strategies()]) is None:
            return  # the grid would reach a closed year whose file cannot be read: told, and the cursor stays
        self.day = day

    def on_board_grid_cell_clicked(self, event: BoardGrid.CellClicked) -> None:
        """A click (a tap, on a phone) on a row: its check-in for that day, as enter would open it."""
        self.row, self.day = event.row, event.day
        self.action_check_in()

    def selected_key(self) -> str | None:
        strategies = self.store.strategies()
        return strategies[min(self.row, len(strategies) - 1)].key if strategies else None

    def select(self, key: str) -> None:
        keys = [s.key for s in self.store.strategies()]
        if key in keys:
            self.row = keys.index(key)

    # -- changing: every change goes through the app's apply (tui/board/host.py), which redraws every view ----

    def _on(self, day: date) -> str:
        """ " on Tue 24 Nov" for a day that is not today: a notice names the day it changed."""
        return "" if day == self.store.today() else f" on {day:%a %d %b}"

    def _editable_day(self) -> date | None:
        if self.day > self.store.today():
            self.notify(NOT_YET, severity="warning")
            return None
        return self.day

    def action_toggle_check_in(self) -> None:
        """Check in on the selected day, or take its check-ins back (asking first if one holds a note)."""
        key, day = self.selected_key(), self._editable_day()
        if not (key and day):
            return
        title = printable(self.store.strategy(key).title)
        logged = self.store.check_ins(key, day)
        if not logged:
            host(self).apply(lambda: self.store.check_in(key, day), success=f"Logged {title}{self._on(day)}.")
            return
        removed = f"Removed {title} on {day:%a %d %b} — u brings it back."
        notes = [c.note for c in logged if c.note]
        if not notes:
            host(self).apply(lambda: self.store.remove_check_ins(key, day), success=removed)
            return

        from .confirm import ConfirmScreen  # loaded on first use: start-up stays light

        def answered(yes: bool | None) -> None:
            if yes:
                host(self).apply(lambda: self.store.remove_check_ins(key, day), success=removed)

        question = f"Take back {title} on {day:%a %d %b}? Its note goes with it:\n“{printable(notes[0])}”"
        self.app.push_screen(ConfirmScreen("Take it back?", question, yes="Take it back"), answered)

    def action_skip(self) -> None:
        key, day = self.selected_key(), self._editable_day()
        if not (key and day):
            return
        title = printable(self.store.strategy(key).title)
        if self.store.is_done(key, day):
            self.notify(f"{title} is done{self._on(day) or ' today'}: nothing to skip. "
                        "Take the check-in back (space) first.", markup=False)
            return
        host(self).apply(lambda: self.store.toggle_skip(key, day),
                        success=lambda skipped: f"Skipped {title}{self._on(day) or ' today'}: its streak waits. "
                        "s again takes it back." if skipped else f"Took back the skip of {title}{self._on(day)}.")

    def action_check_in(self) -> None:
        key, day = self.selected_key(), self._editable_day()
        if not (key and day):
            return

        from .checkin import CheckInScreen  # loaded on first use: start-up stays light

        def logged(draft) -> None:
            if draft is not None:
                what = printable(draft.action or self.store.strategy(key).title)
                host(self).apply(lambda: self.store.check_in(key, day, draft.action, draft.note, draft.went),
                                success=f"Logged: {what}{self._on(day)}")

        self.app.push_screen(CheckInScreen(self.store.strategy(key), day, self.store.actions(key, day)), logged)

    def action_did_it(self) -> None:
        suggestion = self.panel.current()
        if suggestion is None:
            from ...text import resting_line

            self.notify(f"Nothing to log: {resting_line(self.store)}", markup=False)
            return
        if host(self).apply(lambda: self.store.check_in(suggestion.strategy, self.store.today(), suggestion.action),
                                          success=f"Logged: {printable(suggestion.action)}"):
            self.panel.index = 0

    def on_button_pressed(self, event) -> None:
        """The Today panel's Done and Other: d and n, for a tap."""
        if event.button.id == "done":
            self.action_did_it()
        elif event.button.id == "other":
            self.action_next_idea()
        self.grid.focus()  # the keys go on moving the board, not pressing the button again

    def action_next_idea(self) -> None:
        count = len(self.store.suggestions())
        if count <= 1:
            self.notify("No other idea right now." if count else "Nothing to suggest right now.", markup=False)
            return
        self.panel.index += 1

    def action_undo(self) -> None:
        self._step(self.store.undo, "Undid", "Nothing to undo.")

    def action_redo(self) -> None:
        self._step(self.store.redo, "Redid", "Nothing to redo.")

    def _step(self, step, verb: str, nothing: str) -> None:
        host(self).apply(step, success=lambda change: f"{verb} {described(change)}." if change else nothing)

    def action_history(self) -> None:
        from .history import HistoryScreen  # loaded on first use: start-up stays light

        screen = HistoryScreen(self.store, self.selected_key())
        if host(self).look(screen.prepare) is not None:  # a closed year's file it needs cannot be read: told
            self.app.push_screen(screen)

    def action_review(self) -> None:
        host(self).open_review()

    def action_next_child(self) -> None:
        host(self).next_child()

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(self.help_bindings()))

    def help_bindings(self) -> list[Binding]:
        from .checkin import CheckInScreen
        from .dialog import Dialog

        tables = (self.BINDINGS, self.app.BINDINGS, CheckInScreen.BINDINGS, Dialog.BINDINGS)
        # How it went (g, o, f) is said in the dialog itself, beside its buttons: not three more rows here;
        # c only once there is another child's board to move to.
        hidden = ("dialog.went_",) if self.store.several else ("dialog.went_", "board.next_child")
        return [binding for table in tables for binding in table
                if isinstance(binding, Binding) and not (binding.id or "").startswith(hidden)]

    # -- shaping her plan ------------------------------------------------------------

    def action_settings(self) -> None:
        host(self).open_settings()

    def action_add(self) -> None:
        host(self).open_editor()

    def action_edit(self) -> None:
        if key := self.selected_key():
            host(self).open_editor(key)

    def action_reorder(self, step: int) -> None:
        key, count = self.selected_key(), len(self.store.strategies())
        if key is None:
            return
        if not 0 <= self.row + step < count:
            self.notify(f"{printable(self.store.strategy(key).title)} is already at the "
                        f"{'top' if step < 0 else 'bottom'}.", markup=False)
            return
        if host(self).apply(lambda: self.store.move_strategy(key, self.row + step)) is not None:
            self.select(key)

    def action_archive(self) -> None:
        if key := self.selected_key():
            host(self).archive(key)

    # -- showing ------------------------------------------------------------------

    def follow_today(self, _: None = None) -> None:
        """The data changed, or the day turned: follow a cursor that was on today."""
        self.row = max(0, min(self.row, len(self.store.strategies()) - 1))  # a strategy may have left the board
        today = self.store.today()
        if today != self.shown_day:
            if self.day == self.shown_day:
                self.day = today
            self.shown_day = today
            self.panel.index = 0
