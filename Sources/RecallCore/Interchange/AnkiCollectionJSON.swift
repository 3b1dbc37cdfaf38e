import Foundation

/// The JSON columns of an Anki collection's `col` row: configuration, notetype, decks, options.
///
/// The keys are the ones Anki's schema-11 readers require (`notetype/schema11.rs`,
/// `decks/schema11.rs`); the notetype has the four fields of `AnkiPackageWriter` and one template.
struct AnkiCollectionJSON {
    var conf: String
    var models: String
    var decks: String
    var dconf: String

    init(deckID: Int64, deckName: String, description: String?, modified: Int64) {
        let notetypeID = AnkiPackageWriter.notetypeID
        conf = Self.json([
            "activeDecks": [deckID], "curDeck": deckID, "curModel": String(notetypeID), "nextPos": 1,
            "newSpread": 0, "collapseTime": 1200, "timeLim": 0, "estTimes": true, "dueCounts": true,
            "sortType": "noteFld", "sortBackwards": false, "addToCur": true,
            // The v2 scheduler's semantics (relearning type 3, day-learn queue 3): Anki does not
            // convert the cards of a collection that says so.
            "schedVer": 2,
        ])
        let fields: [[String: Any]] = AnkiPackageWriter.fieldNames.enumerated().map { index, name in
            [
                "name": name, "ord": index, "sticky": false, "rtl": false, "font": "Arial", "size": 20,
                "media": [String](),
            ]
        }
        let template: [String: Any] = [
            "name": "Card 1", "ord": 0,
            "qfmt": "<div class=\"kind\">{{Kind}}</div>\n<div class=\"front\">{{Front}}</div>",
            "afmt":
                "{{FrontSide}}\n<hr id=\"answer\">\n<div class=\"back\">{{Back}}</div>\n<div class=\"source\">{{Source}}</div>",
            "bqfmt": "", "bafmt": "", "did": NSNull(),
        ]
        let css = """
            .card { font-family: sans-serif; font-size: 20px; text-align: left; color: black; background-color: white; }
            .kind { font-size: 12px; color: #888; text-transform: uppercase; }
            .source { font-size: 13px; color: #666; margin-top: 1em; }
            """
        let notetype: [String: Any] = [
            "id": notetypeID, "name": AnkiPackageWriter.notetypeName, "type": 0, "mod": modified, "usn": -1,
            "sortf": 0, "did": deckID, "tmpls": [template], "flds": fields, "css": css,
            "latexPre":
                "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
            "latexPost": "\\end{document}", "latexsvg": false, "req": [[0, "any", [0]]], "tags": [String](),
            "vers": [Int](),
        ]
        models = Self.json([String(notetypeID): notetype])
        decks = Self.json([
            "1": Self.deck(id: 1, name: "Default", description: "", modified: modified),
            String(deckID): Self.deck(
                id: deckID, name: deckName, description: description ?? "", modified: modified),
        ])
        dconf = Self.json(["1": Self.defaultOptions])
    }

    static func deck(id: Int64, name: String, description: String, modified: Int64) -> [String: Any] {
        [
            "id": id, "name": name, "desc": description, "mod": modified, "usn": -1, "collapsed": false,
            "browserCollapsed": false, "dyn": 0, "conf": 1, "extendNew": 0, "extendRev": 0,
            "newToday": [0, 0], "revToday": [0, 0], "lrnToday": [0, 0], "timeToday": [0, 0],
        ]
    }

    static var defaultOptions: [String: Any] {
        [
            "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true, "timer": 0,
            "replayq": true, "dyn": false,
            "new": [
                "delays": [1, 10], "ints": [1, 4, 0], "initialFactor": 2500, "order": 1, "perDay": 20,
                "bury": false,
            ],
            "rev": [
                "perDay": 200, "ease4": 1.3, "ivlFct": 1, "maxIvl": 36500, "bury": false, "hardFactor": 1.2,
            ],
            "lapse": ["delays": [10], "mult": 0, "minInt": 1, "leechFails": 8, "leechAction": 1],
        ]
    }

    static func json(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
