"""Clocks and time zones: which day a moment belongs to, at midnight, at the day-start
hour, across daylight-saving changes and far from UTC.

The frozen-clock tests run in this process. The zone tests run the installed
`bondtui` in a child process whose TZ is a real zone and whose BONDTUI_NOW is an
instant in UTC, so the child turns it into local time with its own zone, exactly
as it would on her machine. TZ is never set in this process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from store import FixedClock, Store, local_day
from store.model.days import week_start_of

pytestmark = pytest.mark.slow  # `make check` leaves it to `make test`

BONDTUI = Path(sys.executable).parent / "bondtui"
ZONES = ["America/Los_Angeles", "America/Santiago", "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati"]
D = date.fromisoformat


# -- frozen clocks, in process ----------------------------------------------------

@pytest.mark.parametrize("offset", [0, -3, 14, 5.75], ids=["utc", "minus3", "plus14", "plus5h45"])
def test_midnight_moves_today_and_the_check_ins(tmp_path, offset):
    zone = timezone(timedelta(hours=offset))
    clock = FixedClock(datetime(2026, 11, 28, 23, 59, 59, tzinfo=zone))
    with Store.open(tmp_path / "bond.json", clock) as store:
        assert store.today() == D("2026-11-28")
        before = store.check_in("talk")
        assert before.day == D("2026-11-28")
        assert store.streak("talk").current == 1 and not store.streak("talk").at_risk

        clock.advance(seconds=2)  # 00:00:01
        assert store.today() == D("2026-11-29")
        waiting = store.streak("talk")
        assert waiting.current == 1 and waiting.at_risk  # not broken, just not done yet today
        after = store.check_in("talk")
        assert after.day == D("2026-11-29")
        streak = store.streak("talk")
        assert streak.current == 2 and streak.best == 2 and not streak.at_risk
        assert not store.is_done("talk", D("2026-11-30"))

    saved = json.loads((tmp_path / "bond.json").read_text())["checkins"]
    assert sorted(doc["day"] for doc in saved.values()) == ["2026-11-28", "2026-11-29"]
    # "at" is the instant in UTC; "day" is her local day.
    at = {doc["day"]: datetime.fromisoformat(doc["at"]) for doc in saved.values()}
    assert at["2026-11-29"] - at["2026-11-28"] == timedelta(seconds=2)
    assert all(moment.utcoffset() == timedelta(0) for moment in at.values())


def test_a_streak_of_several_days_continues_over_midnight(store, clock):
    for days_ago in (3, 2, 1):
        store.check_in("affection", store.today() - timedelta(days=days_ago))
    clock.moment = datetime(2026, 11, 29, 23, 59, 59, tzinfo=UTC)
    store.check_in("affection")
    assert store.streak("affection").current == 4
    clock.advance(seconds=2)
    assert store.today() == D("2026-11-30")
    assert store.streak("affection").current == 4 and store.streak("affection").at_risk
    store.check_in("affection")
    assert store.streak("affection").current == 5
    clock.advance(days=1, seconds=1)  # a whole day missed: the streak is gone
    assert store.today() == D("2026-12-01")
    assert store.streak("affection").current == 5 and store.streak("affection").at_risk
    clock.advance(days=1)
    assert store.streak("affection").current == 0 and store.streak("affection").best == 5


def test_day_start_hour_keeps_the_small_hours_in_yesterday(tmp_path):
    clock = FixedClock(datetime(2026, 11, 28, 12, 0, tzinfo=UTC))
    with Store.open(tmp_path / "bond.json", clock) as store:
        store.update_settings(day_start_hour=3)
        clock.moment = datetime(2026, 11, 28, 23, 59, 59, tzinfo=UTC)
        assert store.today() == D("2026-11-28")
        clock.advance(seconds=2)  # past midnight, before 3 am: still the 28th
        assert store.today() == D("2026-11-28")
        clock.moment = datetime(2026, 11, 29, 2, 59, 59, tzinfo=UTC)
        assert store.today() == D("2026-11-28")
        late = store.check_in("talk")
        assert late.day == D("2026-11-28")
        clock.advance(seconds=1)  # 03:00:00
        assert store.today() == D("2026-11-29")
        assert store.streak("talk").current == 1 and store.streak("talk").at_risk
        early = store.check_in("talk")
        assert early.day == D("2026-11-29")
        assert store.streak("talk").current == 2
    with Store.open(tmp_path / "bond.json", FixedClock(datetime(2026, 11, 29, 2, 0, tzinfo=UTC))) as again:
        assert again.settings.day_start_hour == 3  # kept on disk
        assert again.today() == D("2026-11-28")


@pytest.mark.parametrize("moment, hour, day", [
    # America/New_York, spring forward on 2026-03-08: 01:59:59 EST is followed by 03:00:00 EDT.
    ("2026-03-08T01:59:59-05:00", 0, "2026-03-08"),
    ("2026-03-08T03:00:00-04:00", 0, "2026-03-08"),
    ("2026-03-08T01:59:59-05:00", 2, "2026-03-07"),
    ("2026-03-08T03:00:00-04:00", 2, "2026-03-08"),
    ("2026-03-08T03:00:00-04:00", 3, "2026-03-08"),
    ("2026-03-08T02:59:59-04:00", 3, "2026-03-07"),
    # Fall back on 2026-11-01: 01:30 happens twice, both in the small hours of the 1st.
    ("2026-11-01T01:30:00-04:00", 2, "2026-10-31"),
    ("2026-11-01T01:30:00-05:00", 2, "2026-10-31"),
    ("2026-11-01T02:00:00-05:00", 2, "2026-11-01"),
    # America/Santiago on 2026-09-06: the day starts at 01:00 (midnight does not exist).
    ("2026-09-06T01:00:00-03:00", 0, "2026-09-06"),
    ("2026-09-05T23:59:59-04:00", 0, "2026-09-05"),
    ("2026-09-06T01:00:00-03:00", 1, "2026-09-06"),
    ("2026-09-06T00:59:59-03:00", 1, "2026-09-05"),
])
def test_local_day_on_dst_days_is_wall_clock(moment, hour, day):
    assert local_day(datetime.fromisoformat(moment), hour) == D(day)


@pytest.mark.parametrize("zone, instant, day", [
    ("America/Santiago", "2026-09-06T03:59:59+00:00", "2026-09-05"),
    ("America/Santiago", "2026-09-06T04:00:00+00:00", "2026-09-06"),
    ("America/New_York", "2026-11-01T05:30:00+00:00", "2026-11-01"),
    ("America/New_York", "2026-11-01T06:30:00+00:00", "2026-11-01"),
    ("America/New_York", "2026-11-02T04:59:59+00:00", "2026-11-01"),
    ("Pacific/Kiritimati", "2026-11-28T10:00:00+00:00", "2026-11-29"),
])
def test_local_day_with_a_zoneinfo_clock(zone, instant, day):
    moment = datetime.fromisoformat(instant).astimezone(ZoneInfo(zone))
    assert local_day(moment) == D(day)


@pytest.mark.parametrize("day, week_start, first", [
    ("2026-11-29", 6, "2026-11-29"),  # a Sunday, weeks from Sunday: its own week's first day
    ("2026-11-28", 6, "2026-11-22"),
    ("2026-12-05", 6, "2026-11-29"),
    ("2026-11-29", 0, "2026-11-23"),  # weeks from Monday: the last day of the week
    ("2026-11-30", 0, "2026-11-30"),
    ("2026-11-26", 3, "2026-11-26"),
    ("2026-11-25", 3, "2026-11-19"),
])
def test_week_start_of(day, week_start, first):
    assert week_start_of(D(day), week_start) == D(first)


# -- real zones, in a child process ------------------------------------------------

def zone_env(tmp_path: Path, zone: str, instant: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("BONDTUI", "TEXTUAL", "TZ"))}
    env.update({
        "TZ": zone,
        "BONDTUI_NOW": instant,
        "BONDTUI_DB": str(tmp_path / "bond.json"),
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    })
    return env


def bondtui(tmp_path: Path, zone: str, instant: str, *args: str) -> str:
    """Run the installed command in `zone` at `instant`; its output, after checking it succeeded."""
    done = subprocess.run([str(BONDTUI), *args], env=zone_env(tmp_path, zone, instant),
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, f"bondtui {' '.join(args)} in {zone} at {instant}: {done.stderr}"
    return done.stdout


def check_in(tmp_path: Path, zone: str, instant: str, key: str = "talk") -> str:
    """Log `key` "today" at `instant`; the day key it was saved under."""
    days_before = saved_days(tmp_path, key)
    bondtui(tmp_path, zone, instant, "done", key, "--note", f"at {instant}")  # a new check-in each time
    new = saved_days(tmp_path, key)
    assert len(new) == len(days_before) + 1
    return (new - days_before).pop()[0]


def saved_days(tmp_path: Path, key: str) -> set[tuple[str, str]]:
    path = tmp_path / "bond.json"
    if not path.exists():
        return set()
    docs = json.loads(path.read_text())["checkins"].values()
    return {(doc["day"], doc["id"]) for doc in docs if doc["strategy"] == key}


def day_list(tmp_path: Path, key: str = "talk") -> list[str]:
    return sorted(day for day, _ in saved_days(tmp_path, key))


def streaks(tmp_path: Path, zone: str, instant: str) -> dict[str, dict]:
    return {row["key"]: row for row in json.loads(bondtui(tmp_path, zone, instant, "streaks", "--json"))}


def today_line(tmp_path: Path, zone: str, instant: str) -> str:
    return bondtui(tmp_path, zone, instant, "today").splitlines()[0]


@pytest.mark.parametrize("zone", ZONES)
def test_zone_data_is_installed(zone):
    """Both Python's zoneinfo and the C library of a child process must know the zone;
    without /usr/share/zoneinfo a child with TZ=Area/City silently runs in UTC."""
    assert ZoneInfo(zone).utcoffset(datetime(2026, 7, 1)) is not None
    assert Path("/usr/share/zoneinfo", zone).is_file(), f"no system zone data for {zone}: install the tzdata package"
    instant = datetime(2026, 7, 1, 12, tzinfo=UTC)
    probe = "import sys, time; print(time.strftime('%z', time.localtime(float(sys.argv[1]))))"
    env = {key: value for key, value in os.environ.items() if key != "TZ"} | {"TZ": zone}
    child = subprocess.run([sys.executable, "-c", probe, str(instant.timestamp())], env=env,
                           capture_output=True, text=True, timeout=30, check=True)
    expected = instant.astimezone(ZoneInfo(zone)).strftime("%z")
    assert child.stdout.strip() == expected


def test_los_angeles_midnight(tmp_path):
    zone = "America/Los_Angeles"
    # 07:59:59 UTC on the 29th is 23:59:59 PST on the 28th; two seconds later it is the 29th.
    assert today_line(tmp_path, zone, "2026-11-29T07:59:59+00:00") == "Saturday 28 November 2026"
    assert today_line(tmp_path, zone, "2026-11-29T08:00:01+00:00") == "Sunday 29 November 2026"
    assert check_in(tmp_path, zone, "2026-11-29T07:59:59+00:00") == "2026-11-28"
    assert check_in(tmp_path, zone, "2026-11-29T08:00:01+00:00") == "2026-11-29"
    rows = streaks(tmp_path, zone, "2026-11-29T08:00:01+00:00")
    assert rows["talk"]["current"] == 2 and rows["talk"]["done_today"] is True
    # Later the same local evening, already the 30th in UTC: still the 29th here.
    rows = streaks(tmp_path, zone, "2026-11-30T07:00:00+00:00")
    assert rows["talk"]["done_today"] is True and rows["talk"]["at_risk"] is False


def test_santiago_day_without_a_midnight(tmp_path):
    """On 2026-09-06 Chile's clocks jump from 00:00 to 01:00: the day starts at 01:00."""
    zone = "America/Santiago"
    assert today_line(tmp_path, zone, "2026-09-06T03:59:59+00:00") == "Saturday 05 September 2026"  # 23:59:59 -04
    assert today_line(tmp_path, zone, "2026-09-06T04:00:00+00:00") == "Sunday 06 September 2026"  # 01:00:00 -03
    assert today_line(tmp_path, zone, "2026-09-06T04:30:00+00:00") == "Sunday 06 September 2026"  # 01:30:00 -03

    assert check_in(tmp_path, zone, "2026-09-05T16:00:00+00:00") == "2026-09-05"  # noon, Saturday
    assert check_in(tmp_path, zone, "2026-09-06T03:59:59+00:00", "affection") == "2026-09-05"
    assert check_in(tmp_path, zone, "2026-09-06T04:00:00+00:00", "affection") == "2026-09-06"
    assert check_in(tmp_path, zone, "2026-09-06T04:30:00+00:00") == "2026-09-06"
    rows = streaks(tmp_path, zone, "2026-09-06T04:30:00+00:00")
    assert rows["talk"]["current"] == 2 and rows["affection"]["current"] == 2
    # The 23-hour day ends at 23:59:59 -03, i.e. 02:59:59 UTC on the 7th.
    assert check_in(tmp_path, zone, "2026-09-07T02:59:59+00:00", "affection") == "2026-09-06"
    assert check_in(tmp_path, zone, "2026-09-07T16:00:00+00:00") == "2026-09-07"
    assert day_list(tmp_path) == ["2026-09-05", "2026-09-06", "2026-09-07"]
    rows = streaks(tmp_path, zone, "2026-09-07T16:00:00+00:00")
    assert rows["talk"]["current"] == 3 and rows["talk"]["best"] == 3 and rows["talk"]["done_today"] is True
    assert rows["affection"]["current"] == 2 and rows["affection"]["at_risk"] is True
    rows = streaks(tmp_path, zone, "2026-09-08T12:00:00+00:00")  # the next morning: waiting, not broken
    assert rows["talk"]["current"] == 3 and rows["talk"]["at_risk"] is True


