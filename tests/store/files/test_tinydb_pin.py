"""store/files/database.py overrides TinyDB's private `Table._update_table`; these tests say when TinyDB moves under it.

The override was written against TinyDB 4.9 (pyproject.toml pins `tinydb>=4.8,<5`).
If one of these fails after an upgrade, read TinyDB's new `_update_table` and the
methods that call it before widening the pin.
"""

from __future__ import annotations

import inspect

import tinydb
from tinydb.table import Table

from store.files.database import _Table

CALLERS = ("insert", "insert_multiple", "update", "update_multiple", "upsert", "remove", "truncate")


def test_tinydb_is_a_version_the_override_was_checked_against():
    major, minor = (int(part) for part in tinydb.__version__.split(".")[:2])
    assert (4, 8) <= (major, minor) < (5, 0), f"TinyDB {tinydb.__version__}: check Table._update_table again"


def test_update_table_still_takes_one_updater_of_the_raw_table():
    parameters = list(inspect.signature(Table._update_table).parameters)
    assert parameters == ["self", "updater"], f"Table._update_table{inspect.signature(Table._update_table)} changed"
    assert list(inspect.signature(_Table._update_table).parameters) == parameters


def test_every_write_still_goes_through_update_table():
    # upsert delegates to update and insert; the rest call _update_table themselves.
    for name in CALLERS:
        source = inspect.getsource(getattr(Table, name))
        assert "self._update_table(" in source or name == "upsert" and "self.update(" in source, name


def test_what_the_override_uses_is_still_there():
    table = Table.__dict__
    assert "clear_cache" in table and "document_id_class" in table and "name" in table
    assert "_storage" in inspect.getsource(Table.__init__)
