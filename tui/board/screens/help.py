"""Help: every key, read from the same binding tables as the footer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ..keymap import key_label

GLYPH_HELP = "✓ done   · missed   ~ skipped   - away   ○ not due\n! a streak that needs today"
PALETTE_HELP = ("In the command palette (ctrl+p): Settings…, Add strategy…, Away…, Archived strategies… "
                "(restore or delete for good), Archive: <strategy>, Delete: <strategy>, Check in: <strategy>, Theme: <name>.")


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
        Binding("j", "scroll(1)", "Down", show=False),  # as on the board
        Binding("k", "scroll(-1)", "Up", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 70; max-width: 96%; min-width: 16; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 2;
    }
    HelpScreen .heading { text-style: bold; color: $accent; margin-bottom: 1; }
    HelpScreen .keys { margin-bottom: 1; height: auto; grid-gutter: 0 1; grid-rows: auto; }
    HelpScreen .keys > Static { height: auto; }
    HelpScreen .keys > .key { color: $accent; }
    HelpScreen .legend { color: $text-muted; }
    """

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        keymap = getattr(self.app, "keymap", {})
        rows: dict[tuple[str, str], list[str]] = {}  # one row per thing done: ctrl+q and ctrl+c both quit
        for binding in self.bindings:
            rows.setdefault((binding.action, binding.tooltip or binding.description), []).append(key_label(binding, keymap))
        width = max((len(" / ".join(labels)) for labels in rows.values()), default=8)
        with VerticalScroll():
            # The way out comes first: the page scrolls in small windows.
            yield Static(Content("Keys · escape closes this page"), classes="heading")
            with Grid(classes="keys") as keys:  # two columns: a long description wraps under itself
                keys.styles.grid_size_columns = 2
                keys.styles.grid_columns = f"{width} 1fr"
                for (_, words), labels in rows.items():
                    yield Static(Content(" / ".join(labels)), classes="key")
                    yield Static(Content(words))
            yield Static(Content(GLYPH_HELP), classes="legend")
            yield Static(Content(PALETTE_HELP), classes="legend")
        yield Footer(compact=True)  # its own keys, not the board's underneath

    def action_scroll(self, lines: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=lines, animate=False)
