#!/usr/bin/env python3
"""Write golden FSRS-6 vectors from py-fsrs 6.3.2 for FSRSParityTests.

Run by hand, never by CI:

    python3 -m venv /work/.venv-fsrs && /work/.venv-fsrs/bin/pip install fsrs==6.3.2
    /work/.venv-fsrs/bin/python Tests/Fixtures/make_fsrs_vectors.py

It drives `Scheduler.review_card` with fuzzing off over random review sequences (fixed seed) and
writes Tests/RecallCoreTests/Fixtures/fsrs-vectors.json. Each sequence carries its settings in the
shape `recall scheduler replay` reads, optionally a starting card (to reach states that only a
change of settings produces, such as a step beyond the list), and for every review the card after
it plus the retrievability just before it.

A further set of sequences runs with fuzzing on: py-fsrs's module-level `random` is replaced by
a recorder that draws multiples of 2^-53 from a seeded generator, and the draws are stored as
`fuzz_draws` so that a test can feed the same numbers to the Swift scheduler. A `fuzz_ranges`
table pins `_get_fuzzed_interval` itself for many intervals, maximum intervals and draws.
"""

import json
import random
import fsrs.scheduler as fsrs_scheduler
from datetime import datetime, timedelta, timezone
from importlib.metadata import version
from pathlib import Path

from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import (
    DEFAULT_PARAMETERS,
    LOWER_BOUNDS_PARAMETERS,
    UPPER_BOUNDS_PARAMETERS,
)

SEED = 20260101
SEQUENCES = 320
FUZZED_SEQUENCES = 40
OUT = Path(__file__).resolve().parents[1] / "RecallCoreTests" / "Fixtures" / "fsrs-vectors.json"
START = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)
LAST_YEAR = 9000


def iso(moment: datetime) -> str:
    text = moment.astimezone(timezone.utc).isoformat(timespec="microseconds")
    text = text.replace("+00:00", "Z")
    return text.replace(".000000Z", "Z")


def random_parameters(rng: random.Random) -> list[float]:
    """Defaults perturbed towards random points inside py-fsrs's bounds."""
    mix = rng.random()
    return [
        round(d + mix * (lo + rng.random() * (hi - lo) - d), 4)
        for d, lo, hi in zip(DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS)
    ]


def settings_for(index: int, rng: random.Random) -> dict:
    """Mostly defaults; every tenth-ish sequence varies one or more settings."""
    settings: dict = {}
    kind = index % 12
    if kind == 1:
        settings["desired_retention"] = rng.choice([0.7, 0.8, 0.85, 0.95, 0.97])
    elif kind == 2:
        settings["learning_steps_minutes"] = rng.choice([[1, 5, 30], [10], [0.5, 2.5], [2, 20, 60, 240]])
        settings["relearning_steps_minutes"] = rng.choice([[5, 20], [1.5], [30, 120, 720]])
    elif kind == 3:
        settings["learning_steps_minutes"] = []
    elif kind == 4:
        settings["relearning_steps_minutes"] = []
    elif kind == 5:
        settings["learning_steps_minutes"] = []
        settings["relearning_steps_minutes"] = []
    elif kind == 6:
        settings["maximum_interval"] = rng.choice([1, 3, 10, 30, 100])
    elif kind in (7, 8):
        settings["parameters"] = random_parameters(rng)
        if rng.random() < 0.5:
            settings["desired_retention"] = rng.choice([0.75, 0.9, 0.93])
    return settings


def scheduler_for(settings: dict) -> Scheduler:
    kwargs: dict = {"enable_fuzzing": settings.get("enable_fuzzing", False)}
    if "parameters" in settings:
        kwargs["parameters"] = settings["parameters"]
    if "desired_retention" in settings:
        kwargs["desired_retention"] = settings["desired_retention"]
    if "learning_steps_minutes" in settings:
        kwargs["learning_steps"] = [timedelta(minutes=m) for m in settings["learning_steps_minutes"]]
    if "relearning_steps_minutes" in settings:
        kwargs["relearning_steps"] = [timedelta(minutes=m) for m in settings["relearning_steps_minutes"]]
    if "maximum_interval" in settings:
        kwargs["maximum_interval"] = settings["maximum_interval"]
    return Scheduler(**kwargs)


def card_json(card: Card) -> dict:
    return {
        "state": card.state.name,
        "step": card.step,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": iso(card.due),
        "last_review": iso(card.last_review) if card.last_review else None,
    }


def starting_card(index: int, rng: random.Random) -> Card | None:
    """Cards that only a change of settings produces: steps beyond the current lists."""
    if index % 12 != 9:
        return None
    choice = rng.randrange(4)
    last = START - timedelta(hours=rng.choice([2, 30, 200]))
    if choice == 0:  # a new card left at a step the settings no longer have
        return Card(card_id=1, state=State.Learning, step=rng.choice([2, 5]), due=START)
    if choice == 1:
        return Card(card_id=1, state=State.Learning, step=rng.choice([2, 3]), stability=1.7,
                    difficulty=6.2, due=START, last_review=last)
    if choice == 2:
        return Card(card_id=1, state=State.Relearning, step=rng.choice([1, 4]), stability=3.1,
                    difficulty=8.4, due=START, last_review=last)
    return Card(card_id=1, state=State.Review, step=None, stability=12.5, difficulty=4.4,
                due=START, last_review=last)


