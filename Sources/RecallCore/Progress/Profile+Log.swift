extension Profile {
    /// Applies a log entry whose effect on states and flags the snapshot already holds: the
    /// review joins the log, an undone one leaves it, a replaced one changes in place.
    mutating func applyToLog(_ entry: Journal.Entry) {
        if let replaced = entry.replace, let review = entry.review {
            if let index = reviews.lastIndex(where: { $0.id == replaced }) {
                reviews[index] = review
            } else {
                reviews.append(review)
            }
        } else if let review = entry.review {
            reviews.append(review)
        } else if let undone = entry.undo, let index = reviews.lastIndex(where: { $0.id == undone }) {
            reviews.remove(at: index)
        } else if let change = entry.dueChange, !dueChanges.contains(where: { $0.id == change.id }) {
            dueChanges.append(change)
        }
    }
}
