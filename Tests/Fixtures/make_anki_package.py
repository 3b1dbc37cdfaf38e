#!/usr/bin/env python3
"""Write an .apkg with Anki's own exporter, for testing `recall import` on what Anki really writes.

Usage: make_anki_package.py OUT.apkg

The collection holds Basic notes (one with HTML and a script in its fields), a cloze note and a
"Basic (and reversed card)" note in a deck "Geography", some of them answered so the review log
is not empty. It is exported in the legacy layout ("Support older Anki versions": a
collection.anki21 beside a dummy collection.anki2) with scheduling. Prints a JSON summary.
"""

import json
import os
import sys
import tempfile

try:
    from anki.collection import Collection, ExportAnkiPackageOptions
except ImportError as error:  # pragma: no cover - depends on the machine
    print(f"anki is not installed: {error}", file=sys.stderr)
    sys.exit(2)


def main(out_path):
    with tempfile.TemporaryDirectory() as folder:
        col = Collection(os.path.join(folder, "collection.anki2"))
        try:
            deck_id = col.decks.id("Geography")
            basic = col.models.by_name("Basic")
            for front, back in [
                ("Capital of France?", "Paris"),
                ("Capital of Peru?", "Lima"),
                ("<b>Capital</b> of Japan?<script>alert('x')</script>", "Tokyo&nbsp;<i>(東京)</i>"),
            ]:
                note = col.new_note(basic)
                note["Front"], note["Back"] = front, back
                col.add_note(note, deck_id)
            cloze = col.new_note(col.models.by_name("Cloze"))
            cloze["Text"] = "The {{c1::Danube}} flows into the {{c2::Black Sea}}."
            col.add_note(cloze, deck_id)
            reversed_note = col.new_note(col.models.by_name("Basic (and reversed card)"))
            reversed_note["Front"], reversed_note["Back"] = "Longest river of Africa?", "Nile"
            col.add_note(reversed_note, deck_id)

            col.decks.select(deck_id)
            answered = 0
            for ease in [3, 1, 3, 4, 3, 3, 2, 3]:
                card = col.sched.getCard()
                if card is None:
                    break
                col.sched.answerCard(card, ease)
                answered += 1

            options = ExportAnkiPackageOptions(
                with_scheduling=True, with_deck_configs=False, with_media=False, legacy=True)
            notes = col.export_anki_package(out_path=out_path, options=options, limit=None)
            print(json.dumps({
                "notes": notes,
                "cards": col.card_count(),
                "revlog": col.db.scalar("select count() from revlog"),
                "answered": answered,
            }))
        finally:
            col.close()
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    sys.exit(main(sys.argv[1]))