def next_time(rng: random.Random, card: Card, now: datetime, reviewed: bool) -> datetime:
    """On time, late, early, same day, around the 24-hour boundary, now and then before the last review."""
    if not reviewed:
        return now
    last = card.last_review or now
    gap = card.due - last
    kind = rng.random()
    if kind < 0.30:
        moment = card.due
    elif kind < 0.50:
        extra = min(gap * rng.uniform(0.05, 2.0), timedelta(days=400))
        moment = card.due + extra + timedelta(seconds=rng.randrange(86400))
    elif kind < 0.65:
        moment = last + gap * rng.uniform(0.1, 0.95)
    elif kind < 0.82:
        moment = last + timedelta(seconds=rng.randrange(60, 86400))
    elif kind < 0.92:
        moment = last + timedelta(seconds=86400 + rng.choice([-1, 0, 1, 3600, -3600]))
    elif kind < 0.97:
        moment = last + timedelta(days=rng.randrange(1, 60), seconds=rng.randrange(86400))
    else:
        moment = last - timedelta(seconds=rng.randrange(1, 7200))
    return moment.replace(microsecond=0)


def rating_picker(rng: random.Random):
    style = rng.random()
    if style < 0.08:
        fixed = rng.choice(list(Rating))
        return lambda: fixed
    weights = [0.15, 0.15, 0.55, 0.15] if style < 0.8 else [0.25, 0.25, 0.25, 0.25]
    return lambda: rng.choices(list(Rating), weights)[0]


class RecordedRandom:
    """Stands in for `random.random` inside fsrs.scheduler and remembers what it returned."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.draws: list[float] = []

    def __call__(self) -> float:
        value = self.rng.getrandbits(53) / 2**53  # exactly what Swift makes of the same 53 bits
        self.draws.append(value)
        return value


def run_sequence(index: int, rng: random.Random, settings: dict) -> dict:
    scheduler = scheduler_for(settings)
    card = starting_card(index, rng)
    initial = card_json(card) if card else None
    reviewed = card is not None and card.last_review is not None
    card = card or Card(card_id=1, due=START)
    pick = rating_picker(rng)
    now = START
    reviews = []
    for _ in range(rng.choice([1, 2, 3, 5, 8, 12, 16, 20, 30])):
        now = next_time(rng, card, now, reviewed)
        if now.year >= LAST_YEAR:
            break
        rating = pick()
        r_before = scheduler.get_card_retrievability(card, now)
        card, _ = scheduler.review_card(card, rating, now)
        reviewed = True
        reviews.append({"time": iso(now), "rating": int(rating), "retrievability": r_before,
                        **{k: v for k, v in card_json(card).items() if k != "last_review"}})
    sequence = {"id": f"s{index:03d}", "settings": settings, "reviews": reviews}
    if initial:
        sequence["initial"] = initial
    return sequence


def fuzz_ranges(rng: random.Random) -> list[dict]:
    """`_get_fuzzed_interval` for chosen intervals, maximum intervals and draws."""
    table = []
    days = list(range(1, 60)) + [99, 100, 101, 365, 1000, 36499, 36500]
    for maximum in (36500, 100, 30, 5, 3):
        scheduler = Scheduler(maximum_interval=maximum)
        for day in days:
            if day > maximum:
                continue
            draws = [0.0, 0.5, 1 - 2**-53] + [rng.getrandbits(53) / 2**53 for _ in range(5)]
            results = []
            for draw in draws:
                fsrs_scheduler.random = lambda: draw  # noqa: B023
                results.append(scheduler._get_fuzzed_interval(interval=timedelta(days=day)).days)
            table.append({"days": day, "maximum_interval": maximum, "draws": draws, "results": results})
    return table


def main() -> None:
    assert version("fsrs") == "6.3.2", version("fsrs")
    rng = random.Random(SEED)
    sequences = [run_sequence(index, rng, settings_for(index, rng)) for index in range(SEQUENCES)]

    fuzz_rng = random.Random(SEED + 1)
    for index in range(SEQUENCES, SEQUENCES + FUZZED_SEQUENCES):
        settings = {**settings_for(index, fuzz_rng), "enable_fuzzing": True}
        recorder = RecordedRandom(fuzz_rng)
        fsrs_scheduler.random = recorder
        sequence = run_sequence(index, fuzz_rng, settings)
        sequence["fuzz_draws"] = recorder.draws
        sequences.append(sequence)
    ranges = fuzz_ranges(fuzz_rng)

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w") as out:
        out.write('{"generator": "Tests/Fixtures/make_fsrs_vectors.py", "fsrs": "6.3.2", '
                  f'"seed": {SEED},\n"fuzz_ranges": [\n')
        out.write(",\n".join(json.dumps(r, separators=(",", ":")) for r in ranges))
        out.write('\n],\n"sequences": [\n')
        out.write(",\n".join(json.dumps(s, separators=(",", ":")) for s in sequences))
        out.write("\n]}\n")
    total = sum(len(s["reviews"]) for s in sequences)
    draws = sum(len(s.get("fuzz_draws", [])) for s in sequences)
    print(f"wrote {len(sequences)} sequences, {total} reviews, {draws} fuzz draws, {len(ranges)} fuzz ranges, "
          f"{OUT.stat().st_size} bytes to {OUT}")


if __name__ == "__main__":
    main()
