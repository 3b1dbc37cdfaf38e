#!/usr/bin/env python3
"""Write a large legacy Anki package for the import benchmark, with the standard library only.

Usage: make_import_package.py OUT.apkg [NOTES [REVIEWS]]   (defaults: 10000 notes, 100000 reviews)

A schema-11 collection (what genanki and Anki's legacy export write): a "Basic (and reversed
card)" note type with HTML in its templates, NOTES notes in two subdecks, two cards per note,
and REVIEWS review-log rows spread over the cards and over 300 days, all deterministic.
"""

import json
import os
import sqlite3
import sys
import tempfile
import zipfile

SCHEMA = """
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL,
  models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL,
  ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL,
  left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
"""

MODEL = {"1": {"id": 1, "name": "Basic (and reversed card)", "type": 0, "mod": 0, "usn": 0, "sortf": 0, "did": 1,
               "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}],
               "tmpls": [{"name": "Card 1", "ord": 0, "qfmt": "<div class=q>{{Front}}</div>",
                          "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"},
                         {"name": "Card 2", "ord": 1, "qfmt": "{{Back}}",
                          "afmt": "{{FrontSide}}<hr id=answer>{{Front}}"}], "css": ""}}
DECKS = {"1": {"id": 1, "name": "Default"}, "2": {"id": 2, "name": "Bench::Capitals"},
         "3": {"id": 3, "name": "Bench::Rivers"}}


def main(out, notes, reviews, fsrs=False):
    start = 1_700_000_000_000
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "collection.anki2")
        db = sqlite3.connect(path)
        db.executescript(SCHEMA)
        db.execute("INSERT INTO col VALUES (1, 1699990000, 0, 0, 11, 0, 0, 0, '{}', ?, ?, '{}', '{}')",
                   (json.dumps(MODEL), json.dumps(DECKS)))
        db.executemany("INSERT INTO notes VALUES (?, ?, 1, 0, 0, ' bench ', ?, 0, 0, 0, '')", (
            (i + 1, f"bench-{i}", f"Question <b>{i}</b> of the benchmark?\x1fAnswer {i}") for i in range(notes)))
        # With `fsrs`, every card holds an FSRS memory state, as Anki's FSRS leaves them: the
        # importer then keeps each card's due date as a due change.
        data = '{"s":12.5,"d":5.1}' if fsrs else ''
        db.executemany("INSERT INTO cards VALUES (?, ?, ?, ?, 0, 0, 2, 2, ?, 1, 2500, 0, 0, 0, 0, 0, 0, ?)", (
            (2 * i + ord_ + 1, i + 1, 2 + i % 2, ord_, 40 + i % 30, data) for i in range(notes) for ord_ in (0, 1)))
        cards = 2 * notes
        rows = []
        for r in range(reviews):
            card = r % cards + 1
            round_ = r // cards
            stamp = start + round_ * 86_400_000 * 7 + card * 1000 + (r * 7919) % 36_000_000
            rows.append((stamp, card, [3, 3, 1, 4, 3, 2, 3, 3][r % 8], round_ and 1))
        db.executemany("INSERT INTO revlog VALUES (?, ?, 0, ?, 1, 0, 2500, 5000, ?)", rows)
        db.commit()
        db.close()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(path, "collection.anki2")
            archive.writestr("media", "{}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10_000,
         int(sys.argv[3]) if len(sys.argv) > 3 else 100_000, "--fsrs" in sys.argv[4:])
