/// Term numbers of Han unigrams and bigrams by their packed code points (`TermTable.key`): an
/// open-addressing table with a multiplicative hash. Written by hand because every Han term of
/// every document of the site is looked up here — 3 million lookups at 1,000 departments — and
/// `Dictionary`'s seeded SipHash was half of that time (perf, one-table rebuild: 5% of its CPU
/// in `Hasher` and the probe). The keys are integers the index makes itself, not input an
/// attacker chooses to collide, so a fixed hash is safe here.
struct HanTermNumbers {
    /// 0 marks an empty slot: a key always holds a Han code point (at least U+3400) in its high bits.
    private var keys: [UInt64]
    private var numbers: [Int32]
    private var shift: UInt64
    private(set) var count = 0

    init() {
        keys = Array(repeating: 0, count: 1 << 12)
        numbers = Array(repeating: 0, count: 1 << 12)
        shift = 64 - 12
    }

    private func slot(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The number of `key`, or nil when it has none yet.
    func number(of key: UInt64) -> Int32? {
        let mask = keys.count - 1
        var index = slot(of: key)
        while true {
            let stored = keys[index]
            if stored == key { return numbers[index] }
            if stored == 0 { return nil }
            index = (index + 1) & mask
        }
    }

    /// Gives `key` (which has no number yet) the number `number`.
    mutating func insert(_ key: UInt64, number: Int32) {
        precondition(key != 0, "a Han term key is never 0")
        // At most half full, so probes stay short.
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var index = slot(of: key)
        while keys[index] != 0 { index = (index + 1) & mask }
        keys[index] = key
        numbers[index] = number
        count += 1
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldNumbers = numbers
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        numbers = Array(repeating: 0, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for (key, number) in zip(oldKeys, oldNumbers) where key != 0 { insert(key, number: number) }
    }
}
