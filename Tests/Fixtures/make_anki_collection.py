#!/usr/bin/env python3
"""Build a studied Anki collection with the real `anki` library and export it in both package
generations, for testing `recall import` on what Anki writes.

Usage: make_anki_collection.py OUT_FOLDER

Writes OUT_FOLDER/current.apkg (collection.anki21b, zstd; Anki's default) and
OUT_FOLDER/legacy.apkg ("Support older Anki versions": collection.anki21 beside a dummy
collection.anki2), then prints one JSON object: counts, and per Anki card its note GUID, ord,
queue, FSRS memory state (stability, difficulty) and due day, for the test to compare.

The collection: every stock note type (Basic, and reversed, optional reversed with and without
the reverse, type in the answer, Cloze with Back Extra, Image Occlusion), a custom note type with
4 fields and 2 templates, tags, subdecks, a media file, a filtered deck answered in preview
mode, a "Forget", a "Set due date", a suspended card, a buried card, two flagged cards (red, blue), and a history studied over simulated days
with FSRS on, each studied card then scheduled by Anki's FSRS (a reschedule); then three new cards
given a due date (one left so, two answered after it, Good and Again), and two given one with
FSRS off (one left so, one answered Good after it with FSRS on).
"""

import json
import time
import os
import sys
import tempfile

try:
    from anki.collection import Collection, ExportAnkiPackageOptions
except ImportError as error:  # pragma: no cover - depends on the machine
    print(f"anki is not installed: {error}", file=sys.stderr)
    sys.exit(2)

DAY = 86400


def add(col, kind, deck, values, tags=()):
    note = col.new_note(col.models.by_name(kind))
    for key, value in values.items():
        note[key] = value
    note.tags = list(tags)
    col.add_note(note, deck)
    return note


def custom_type(col):
    models = col.models
    model = models.new("Vocabulary")
    for name in ["Word", "Meaning", "Example", "Notes"]:
        models.add_field(model, models.new_field(name))
    recognise = models.new_template("Recognise")
    recognise["qfmt"] = "{{Word}}{{#Example}}<br><i>{{Example}}</i>{{/Example}}"
    recognise["afmt"] = "{{FrontSide}}<hr id=answer>{{Meaning}}{{hint:Notes}}"
    models.add_template(model, recognise)
    produce = models.new_template("Recall")
    produce["qfmt"] = "{{Meaning}}{{^Example}} (no example){{/Example}}"
    produce["afmt"] = "{{FrontSide}}<hr id=answer>{{Word}}"
    models.add_template(model, produce)
    models.add(model)
    return model


conf = None


def build(folder):
    global conf
    col = Collection(os.path.join(folder, "collection.anki2"))
    col.set_config("fsrs", True)
    # An optimised preset: parameters other than the defaults (initial stabilities, difficulty),
    # so an import that replays with the defaults would come out differently.
    conf = col.decks.config_dict_for_deck_id(1)
    conf["fsrsParams6"] = [0.41, 1.9, 3.7, 11.5, 6.1, 0.71, 2.6, 0.004, 1.65, 0.14, 0.92, 1.55, 0.07,
                           0.31, 1.52, 0.55, 2.1, 0.6, 0.12, 0.07, 0.1542]
    conf["desiredRetention"] = 0.9  # 0.87 once studied: the change reschedules the cards
    col.decks.update_config(conf)
    spanish = col.decks.id("Lang::Spanish::Vocab")
    geo = col.decks.id("Geography")
    add(col, "Basic", geo, {"Front": "Capital of France?", "Back": "Paris"}, ["geo", "europe"])
    add(col, "Basic", geo, {"Front": "Flag of France <img src=\"flag-fr.svg\">", "Back": "Tricolour"}, ["geo"])
    add(col, "Basic (and reversed card)", spanish, {"Front": "perro", "Back": "dog"}, ["es"])
    add(col, "Basic (optional reversed card)", spanish, {"Front": "gato", "Back": "cat", "Add Reverse": "y"})
    add(col, "Basic (optional reversed card)", spanish, {"Front": "casa", "Back": "house"})
    add(col, "Basic (type in the answer)", geo, {"Front": "Capital of Peru?", "Back": "Lima"})
    add(col, "Cloze", geo, {"Text": "The {{c1::Danube}} flows into the {{c2::Black Sea}}.",
                            "Back Extra": "It passes through ten countries."})
    add(col, "Cloze", geo, {"Text": "Area of a circle: {{c1::\\(\\pi r^2\\)}}", "Back Extra": ""})
    io = col.models.by_name("Image Occlusion")
    note = col.new_note(io)
    note["Occlusion"] = "{{c1::image-occlusion:rect:left=.1:top=.1:width=.2:height=.2}}"
    note["Image"] = "<img src=\"map.png\">"
    col.add_note(note, geo)
    custom_type(col)
    add(col, "Vocabulary", spanish,
        {"Word": "libro", "Meaning": "book", "Example": "Leo un libro.", "Notes": "masculine"}, ["es"])
    add(col, "Vocabulary", spanish, {"Word": "mesa", "Meaning": "table"}, ["es"])
    with open(os.path.join(col.media.dir(), "flag-fr.svg"), "w") as handle:
        handle.write("<svg xmlns='http://www.w3.org/2000/svg'/>")
    return col


