"""A deterministic two-month history for snapshots and screen tests."""

from __future__ import annotations

from datetime import timedelta

from store import Store

# Which strategies she did, by days ago: a life with good weeks and quiet ones.
PATTERN = {
    "talk": lambda d: d % 9 not in (4,) and d != 0,
    "freedom": lambda d: d % 4 == 1,
    "interest": lambda d: d % 5 in (0, 2),
    "date": lambda d: d % 7 == 3,
    "affection": lambda d: d % 6 != 5,
    "celebrate": lambda d: d % 10 == 2,
    "together": lambda d: d % 3 == 0 and d > 7,
}
NOTES = {2: "he told me about the robotics club", 9: "we laughed about the cat", 16: "quiet, but he stayed to talk"}


def fill(store: Store, days: int = 60) -> Store:
    """Check-ins for the last `days` days, a skip, an away weekend and his name."""
    today = store.today()
    with store.changing(), store._database.storage.batch():  # one write for the whole history
        for ago in range(days, -1, -1):
            day = today - timedelta(days=ago)
            for key, did in PATTERN.items():
                if did(ago):
                    actions = store.strategy(key).actions[:6]  # the first catalog's six: what these tests expect
                    store.check_in(key, day, actions[ago % len(actions)], NOTES.get(ago, "") if key == "talk" else "")
        store.skip("date", today - timedelta(days=20))
        store.add_away(today - timedelta(days=40), today - timedelta(days=38), "grandma's")
        store.update_settings(son_name="Sam")
    return store
