/// "Did you mean …?" for a mistyped name among known ones.
public enum Suggestion {
    /// The known word nearest to `word`, when it is close enough to be a likely typo.
    public static func closest(to word: String, in candidates: some Collection<String>) -> String? {
        let target = Array(word.lowercased())
        var best: (word: String, distance: Int)?
        for candidate in candidates.sorted() {
            let distance = levenshtein(target, Array(candidate.lowercased()))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(1, min(3, (target.count + 1) / 3))
        return best.distance <= allowed ? best.word : nil
    }

    static func levenshtein(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