def study(col):
    """A history over past days: each card answered now by the scheduler (so Anki builds its
    state), then its review log rewritten as answers on earlier days, and its FSRS memory state
    recomputed by Anki from that log."""
    pattern = [3, 3, 1, 3, 4, 2, 3, 3]
    now = int(time.time())
    answers = 0
    for index, cid in enumerate(col.find_cards("-note:\"Image Occlusion\"")):
        days = [40, 39, 36, 30, 20][: 2 + index % 4]
        col.db.execute("delete from revlog where cid = ?", cid)
        for step, ago in enumerate(days):
            ease = pattern[(index + step) % len(pattern)]
            # Times of day vary, so calendar days and 24-hour periods tell different stories.
            stamp = (now - ago * DAY - (1 + (index * 5 + step * 11) % 22) * 3600) * 1000 + index
            kind = 0 if step == 0 else 1
            col.db.execute(
                "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
                " values (?, ?, -1, ?, 1, 0, 2500, 6000, ?)", stamp, cid, ease, kind)
            answers += 1
        card = col.get_card(cid)
        card.type = card.queue = 2
        card.ivl = 5
        card.due = col.sched.today + 3  # a placeholder: Anki's FSRS reschedules it below
        # Anki's memory state from that log, as Anki computes it with FSRS on.
        computed = col._backend.compute_memory_state(cid)
        if computed.HasField("state"):
            card.memory_state = computed.state
        col.update_card(card)
    # Anki's FSRS schedules every studied card from its memory state and last review, as the
    # deck options screen does when the desired retention changes with "Reschedule cards on
    # change" ticked (one revlog row of type 5 per card).
    update = col._backend.get_deck_configs_for_update(1)
    configs = [c.config for c in update.all_config]
    for config in configs:
        config.config.desired_retention = 0.87
    col._backend.update_deck_configs(
        target_deck_id=1, configs=configs, removed_config_ids=[], mode=0, card_state_customizer="",
        limits=update.current_deck.limits, new_cards_ignore_review_limit=False, fsrs=True,
        apply_all_parent_limits=False, fsrs_reschedule=True, fsrs_health_check=False)
    return answers


