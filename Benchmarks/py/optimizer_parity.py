#!/usr/bin/env python3
"""Fit the same simulated review histories with fsrs-rs (fsrs-rs-python) and `recall optimize`.

Run by hand, after a release build of recall (`swift build -c release`), in a virtual environment
that has fsrs-rs-python:

    python3 -m venv /work/.venv-fsrs-rs && /work/.venv-fsrs-rs/bin/pip install fsrs-rs-python
    /work/.venv-fsrs-rs/bin/python Benchmarks/py/optimizer_parity.py [--recall .build/release/recall]

For each history (`recall simulate --format replay`, whose "parameters" are the learner's true
ones) it reports, for the default, true, fsrs-rs-fitted and recall-fitted parameters, the
recency-weighted log loss and RMSE (bins), all computed by the one evaluator below (FSRS-6 in
float64 with fsrs-rs's training conventions, the same definitions as recall's `Evaluation`), so
the two fits are compared on equal terms (fsrs-rs's own `evaluate`, in f32 and with its own
binning, is printed alongside); and the time of each optimizer: "seconds" is fsrs-rs's
`compute_parameters` (its items built beforehand, untimed) and the "seconds" recall reports
(building items, fitting, and evaluating default and fitted parameters); "process" is the whole
`recall optimize` process as timed from here (start, reading the JSON, the rest).
"""

import argparse
import json
import math
import subprocess
import tempfile
import time
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS, FSRSItem, FSRSReview

MIN_P, MAX_P = 1e-4, 1 - 1e-4


def whole_days(a: datetime, b: datetime) -> int:
    return (b - a).days


def load(path: Path):
    data = json.loads(path.read_text())
    cards = []
    for card in data["cards"]:
        times = [datetime.fromisoformat(r["time"].replace("Z", "+00:00")) for r in card["reviews"]]
        ratings = [r["rating"] for r in card["reviews"]]
        deltas = [0] + [whole_days(times[i - 1], times[i]) for i in range(1, len(times))]
        cards.append((times, ratings, deltas))
    return data["parameters"], cards


def items_for_fsrs_rs(cards):
    """One FSRSItem per review a whole day or more after the previous, in time order."""
    items = []
    for times, ratings, deltas in cards:
        for k in range(1, min(len(ratings), 256)):
            if deltas[k] > 0:
                reviews = [FSRSReview(ratings[i], deltas[i]) for i in range(k + 1)]
                items.append((times[k], FSRSItem(reviews=reviews)))
    items.sort(key=lambda pair: pair[0])
    return [item for _, item in items]