def test_santiago_day_start_hour_on_the_day_without_a_midnight(tmp_path):
    zone = "America/Santiago"
    first = datetime(2026, 9, 1, 12, tzinfo=ZoneInfo(zone))
    with Store.open(tmp_path / "bond.json", FixedClock(first)) as store:
        store.update_settings(day_start_hour=1)
    # 23:59:59 -04 on the 5th, then 01:00:00 -03 on the 6th: the first moment of the 6th.
    assert check_in(tmp_path, zone, "2026-09-06T03:59:59+00:00") == "2026-09-05"
    assert check_in(tmp_path, zone, "2026-09-06T04:00:00+00:00") == "2026-09-06"
    # 00:59:59 -03 on the 7th is before the day-start hour: still the 6th.
    assert check_in(tmp_path, zone, "2026-09-07T03:59:59+00:00", "affection") == "2026-09-06"
    assert check_in(tmp_path, zone, "2026-09-07T04:00:00+00:00", "affection") == "2026-09-07"


def test_new_york_spring_forward(tmp_path):
    """2026-03-08: 01:59:59 EST is followed by 03:00:00 EDT; the day has 23 hours."""
    zone = "America/New_York"
    assert today_line(tmp_path, zone, "2026-03-08T04:59:59+00:00") == "Saturday 07 March 2026"  # 23:59:59 EST
    assert today_line(tmp_path, zone, "2026-03-08T05:00:00+00:00") == "Sunday 08 March 2026"  # 00:00 EST
    assert today_line(tmp_path, zone, "2026-03-08T06:59:59+00:00") == "Sunday 08 March 2026"  # 01:59:59 EST
    assert today_line(tmp_path, zone, "2026-03-08T07:00:00+00:00") == "Sunday 08 March 2026"  # 03:00:00 EDT
    assert today_line(tmp_path, zone, "2026-03-09T03:59:59+00:00") == "Sunday 08 March 2026"  # 23:59:59 EDT
    assert today_line(tmp_path, zone, "2026-03-09T04:00:00+00:00") == "Monday 09 March 2026"  # 00:00 EDT

    assert check_in(tmp_path, zone, "2026-03-07T17:00:00+00:00") == "2026-03-07"  # noon EST
    assert check_in(tmp_path, zone, "2026-03-08T06:59:59+00:00") == "2026-03-08"  # just before the jump
    assert check_in(tmp_path, zone, "2026-03-08T07:00:01+00:00", "affection") == "2026-03-08"  # just after
    assert check_in(tmp_path, zone, "2026-03-09T16:00:00+00:00") == "2026-03-09"  # noon EDT
    assert day_list(tmp_path) == ["2026-03-07", "2026-03-08", "2026-03-09"]
    rows = streaks(tmp_path, zone, "2026-03-09T16:00:00+00:00")
    assert rows["talk"]["current"] == 3 and rows["talk"]["best"] == 3 and rows["talk"]["done_today"] is True
    assert rows["affection"]["current"] == 1 and rows["affection"]["at_risk"] is True


