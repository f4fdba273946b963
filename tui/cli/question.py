"""`bondtui question`: the day's question for him, and what became of it (asked, with his answer, or skipped)."""

from __future__ import annotations

from typing import TextIO

from store import Question, Store, UsageError

from ..text import printable
from .commands import print_json


def writes(args) -> bool:
    return bool(args.asked or args.skip)


def question(store: Store, args, out: TextIO) -> int:
    if args.skip and (args.asked or args.note or args.went):
        raise UsageError("--skip moves on without logging: it takes no --asked, --note or --went")
    if (args.note or args.went) and not args.asked:
        raise UsageError("--note and --went are for a question asked: add --asked")
    if args.asked:
        asked, check_in = store.ask_question(args.note, args.went)
        if args.json:
            print_json({**question_doc(asked), "checkin": check_in.id}, out)
            return 0
        said = f" He said: {printable(check_in.note)}" if check_in.note else ""
        print(f"✓ Asked: {printable(asked.text)}{said}", file=out)
        print(f"  (logged under {printable(store.strategy(check_in.strategy).title)}; `bondtui undo` takes it back)",
              file=out)
        return 0
    if args.skip:
        skipped = store.skip_question()
        print(f"Skipped: {printable(skipped.text)}", file=out)
    shown = store.question()
    if args.json:
        print_json(question_doc(shown) if shown else None, out)
        return 0
    if shown is None:
        print("No question for him in the deck.", file=out)
        return 0
    him = printable(store.settings.son_name.strip()) or "him"
    print(f"{'Next' if args.skip else f'Ask {him}'}: {printable(shown.text)}", file=out)
    print(f"  ({TOPICS.get(shown.topic, shown.topic)})", file=out)
    if not args.skip:
        print('\nAsked it? bondtui question --asked --note "what he said"   Another: bondtui question --skip',
              file=out)
    return 0


TOPICS = {"day": "his day", "friends": "his friends", "school": "school", "news": "the news",
          "future": "the future", "family": "family", "you": "you and your life"}


def question_doc(question: Question) -> dict:
    return {"id": question.id, "question": question.text, "topic": question.topic, "ages": list(question.ages)}
