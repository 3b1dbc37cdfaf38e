#!/usr/bin/env python3
"""Import recall exports with Anki's own importer, headless, and print what it did as JSON.

Usage: check_anki_import.py FILE [FILE ...]

Each file (.apkg, or .tsv/.txt/.csv in Anki's text format) is imported in turn into one fresh,
empty collection, so a second file with the same GUIDs shows whether Anki updates or duplicates.
One JSON object per file is printed: the import log counts and the collection's totals after it.
It runs the Rust importer bundled in the `anki` wheel (pip install anki), the same code as the
desktop app's File > Import. Exit status 2 when `anki` is not installed, 1 when an import fails.
"""

import json
import os
import sys
import tempfile

try:
    from anki.collection import (
        Collection,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
        ImportCsvRequest,
    )
except ImportError as error:  # pragma: no cover - depends on the machine
    print(f"anki is not installed: {error}", file=sys.stderr)
    sys.exit(2)


def import_file(col, path):
    if path.endswith(".apkg"):
        options = ImportAnkiPackageOptions(with_scheduling=True, merge_notetypes=True)
        response = col.import_anki_package(ImportAnkiPackageRequest(package_path=path, options=options))
    else:
        metadata = col.get_csv_metadata(path=path, delimiter=None)
        response = col.import_csv(ImportCsvRequest(path=path, metadata=metadata))
    log = response.log
    return {
        "new": len(log.new),
        "updated": len(log.updated),
        "duplicate": len(log.duplicate),
        "conflicting": len(log.conflicting),
        "first_field_empty": len(log.empty_first_field),
        "missing_notetype": len(log.missing_notetype),
        "found_notes": log.found_notes,
    }


def totals(col):
    note_ids = col.find_notes("")
    fields = set()
    sample = None
    for note_id in note_ids:
        note = col.get_note(note_id)
        fields.add(len(note.fields))
        if sample is None:
            sample = {"guid": note.guid, "fields": list(note.keys()), "front": note.fields[0], "tags": note.tags}
    cards = col.find_cards("")
    studyable = sum(1 for note_id in note_ids if col.get_note(note_id).card_ids())
    return {
        "notes": len(note_ids),
        "cards": len(cards),
        "notes_with_cards": studyable,
        "field_counts": sorted(fields),
        "revlog": col.db.scalar("select count() from revlog"),
        "review_cards": col.db.scalar("select count() from cards where type = 2"),
        "learning_cards": col.db.scalar("select count() from cards where type in (1, 3)"),
        "memory_states": sum(1 for card_id in cards if col.get_card(card_id).memory_state is not None),
        "decks": sorted(d.name for d in col.decks.all_names_and_ids()),
        "sample": sample,
    }


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 64
    with tempfile.TemporaryDirectory() as folder:
        col = Collection(os.path.join(folder, "collection.anki2"))
        try:
            for path in paths:
                try:
                    result = {"file": os.path.basename(path), "log": import_file(col, os.path.abspath(path))}
                except Exception as error:  # Anki raises its own error types
                    print(json.dumps({"file": os.path.basename(path), "error": f"{type(error).__name__}: {error}"}))
                    return 1
                result.update(totals(col))
                print(json.dumps(result, ensure_ascii=False))
        finally:
            col.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
