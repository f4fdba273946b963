"""The `bondtui` console script: the command line, which opens the board when no command is given.

The command line (tui/cli/) never imports Textual, so `bondtui today` answers as
fast as Python starts; the board (tui/board/) is handed to it from here and loads
only when it opens.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from .cli.run import main as run_line

    return run_line(argv, board=open_board, serve=serve_boards)


def open_board(store, clock) -> int:
    """Run the board on an open store until she quits; its exit status."""
    from .board.app import BondApp

    app = BondApp(store=store, clock=clock)
    app.run()
    return app.return_code or 0


def serve_boards(args) -> int:
    """`bondtui serve`: the board in a browser, behind her key (tui/serve/)."""
    from .serve import serve

    return serve(args)


if __name__ == "__main__":
    sys.exit(main())