def test_new_york_fall_back(tmp_path):
    """2026-11-01: 01:59:59 EDT is followed by 01:00:00 EST; 01:30 happens twice; the day has 25 hours."""
    zone = "America/New_York"
    assert today_line(tmp_path, zone, "2026-11-01T03:59:59+00:00") == "Saturday 31 October 2026"  # 23:59:59 EDT
    assert today_line(tmp_path, zone, "2026-11-01T04:00:00+00:00") == "Sunday 01 November 2026"  # 00:00 EDT
    assert today_line(tmp_path, zone, "2026-11-02T04:59:59+00:00") == "Sunday 01 November 2026"  # 23:59:59 EST
    assert today_line(tmp_path, zone, "2026-11-02T05:00:00+00:00") == "Monday 02 November 2026"  # 00:00 EST

    assert check_in(tmp_path, zone, "2026-10-31T16:00:00+00:00") == "2026-10-31"
    assert check_in(tmp_path, zone, "2026-11-01T05:30:00+00:00") == "2026-11-01"  # 01:30 EDT
    assert check_in(tmp_path, zone, "2026-11-01T05:59:59+00:00") == "2026-11-01"  # 01:59:59 EDT
    assert check_in(tmp_path, zone, "2026-11-01T06:00:00+00:00") == "2026-11-01"  # 01:00:00 EST, again
    assert check_in(tmp_path, zone, "2026-11-01T06:30:00+00:00") == "2026-11-01"  # 01:30 EST, again
    assert check_in(tmp_path, zone, "2026-11-02T04:30:00+00:00") == "2026-11-01"  # 23:30 EST; the 2nd in UTC
    rows = streaks(tmp_path, zone, "2026-11-02T04:30:00+00:00")
    assert rows["talk"]["current"] == 2 and rows["talk"]["done_today"] is True
    assert check_in(tmp_path, zone, "2026-11-02T17:00:00+00:00") == "2026-11-02"  # noon EST
    assert sorted(set(day_list(tmp_path))) == ["2026-10-31", "2026-11-01", "2026-11-02"]
    rows = streaks(tmp_path, zone, "2026-11-02T17:00:00+00:00")
    # Five check-ins on the long day still make one day of the streak.
    assert rows["talk"]["current"] == 3 and rows["talk"]["best"] == 3
    rows = streaks(tmp_path, zone, "2026-11-03T17:00:00+00:00")
    assert rows["talk"]["current"] == 3 and rows["talk"]["at_risk"] is True


