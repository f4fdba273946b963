"""Help: every key, read from the same binding tables as the footer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

GLYPH_HELP = "✓ done   · missed   ~ skipped   - away   ○ not due\n! a streak that needs today"
_KEY_NAMES = {"up": "↑", "down": "↓", "left": "←", "right": "→", "question_mark": "?"}


def key_label(binding: Binding) -> str:
    """ "↑ / k", "space", "ctrl+r": the keys as she would type them."""
    return " / ".join(_KEY_NAMES.get(key.strip(), key.strip()) for key in binding.key.split(","))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 70; max-width: 96%; min-width: 16; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 2;
    }
    HelpScreen .heading { text-style: bold; color: $accent; margin-bottom: 1; }
    HelpScreen .keys { margin-bottom: 1; }
    HelpScreen .legend { color: $text-muted; }
    """

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        width = max((len(key_label(b)) for b in self.bindings), default=8) + 3
        rows = [f"{key_label(b):<{width}}{b.tooltip or b.description}" for b in self.bindings]
        with VerticalScroll():
            yield Static(Content("Keys · escape closes this page"), classes="heading")
            yield Static(Content("\n".join(rows)), classes="keys")
            yield Static(Content(GLYPH_HELP), classes="legend")
