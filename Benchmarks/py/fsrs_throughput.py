#!/usr/bin/env python3
"""py-fsrs 6.3.2 on the same workload as `recall-bench` (Benchmarks/Sources/recall-bench/Workload.swift).

Run by hand in a virtual environment that has fsrs==6.3.2:

    /work/.venv-fsrs/bin/python Benchmarks/py/fsrs_throughput.py [--runs N] [scheduler|scheduler-r|replay ...]

10 000 cards x 20 reviews, each review on the card's due date, ratings from a fixed pattern,
fuzzing off. The checksums equal recall-bench's, which shows both did the same work.
"""

import argparse
import json
import statistics
import time
from datetime import datetime, timezone
from importlib.metadata import version

from fsrs import Card, Rating, Scheduler

CARDS = 10_000
REVIEWS_PER_CARD = 20
START = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)


def rating(card: int, review: int) -> Rating:
    """10 % Again, 10 % Hard, 60 % Good, 20 % Easy, as Workload.rating in Swift."""
    slot = (card * 7 + review * 13) % 10
    if slot == 0:
        return Rating.Again
    if slot == 1:
        return Rating.Hard
    if slot in (8, 9):
        return Rating.Easy
    return Rating.Good


def schedule(scheduler: Scheduler, with_retrievability: bool) -> float:
    checksum = 0.0
    for card_index in range(CARDS):
        card = Card(card_id=card_index + 1, due=START)
        for review in range(REVIEWS_PER_CARD):
            now = card.due
            if with_retrievability:
                checksum += scheduler.get_card_retrievability(card, now)
            card, _ = scheduler.review_card(card, rating(card_index, review), now)
        checksum += card.stability
    return checksum


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def build_request(scheduler: Scheduler) -> str:
    cards = []
    for card_index in range(CARDS):
        card = Card(card_id=card_index + 1, due=START)
        reviews = []
        for review in range(REVIEWS_PER_CARD):
            r = rating(card_index, review)
            reviews.append({"time": iso(card.due), "rating": int(r)})
            card, _ = scheduler.review_card(card, r, card.due)
        cards.append({"id": f"card-{card_index}", "reviews": reviews})
    return json.dumps({"cards": cards})


def replay(scheduler: Scheduler, request: str) -> float:
    """What `recall scheduler replay` does, in Python: JSON in, schedule, JSON out."""
    cards_out = []
    for card_in in json.loads(request)["cards"]:
        results = []
        card = None
        for review in card_in["reviews"]:
            now = datetime.fromisoformat(review["time"].replace("Z", "+00:00"))
            card = card or Card(card_id=1, due=now)
            r = scheduler.get_card_retrievability(card, now)
            card, _ = scheduler.review_card(card, Rating(review["rating"]), now)
            results.append({"time": iso(now), "rating": review["rating"], "retrievability": r,
                            "state": card.state.name, "step": card.step, "stability": card.stability,
                            "difficulty": card.difficulty, "due": iso(card.due)})
        cards_out.append({"id": card_in["id"], "results": results})
    return float(len(json.dumps({"cards": cards_out})))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("names", nargs="*", default=["scheduler", "scheduler-r", "replay"])
    args = parser.parse_args()
    scheduler = Scheduler(enable_fuzzing=False)
    reviews = CARDS * REVIEWS_PER_CARD
    print(f"fsrs {version('fsrs')}")
    for name in args.names:
        if name == "replay":
            request = build_request(scheduler)
            work = lambda: replay(scheduler, request)  # noqa: E731
        else:
            work = lambda: schedule(scheduler, name == "scheduler-r")  # noqa: E731
        checksum = work()  # warm-up
        seconds = []
        for _ in range(args.runs):
            began = time.perf_counter()
            work()
            seconds.append(time.perf_counter() - began)
        median = statistics.median(seconds)
        print(f"{name}: {reviews / median:.0f} reviews/s median of {args.runs} "
              f"(best {reviews / min(seconds):.0f}, worst {reviews / max(seconds):.0f}); "
              f"{reviews} reviews in {median:.3f} s; checksum {checksum!r}")


if __name__ == "__main__":
    main()
