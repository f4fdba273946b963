"""`bondtui serve`: the board in a browser on her home network, for the phone in her hand.

One address is printed (with the key in it) and its QR code. Every page that opens
it is its own board on the same data. By default only this machine can reach it;
`--lan` opens it to the home network.
"""

from __future__ import annotations

import os
import shlex
import socket
import sys
from typing import TextIO

DEFAULT_PORT = 8765


def serve(args, out: TextIO | None = None) -> int:
    """Run the server until ctrl+c or SIGTERM; the exit status."""
    from store import SystemClock, UsageError, child_path, resolve_path

    from ..text import SERVED_ENV, printable
    from .key import key_path, serve_key
    from .qr import half_blocks

    out = out or sys.stdout
    if not 1 <= args.port <= 65535:
        raise UsageError(f"--port takes 1 to 65535, not {args.port}")
    main = resolve_path(args.db)
    child_path(main, SystemClock(), args.child)  # an unknown child is told here, before anything is served
    host = "0.0.0.0" if args.lan else "127.0.0.1"
    _check_free(host, args.port)
    key = serve_key(new=args.new_key)
    address = f"http://{lan_address() if args.lan else '127.0.0.1'}:{args.port}/?key={key}"
    command = [sys.executable, "-m", "tui.main", "--db", str(main)] + (["--child", args.child] if args.child else [])
    os.environ[SERVED_ENV] = "1"
    reach = "any device on your home network" if args.lan else "this computer only (add --lan for your phone)"
    print(f"bondtui is served to {reach}. Open:\n\n  {address}\n", file=out)
    print(half_blocks(address), file=out)
    print(f"\nThe key is in the address; it is kept in {printable(str(key_path()))} "
          "(bondtui serve --new-key makes another). ctrl+c stops every page's board, saved.", file=out, flush=True)
    from .server import BondServer

    BondServer("exec " + shlex.join(command), key, host, args.port).serve()
    return 0


def _check_free(host: str, port: int) -> None:
    """Refuse before printing an address nobody will answer at."""
    from store import UsageError

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise UsageError(f"port {port} cannot be used ({error.strerror or error}); choose another with --port") from None


def lan_address() -> str:
    """This machine's address on the home network (a UDP socket aimed at a private address sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.254.254.254", 1))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"