def test_tokyo_is_ahead_of_utc(tmp_path):
    zone = "Asia/Tokyo"
    assert today_line(tmp_path, zone, "2026-11-28T14:59:59+00:00") == "Saturday 28 November 2026"
    assert today_line(tmp_path, zone, "2026-11-28T15:00:00+00:00") == "Sunday 29 November 2026"
    assert check_in(tmp_path, zone, "2026-11-28T14:59:59+00:00") == "2026-11-28"
    assert check_in(tmp_path, zone, "2026-11-28T15:00:01+00:00") == "2026-11-29"  # still the 28th in UTC
    rows = streaks(tmp_path, zone, "2026-11-28T15:00:01+00:00")
    assert rows["talk"]["current"] == 2 and rows["talk"]["done_today"] is True


def test_kiritimati_is_a_day_ahead(tmp_path):
    """UTC+14: an instant that is still 2026-11-28 in UTC is already 2026-11-29 there."""
    zone = "Pacific/Kiritimati"
    assert today_line(tmp_path, zone, "2026-11-28T09:59:59+00:00") == "Saturday 28 November 2026"
    assert today_line(tmp_path, zone, "2026-11-28T10:30:00+00:00") == "Sunday 29 November 2026"
    assert check_in(tmp_path, zone, "2026-11-28T09:59:59+00:00") == "2026-11-28"
    assert check_in(tmp_path, zone, "2026-11-28T10:30:00+00:00") == "2026-11-29"
    rows = streaks(tmp_path, zone, "2026-11-28T10:30:00+00:00")
    assert rows["talk"]["current"] == 2 and rows["talk"]["done_today"] is True
    # `--date today` and `--date yesterday` are her days, not UTC's.
    bondtui(tmp_path, zone, "2026-11-28T10:30:00+00:00", "done", "affection", "--date", "yesterday")
    assert day_list(tmp_path, "affection") == ["2026-11-28"]
    done = subprocess.run([str(BONDTUI), "done", "talk", "--date", "2026-11-30"], capture_output=True, text=True,
                          env=zone_env(tmp_path, zone, "2026-11-28T10:30:00+00:00"), timeout=30)
    assert done.returncode == 2 and "in the future" in done.stderr


