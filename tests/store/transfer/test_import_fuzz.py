"""Every importer's rows, made up at random: an import exits 0 (rows it cannot use reported) or 1 (the
file refused, nothing written), never a traceback; and the dry run says what the import does."""

from __future__ import annotations

import json
import zipfile

from hypothesis import HealthCheck, given, settings, strategies as st

from tui.main import main

VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                   st.text(max_size=12), st.lists(st.integers(), max_size=2),
                   st.dictionaries(st.sampled_from(["value", "precision", "x"]), st.integers(-50, 50), max_size=2))
DAYS = st.one_of(st.dates().map(str), st.text(max_size=12), st.just("2026-11-01"), st.just("2026-02-30"))
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)

DIJO = st.lists(st.fixed_dictionaries({"name": TEXT, "type": st.sampled_from(["Bit", "Count", "Float", "Other"]),
                                       "goal": VALUES, "auto": VALUES,
                                       "stats": st.dictionaries(DAYS, VALUES, max_size=4)}), min_size=1, max_size=3)
BEAVER = st.fixed_dictionaries({"habits": st.lists(st.fixed_dictionaries({
    "name": TEXT, "id": VALUES, "status": st.sampled_from(["normal", "archive", "soft_delete", 3]),
    "period": st.one_of(VALUES, st.fixed_dictionaries({"period_type": VALUES, "period_count": VALUES,
                                                       "target_count": VALUES})),
    "records": st.lists(st.fixed_dictionaries({"day": st.one_of(DAYS, VALUES), "done": VALUES, "text": VALUES}),
                        max_size=4)}), min_size=1, max_size=3)})
CSV_FIELD = st.text(alphabet=st.sampled_from(list("0123456789-,YESMANUALKIP\" \r\nab")), max_size=14)
HARSH_LINE = st.lists(st.one_of(DAYS, TEXT, st.sampled_from(["y", "n", "s", "2.5"])), max_size=5).map(" : ".join)


def _import(tmp_path, monkeypatch, capsys, name: str, write) -> None:
    folder = tmp_path / f"case-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    monkeypatch.setenv("BONDTUI_DB", str(folder / "bond.json"))
    monkeypatch.setenv("BONDTUI_NOW", "2026-11-29T20:00:00+00:00")
    path = folder / name
    write(path)
    dry = main(["import", str(path), "--dry-run"])
    dry_out = capsys.readouterr()
    real = main(["import", str(path)])
    real_out = capsys.readouterr()
    assert dry in (0, 1) and real == dry, (dry, real, dry_out.err, real_out.err)
    assert "Traceback" not in dry_out.err + real_out.err
    if real == 1:
        assert not (folder / "bond.json").exists() and real_out.err.count("\n") == 1


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=DIJO)
def test_dijo_rows(tmp_path, monkeypatch, capsys, data):
    _import(tmp_path, monkeypatch, capsys, "habit_record.json", lambda p: p.write_text(json.dumps(data)))


@FUZZ
@given(data=BEAVER)
def test_beaverhabits_rows(tmp_path, monkeypatch, capsys, data):
    _import(tmp_path, monkeypatch, capsys, "beaver.json", lambda p: p.write_text(json.dumps(data)))


@FUZZ
@given(habits=st.lists(st.lists(CSV_FIELD, min_size=1, max_size=6).map(",".join), max_size=3),
       marks=st.lists(st.lists(CSV_FIELD, min_size=1, max_size=4).map(",".join), max_size=6))
def test_loop_csv_rows(tmp_path, monkeypatch, capsys, habits, marks):
    def write(path):
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("Habits.csv", "Position,Name,FrequencyNumerator,FrequencyDenominator,Archived?\r\n"
                                           "001,Walk,1,1,false\r\n" + "\r\n".join(habits))
            archive.writestr("001 Walk/Checkmarks.csv", "Date,Value,Notes\r\n" + "\r\n".join(marks))
    _import(tmp_path, monkeypatch, capsys, "loop.zip", write)


@FUZZ
@given(lines=st.lists(HARSH_LINE, max_size=6), habits=st.lists(TEXT.map(lambda t: f"{t}: 1"), max_size=3))
def test_harsh_rows(tmp_path, monkeypatch, capsys, lines, habits):
    def write(path):
        path.mkdir()
        (path / "habits").write_text("! Dailies\n" + "\n".join(habits) + "\nWalk: 1\n")
        (path / "log").write_text("2026-11-01 : Walk : y\n" + "\n".join(lines) + "\n")
    _import(tmp_path, monkeypatch, capsys, "harsh", write)