def main(out):
    with tempfile.TemporaryDirectory() as folder:
        col = build(folder)
        try:
            answers = study(col)
            cards = col.find_cards("")
            # A filtered deck answered in preview mode (no rescheduling): revlog type 3, factor 0.
            config = col.sched.get_or_create_filtered_deck(deck_id=0)
            config.name = "Cram"
            config.config.reschedule = False
            config.config.search_terms[0].search = "deck:Geography -note:\"Image Occlusion\""
            config.config.search_terms[0].limit = 100
            filtered = col.sched.add_or_update_filtered_deck(config).id
            col.decks.select(filtered)
            card = col.sched.getCard()
            if card is not None:
                col.sched.answerCard(card, 3)
            # Forget one card, set another's due date, suspend a third.
            notes = {col.get_note(col.get_card(c).nid)["Front"] if "Front" in col.get_note(col.get_card(c).nid) else "": c for c in cards}
            forget = notes.get("Capital of France?")
            col.sched.schedule_cards_as_new([forget], restore_position=True, reset_counts=False)
            moved = notes.get("Capital of Peru?")
            col.sched.set_due_date([moved], "30")
            suspended = notes.get("casa")
            col.sched.suspend_cards([suspended])
            # Bury one card by hand and flag two (red, blue).
            buried = notes.get("perro")
            col.sched.bury_cards([buried], manual=True)
            flagged = [notes.get("Capital of Peru?"), notes.get("gato")]
            col.set_user_flag_for_cards(1, [flagged[0]])
            col.set_user_flag_for_cards(4, [flagged[1]])
            # Cards never answered given a due date (FSRS on: a review card without a memory
            # state): one in 10 days, two today then answered with "Grade Now", Good and Again, so
            # their memory state starts as Anki starts a review card that has none.
            spanish = col.decks.id("Lang::Spanish::Vocab")
            fresh = [add(col, "Basic", spanish, {"Front": front, "Back": back}, ["es"]).card_ids()[0]
                     for front, back in [("hablar", "to speak"), ("comer", "to eat"), ("vivir", "to live")]]
            col.sched.set_due_date([fresh[0]], "10!")
            for card_id, rating in [(fresh[1], 2), (fresh[2], 0)]:  # Good, Again
                col.sched.set_due_date([card_id], "0")
                col._backend.grade_now(card_ids=[card_id], rating=rating)
            # The same with FSRS off (SM-2: the row keeps an interval and ease): one in 10 days, left
            # so (Anki infers its memory state from them when it needs one), and one today, then
            # answered Good with FSRS on again.
            sm2 = [add(col, "Basic", spanish, {"Front": front, "Back": back}, ["es"]).card_ids()[0]
                   for front, back in [("leer", "to read"), ("escribir", "to write")]]
            col.set_config("fsrs", False)
            col.sched.set_due_date([sm2[0]], "10!")
            col.sched.set_due_date([sm2[1]], "0")
            col.set_config("fsrs", True)
            col._backend.grade_now(card_ids=[sm2[1]], rating=2)
            inferred = col._backend.compute_memory_state(sm2[0])
            summary = {"answers": answers, "cards": [], "revlog": col.db.scalar("select count() from revlog"),
                       "notes": col.note_count(), "today": col.sched.today, "forget": forget, "moved": moved,
                       "buried": buried, "flagged": flagged, "parameters": conf["fsrsParams6"],
                       "set_due_new": fresh, "set_due_sm2": sm2,
                       "sm2_inferred": [inferred.state.stability, inferred.state.difficulty]
                       if inferred.HasField("state") else None}
            for cid in col.find_cards(""):
                card = col.get_card(cid)
                note = card.note()
                state = card.memory_state
                summary["cards"].append({
                    "id": cid, "guid": note.guid, "nid": card.nid, "ord": card.ord, "queue": card.queue, "type": card.type,
                    "due": card.due, "flag": card.user_flag(), "lapses": card.lapses,
                    "stability": state.stability if state else None,
                    "difficulty": state.difficulty if state else None,
                    "reviews": col.db.scalar("select count() from revlog where cid = ? and type < 4 and ease > 0", cid),
                })
            for name, legacy in [("current.apkg", False), ("legacy.apkg", True)]:
                options = ExportAnkiPackageOptions(
                    with_scheduling=True, with_deck_configs=True, with_media=True, legacy=legacy)
                col.export_anki_package(out_path=os.path.join(out, name), options=options, limit=None)
            print(json.dumps(summary))
        finally:
            col.close()
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    sys.exit(main(sys.argv[1]))