@pytest.mark.parametrize("week_start, on_monday", [(6, 1), (0, 0)], ids=["sunday", "monday"])
def test_week_start_in_tokyo(tmp_path, week_start, on_monday):
    """A once-a-week strategy done on Sunday 00:30 in Tokyo (still Saturday in UTC)
    counts for the week that starts that Sunday when weeks start on Sunday."""
    zone = "Asia/Tokyo"
    first = datetime(2026, 11, 16, 12, tzinfo=ZoneInfo(zone))
    with Store.open(tmp_path / "bond.json", FixedClock(first)) as store:
        store.update_settings(week_start=week_start)
    sunday = "2026-11-28T15:30:00+00:00"  # Sun 29 Nov, 00:30 JST
    assert check_in(tmp_path, zone, sunday, "date") == "2026-11-29"
    rows = streaks(tmp_path, zone, sunday)
    assert rows["date"]["done_today"] is True and rows["date"]["current"] == 1
    assert (rows["date"]["period_done"], rows["date"]["period_target"]) == (1, 1)

    monday = "2026-11-30T03:00:00+00:00"  # Mon 30 Nov, noon JST
    rows = streaks(tmp_path, zone, monday)
    assert rows["date"]["period_done"] == on_monday
    assert rows["date"]["current"] == 1 and rows["date"]["at_risk"] is (on_monday == 0)

    saturday = "2026-12-05T14:59:59+00:00"  # Sat 5 Dec, 23:59:59 JST
    rows = streaks(tmp_path, zone, saturday)
    assert rows["date"]["period_done"] == on_monday
    next_sunday = "2026-12-05T15:00:00+00:00"  # Sun 6 Dec, 00:00 JST
    rows = streaks(tmp_path, zone, next_sunday)
    if week_start == 6:  # a new week begins: the streak of 1 waits for this week's date
        assert rows["date"]["period_done"] == 0 and rows["date"]["current"] == 1 and rows["date"]["at_risk"] is True
    else:  # still the Monday week of 30 Nov – 6 Dec, which has no date yet
        assert rows["date"]["period_done"] == 0 and rows["date"]["at_risk"] is True


def test_week_start_sunday_in_los_angeles_saturday_night(tmp_path):
    """Saturday night in Los Angeles is Sunday in UTC: the date belongs to the week ending that Saturday."""
    zone = "America/Los_Angeles"
    first = datetime(2026, 11, 16, 12, tzinfo=ZoneInfo(zone))
    with Store.open(tmp_path / "bond.json", FixedClock(first)) as store:
        store.update_settings(week_start=6)
    saturday_night = "2026-11-29T07:30:00+00:00"  # Sat 28 Nov, 23:30 PST
    assert check_in(tmp_path, zone, saturday_night, "date") == "2026-11-28"
    rows = streaks(tmp_path, zone, "2026-11-29T20:00:00+00:00")  # Sun 29 Nov, noon PST: a new week
    assert rows["date"]["period_done"] == 0 and rows["date"]["current"] == 1 and rows["date"]["at_risk"] is True
