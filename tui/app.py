"""The board (placeholder until the full board lands): lists the strategies."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BondApp(App):
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, store, clock=None) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        for strategy in self.store.strategies():
            yield Static(strategy.title, markup=False)
        yield Footer()