def evaluate(w, cards):
    """Recency-weighted log loss and RMSE over (elapsed days, length, lapses) bins."""
    decay = -w[20]
    factor = 0.9 ** (1 / decay) - 1
    targets = []
    for times, ratings, deltas in cards:
        s = min(max(w[ratings[0] - 1], 0.001), 36500)
        d = min(max(w[4] - math.exp(w[5] * (ratings[0] - 1)) + 1, 1), 10)
        d0_easy = w[4] - math.exp(w[5] * 3) + 1
        lapses = 0
        for k in range(1, min(len(ratings), 256)):
            t, g = deltas[k], ratings[k]
            r = (1 + factor * t / s) ** decay
            if t > 0:
                targets.append((times[k], min(max(r, MIN_P), MAX_P), 1.0 if g > 1 else 0.0, t, k, lapses))
                if g == 1:
                    lapses += 1
            if t == 0:
                inc = math.exp(w[17] * (g - 3 + w[18])) * s ** -w[19]
                if g >= 2:
                    inc = max(inc, 1.0)
                new_s = s * inc
            elif g == 1:
                new_s = min(
                    w[11] * d ** -w[12] * ((s + 1) ** w[13] - 1) * math.exp((1 - r) * w[14]),
                    s / math.exp(w[17] * w[18]),
                )
            else:
                growth = math.exp(w[8]) * (11 - d) * s ** -w[9] * (math.exp((1 - r) * w[10]) - 1)
                growth *= w[15] if g == 2 else 1
                growth *= w[16] if g == 4 else 1
                new_s = s * (1 + growth)
            damped = d + (10 - d) * (-w[6] * (g - 3)) / 9
            d = min(max(w[7] * (d0_easy - damped) + damped, 1), 10)
            s = min(max(new_s, 0.001), 36500)
    targets.sort(key=lambda x: x[0])
    n = len(targets)
    loss = weights = 0.0
    bins = {}

    def bin_of(value, base, scale):
        if value <= 0:
            return 0
        return round(scale * base ** math.floor(math.log(value) / math.log(base)) * 100)

    for i, (_, p, y, t, length, lapses) in enumerate(targets):
        weight = 0.25 + 0.75 * (i / max(n - 1, 1)) ** 3
        loss -= weight * (y * math.log(p) + (1 - y) * math.log(1 - p))
        weights += weight
        key = (bin_of(t, 3.62, 2.48), bin_of(length, 1.89, 1.99), bin_of(lapses, 1.73, 1.65))
        b = bins.setdefault(key, [0.0, 0.0, 0])
        b[0] += p
        b[1] += y
        b[2] += 1
    squares = sum((b[0] / b[2] - b[1] / b[2]) ** 2 * b[2] for b in bins.values())
    return loss / weights, math.sqrt(squares / sum(b[2] for b in bins.values())), n


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--recall", default=".build/release/recall")
    parser.add_argument(
        "--histories", default="365:10:1,365:10:2,365:10:3,365:30:4",
        help="days:new-per-day:seed triples, comma-separated")
    args = parser.parse_args()
    print(f"fsrs-rs-python {version('fsrs-rs-python')}; recall {args.recall}")
    header = (
        f"{'history':<22} {'reviews':>8} {'items':>7}  {'params':<8} {'log loss':>9} {'RMSE bins':>9}"
        f" {'seconds':>8} {'process':>8}   {'log loss':>9} {'RMSE bins':>9} (fsrs-rs evaluate)")
    print(header)
    with tempfile.TemporaryDirectory() as folder:
        for spec in args.histories.split(","):
            days, new, seed = spec.split(":")
            path = Path(folder) / f"sim-{seed}.json"
            subprocess.run(
                [args.recall, "simulate", "--days", days, "--new-per-day", new, "--seed", seed,
                 "--format", "replay", "-o", str(path)], check=True, capture_output=True)
            truth, cards = load(path)
            reviews = sum(len(c[1]) for c in cards)

            items = items_for_fsrs_rs(cards)
            start = time.perf_counter()
            fsrs_rs_params = list(FSRS(DEFAULT_PARAMETERS).compute_parameters(items))
            fsrs_rs_seconds = time.perf_counter() - start

            start = time.perf_counter()
            out = subprocess.run(
                [args.recall, "optimize", "--reviews", str(path), "--json"],
                check=True, capture_output=True, text=True)
            recall_wall = time.perf_counter() - start
            recall_json = json.loads(out.stdout)
            recall_params = recall_json["parameters"]
            recall_seconds = recall_json["seconds"]

            name = f"{days}d x {new}/day seed {seed}"
            for label, w, seconds in [
                ("default", list(DEFAULT_PARAMETERS), None),
                ("true", truth, None),
                ("fsrs-rs", fsrs_rs_params, fsrs_rs_seconds),
                ("recall", recall_params, recall_seconds),
            ]:
                loss, rmse, n = evaluate(w, cards)
                shown = f"{seconds:8.2f}" if seconds is not None else f"{'':>8}"
                wall = f"{recall_wall:8.2f}" if label == "recall" else f"{'':>8}"
                theirs = FSRS(w).evaluate(items)
                print(
                    f"{name:<22} {reviews:>8} {n:>7}  {label:<8} {loss:9.5f} {rmse:9.5f} {shown} {wall}"
                    f"   {theirs.log_loss:9.5f} {theirs.rmse_bins:9.5f}")
                name = ""


if __name__ == "__main__":
    main()
