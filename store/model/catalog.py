"""The seven default strategies, shipped as data beside this module, and their upgrades.

A database remembers which catalog version it has seen (`meta.catalog`; none
means version 1). Opening one made by an older version adds the actions that
came later to the default strategies she still has — after her own, never
twice, never one she removed — in memory; the next change she saves writes
them. Reading commands therefore still write nothing. Version 3 brought age
ranges: the catalog's actions she still has as shipped receive theirs; one she
reworded is hers, and suits any age.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .records import DEFAULT_SIZE, parse_action

CATALOG_PATH = Path(__file__).with_name("catalog.toml")
CATALOG_VERSION = 3  # the `version` of catalog.toml (a test checks); no file read when a database is current


def _load() -> dict[str, Any]:
    import tomllib  # only needed when a data file is made or upgraded

    with CATALOG_PATH.open("rb") as file:
        return tomllib.load(file)


def _entries(record: dict[str, Any], up_to: int) -> list[str]:
    """A strategy's catalog actions (with size prefixes) as shipped by version `up_to`."""
    found = list(record["actions"])
    for version in range(2, up_to + 1):
        found += record.get(f"added_in_{version}", [])
    return found


def default_strategies() -> list[dict[str, Any]]:
    """The catalog as plain records (key, title, summary, cadence, actions, sizes, ages), in board order."""
    records = []
    for record in _load()["strategy"]:
        parsed = [parse_action(entry) for entry in _entries(record, CATALOG_VERSION)]
        records.append({**record, "actions": [text for text, _ in parsed],
                        "sizes": {text: size for text, size in parsed if size != DEFAULT_SIZE},
                        "ages": {text: tuple(span) for text, span in record.get("ages", {}).items()}})
    return records


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a database read from disk up to this catalog version, in memory. Returns `data`."""
    meta = data.get("meta", {}).get("meta")
    seen = meta.get("catalog", 1) if isinstance(meta, dict) else CATALOG_VERSION
    if not isinstance(seen, int) or seen >= CATALOG_VERSION:
        return data
    for record in _load()["strategy"]:
        doc = data.get("strategies", {}).get(record["key"])
        if not isinstance(doc, dict) or not isinstance(doc.get("actions"), list):
            continue  # deleted, or not ours to mend
        sizes = doc.setdefault("sizes", {})
        ages = doc.get("ages", {})
        if not isinstance(sizes, dict) or not isinstance(ages, dict):
            continue
        if seen == 1:  # version 1 had no sizes: give her untouched catalog actions theirs
            for text, size in map(parse_action, record["actions"]):
                if text in doc["actions"] and text not in sizes and size != DEFAULT_SIZE:
                    sizes[text] = size
        old = {parse_action(entry)[0] for entry in _entries(record, seen)}
        for text, size in map(parse_action, _entries(record, CATALOG_VERSION)):
            if text not in old and text not in doc["actions"]:
                doc["actions"].append(text)
                if size != DEFAULT_SIZE:
                    sizes[text] = size
        if seen < 3:  # the age ranges, for the catalog's actions she still has as shipped
            ages.update({text: list(span) for text, span in record.get("ages", {}).items()
                         if text in doc["actions"] and text not in ages})
            if ages:
                doc["ages"] = ages
    meta["catalog"] = CATALOG_VERSION
    return data
