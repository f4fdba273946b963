"""The base of every dialog: a modal that closes exactly once, however fast the keys come.

Its looks are shared in app.tcss: a `.dialog` box holding a `.dialog-title`, a
scrolling `.dialog-body` and a row of `.dialog-buttons` that always stays in view.
"""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    """Subclasses call `close_with(result)`; escape closes with None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close a dialog, writing nothing")]

    def __init__(self) -> None:
        super().__init__()
        self._answered = False  # two fast Enters may both reach the submit path: only the first counts

    def close_with(self, result: Result | None) -> None:
        if self._answered or not self.is_current:
            return
        self._answered = True
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.close_with(None)
