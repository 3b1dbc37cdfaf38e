#!/usr/bin/env python3
"""Two versions of one Anki deck, written by the real `anki` library, for testing updates by GUID.

Usage: make_anki_versions.py OUT_FOLDER

Writes OUT_FOLDER/v1.apkg (three Basic notes, one answered) and OUT_FOLDER/v2.apkg (the same
notes, same GUIDs: one note's back edited, so its modification time is newer, and one note
added), then prints one JSON object with the GUIDs and modification times.
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


def export(col, path):
    options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False, with_media=False, legacy=False)
    col.export_anki_package(out_path=path, options=options, limit=None)


def main(out):
    with tempfile.TemporaryDirectory() as folder:
        col = Collection(os.path.join(folder, "collection.anki2"))
        try:
            deck = col.decks.id("Capitals")
            notes = []
            for front, back in [("Capital of France?", "Paris"), ("Capital of Peru?", "Lima"),
                                ("Capital of Chad?", "N'Djamena")]:
                note = col.new_note(col.models.by_name("Basic"))
                note["Front"], note["Back"] = front, back
                col.add_note(note, deck)
                notes.append(note)
            col.decks.select(deck)
            card = col.sched.getCard()
            col.sched.answerCard(card, 3)
            export(col, os.path.join(out, "v1.apkg"))
            before = {n.guid: col.get_note(n.id).mod for n in notes}
            edited = col.get_note(notes[1].id)
            edited["Back"] = "Lima (on the Rímac)"
            col.update_note(edited)
            # Anki's modification times are seconds: make the edit's time certainly later.
            col.db.execute("update notes set mod = ? where id = ?", before[edited.guid] + 60, edited.id)
            added = col.new_note(col.models.by_name("Basic"))
            added["Front"], added["Back"] = "Capital of Fiji?", "Suva"
            col.add_note(added, deck)
            export(col, os.path.join(out, "v2.apkg"))
            print(json.dumps({"edited": edited.guid, "added": added.guid, "mod": before,
                              "guids": [n.guid for n in notes]}))
        finally:
            col.close()
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    sys.exit(main(sys.argv[1]))
