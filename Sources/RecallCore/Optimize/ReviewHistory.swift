public import Foundation

/// Each card's ratings in time order: what the optimizer fits and the simulator produces.
public struct ReviewHistory: Sendable, Equatable {
    /// One rating of one card.
    public struct Entry: Sendable, Equatable {
        public var time: Date
        public var rating: Rating

        public init(time: Date, rating: Rating) {
            self.time = time
            self.rating = rating
        }
    }

    /// Each card's reviews, sorted by time.
    public var cards: [[Entry]]

    /// A history from per-card review lists (each is sorted by time here; the sort is stable).
    public init(cards: [[Entry]]) {
        self.cards = cards.map { reviews in
            var sorted = reviews
            sorted.sort { $0.time < $1.time }
            return sorted
        }
    }

    /// The cards of a `recall scheduler replay` request (its parameters are not used).
    public init(request: ReplayRequest) {
        self.init(
            cards: request.cards.map { card in card.reviews.map { Entry(time: $0.time, rating: $0.rating) } })
    }

    /// A profile's review log grouped by card, cards in order of their first review.
    public init(profile: Profile) {
        var indexOfCard: [String: Int] = [:]
        var cards: [[Entry]] = []
        for review in profile.reviews {
            let entry = Entry(time: review.reviewedAt, rating: review.rating)
            if let index = indexOfCard[review.cardID] {
                cards[index].append(entry)
            } else {
                indexOfCard[review.cardID] = cards.count
                cards.append([entry])
            }
        }
        self.init(cards: cards)
    }

    /// How many reviews there are in all.
    public var reviewCount: Int { cards.reduce(0) { $0 + $1.count } }
}
