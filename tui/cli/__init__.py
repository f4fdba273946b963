"""The command line: the grammar (`parser`), the everyday commands (`commands`),
managing strategies, settings and away periods (`manage`), and running a line (`run`).

May use: the `store` facade, `themes`, and the shared `tui.text`, `tui.calendar`
and `tui.transfer`. Never Textual or Rich (an import-linter contract says so):
the board is handed to `run.main` by `tui/main.py`, the console script.
"""
