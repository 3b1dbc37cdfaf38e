#!/usr/bin/env python3
"""Build a small Anki collection with the real `anki` library and export it twice, for testing
`recall import` of Anki's "Notes in Plain Text" export against its package import.

Usage: make_anki_text_export.py OUT_FOLDER

Writes OUT_FOLDER/notes.txt (Notes in Plain Text, with HTML, tags, deck, note type name and
unique identifier, as Anki's export dialog offers) and OUT_FOLDER/notes.apkg (the same notes as
a package), and prints the note and card counts.

The notes: one of each stock note type (Basic, and reversed, type in the answer, Cloze with two
gaps and a Back Extra), optional reversed with and without "Add Reverse", and a note of a custom
note type (a copy of Basic under another name), whose templates a text export does not carry.
"""

import os
import sys
import tempfile

try:
    from anki.collection import Collection, ExportAnkiPackageOptions
    from anki.import_export_pb2 import ExportLimit
except ImportError as error:  # pragma: no cover - depends on the machine
    print(f"anki is not installed: {error}", file=sys.stderr)
    sys.exit(2)


def main(out):
    os.makedirs(out, exist_ok=True)
    col = Collection(os.path.join(tempfile.mkdtemp(), "collection.anki2"))
    deck = col.decks.id("Geography::Capitals")

    def add(kind, values, tags=()):
        note = col.new_note(col.models.by_name(kind))
        for key, value in values.items():
            note[key] = value
        note.tags = list(tags)
        col.add_note(note, deck)

    custom = col.models.copy(col.models.by_name("Basic"))
    custom["name"] = "Country (custom)"
    col.models.update_dict(custom)

    add("Basic", {"Front": "Capital of France?", "Back": "Paris"}, ["europe"])
    add("Basic (and reversed card)", {"Front": "Spain", "Back": "Madrid"}, ["europe"])
    add("Basic (optional reversed card)", {"Front": "Italy", "Back": "Rome", "Add Reverse": "y"})
    add("Basic (optional reversed card)", {"Front": "Chile", "Back": "Santiago"})
    add("Basic (type in the answer)", {"Front": "Capital of Peru?", "Back": "Lima"})
    add(
        "Cloze",
        {
            "Text": '{{c1::Canberra}} is the capital of {{c2::Australia}}, "down under"',
            "Back Extra": "Not Sydney",
        },
        ["oceania"],
    )
    add("Country (custom)", {"Front": "Largest country?", "Back": "Russia"})

    whole = ExportLimit(whole_collection={})
    notes = col.export_note_csv(
        out_path=os.path.join(out, "notes.txt"), limit=whole, with_html=True, with_tags=True,
        with_deck=True, with_notetype=True, with_guid=True)
    col.export_anki_package(
        out_path=os.path.join(out, "notes.apkg"),
        options=ExportAnkiPackageOptions(
            with_scheduling=False, with_deck_configs=False, with_media=False, legacy=False),
        limit=whole)
    print(f"{notes} notes, {col.card_count()} cards")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
