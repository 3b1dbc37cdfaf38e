import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The review log's sealed segments: `<profile>.log/<generation>/<last seq>-<part>.jsonl`, journal
/// lines that are never written again; the journal `<profile>.journal.jsonl` is the newest segment.
///
/// A rotation seals the journal by renaming it into the generation's folder (one atomic rename,
/// whatever the history). A change of the whole log (a migration, a merge, a repair, moved card
/// ids) writes a new generation beside the old one; the snapshot's `log_generation` switches to
/// it atomically, and the old one is removed afterwards. Only the store knows this layout.
enum ProgressLog {
    /// The folder of one generation's segments.
    static func folder(of files: ProgressFiles, generation: Int) -> String {
        files.log + "/\(generation)"
    }

    /// The path of the segment whose last entry is `sequence`, part `part` of those (a log
    /// written whole is cut in parts); zero-padded, so names sort in log order.
    static func segment(of files: ProgressFiles, generation: Int, lastSequence: Int, part: Int = 0) -> String
    {
        folder(of: files, generation: generation) + "/" + padded(lastSequence, 16) + "-" + padded(part, 6)
            + ".jsonl"
    }

    private static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Reviews per part of a log written whole, so that no segment file is read in one piece of
    /// hundreds of megabytes.
    ///
    /// As many as a rotation seals at 100,000 cards (see `ProgressStore.effectiveCompactionThreshold`),
    /// so that reading back a day's reviews reads a segment or two of this size.
    static let reviewsPerPart = 10_000

    /// The last entry a segment holds, from its name (nil if the path is not a segment's).
    static func lastSequence(ofSegment path: String) -> Int? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard name.utf8.count == 29 else { return nil }
        return Int(name.prefix(16))
    }

    /// The generation's sealed segments in log order (an absent folder has none).
    static func segments(of files: ProgressFiles, generation: Int) -> [String] {
        let folder = folder(of: files, generation: generation)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { name in
            let utf8 = Array(name.utf8)
            return name.hasSuffix(".jsonl") && utf8.count == 29 && utf8[16] == UInt8(ascii: "-")
                && (utf8[0..<16] + utf8[17..<23]).allSatisfy { (0x30...0x39).contains($0) }
        }.sorted().map { folder + "/" + $0 }
    }

    /// Reviews as a segment's bytes, without states (the snapshot holds them), numbered
    /// `sequence`, so that opening counts them as already folded.
    static func segmentBytes(of reviews: ArraySlice<Review>, sequence: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(170 * reviews.count)
        for review in reviews {
            bytes += Journal.line(sequence: sequence, review: review, state: nil)
        }
        return bytes
    }

    /// Writes `profile`'s log (its reviews, then its due changes) as generation `generation`
    /// (replacing any leftover of it) durably.
    static func writeGeneration(
        _ generation: Int, of profile: Profile, sequence: Int, files: ProgressFiles, io: FileIO
    ) throws(ProgressError) {
        let folder = folder(of: files, generation: generation)
        removeGeneration(generation, of: files)
        try io.createDirectories(folder)
        try io.fsyncDirectory(files.log)
        try io.fsyncDirectory(FileIO.directory(of: files.log))
        var start = 0
        var part = 0
        while start < profile.reviews.count {
            let end = min(start + reviewsPerPart, profile.reviews.count)
            try io.replaceAtomically(
                segment(of: files, generation: generation, lastSequence: sequence, part: part),
                with: segmentBytes(of: profile.reviews[start..<end], sequence: sequence))
            start = end
            part += 1
        }
        if !profile.dueChanges.isEmpty {
            var bytes: [UInt8] = []
            for change in profile.dueChanges {
                bytes += Journal.line(sequence: sequence, dueChange: change, state: nil)
            }
            try io.replaceAtomically(
                segment(of: files, generation: generation, lastSequence: sequence, part: part), with: bytes)
        }
    }

    /// Removes a generation's folder (an old one after a switch, or a leftover of a crash).
    static func removeGeneration(_ generation: Int, of files: ProgressFiles) {
        let folder = folder(of: files, generation: generation)
        for path in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            unlink(folder + "/" + path)
        }
        rmdir(folder)
    }

    /// The generations present on disk other than `current` (leftovers to remove).
    static func otherGenerations(of files: ProgressFiles, than current: Int) -> [Int] {
        ((try? FileManager.default.contentsOfDirectory(atPath: files.log)) ?? []).compactMap(Int.init)
            .filter { $0 != current }
    }
}
