/// Term numbers of the index's words (what is not Han: amounts, figures, Latin words) by their
/// text: each word once, in the order numbered, and an open-addressing table of positions in that
/// list. Nearly every task's amounts are words of their own, and at 30,000 departments a
/// `[String: Int32]` of them with a `[Int32: String]` beside it for their names were 42 MB of the
/// build's 285 MB peak heap; held here, 10.5 MB (heaptrack, synthetic corpus): a word takes its
/// `String`, its number and two slots.
///
/// Written by hand for the memory, not the speed: a `Set` or `Dictionary` cannot find an entry by
/// a key stored elsewhere. Words are text from the tables, which could be chosen to collide, so
/// a slot comes from a seeded `Hasher` (SipHash, seeded per process), as a `Dictionary`'s does,
/// and words compare as `String`s do.
struct WordTermNumbers {
    /// The words, in the order they were numbered.
    private(set) var words: [String] = []
    /// The term number of each of `words`.
    private var numbers: [Int32] = []
    /// A position in `words` plus one; 0 marks an empty slot.
    private var slots: [Int32] = Array(repeating: 0, count: 1 << 10)

    var count: Int { words.count }

    private func slot(of word: String) -> Int {
        var hasher = Hasher()
        hasher.combine(word)
        return hasher.finalize() & (slots.count - 1)
    }

    /// The number of `word`, or nil when it has none yet.
    func number(of word: String) -> Int32? {
        let mask = slots.count - 1
        var index = slot(of: word)
        while true {
            let stored = slots[index]
            if stored == 0 { return nil }
            if words[Int(stored) - 1] == word { return numbers[Int(stored) - 1] }
            index = (index + 1) & mask
        }
    }

    /// Gives `word` (which has no number yet) the number `number`.
    mutating func insert(_ word: String, number: Int32) {
        // At most half full, so probes stay short.
        if (words.count + 1) * 2 > slots.count { grow() }
        words.append(word)
        numbers.append(number)
        place(words.count - 1)
    }

    private mutating func place(_ position: Int) {
        let mask = slots.count - 1
        var index = slot(of: words[position])
        while slots[index] != 0 { index = (index + 1) & mask }
        slots[index] = Int32(position + 1)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for position in words.indices { place(position) }
    }
}
