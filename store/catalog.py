"""The seven default strategies, shipped as data beside this module."""

from __future__ import annotations

from pathlib import Path

CATALOG_PATH = Path(__file__).with_name("catalog.toml")


def default_strategies() -> list[dict]:
    """The catalog as plain records (key, title, summary, cadence, actions), in board order."""
    import tomllib  # only needed when a new data file is made

    with CATALOG_PATH.open("rb") as file:
        return tomllib.load(file)["strategy"]
