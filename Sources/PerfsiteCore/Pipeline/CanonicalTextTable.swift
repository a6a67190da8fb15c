import Foundation

/// A `[String: Value]` that answers as the dictionary does (a String key matches any canonically
/// equivalent spelling) but looks a key up by its bytes first. Hashing a Chinese String goes
/// through its normalization, a check per character; a key that is its own canonical form
/// (`ExactText.isOwnCanonicalForm`) is in the byte table, under its NFC bytes, exactly when the
/// dictionary has it, so only other keys (a decomposed letter, a compatibility ideograph) are
/// asked of the dictionary. For the vocabulary's names, the header names and the units, which
/// every word of every indicator cell and every header cell is looked up in.
struct CanonicalTextTable<Value: Sendable & Hashable>: Sendable, Hashable {
    private let byBytes: ExactTextTable<Value>
    private let byText: [String: Value]

    /// The dictionary's keys are never canonically equal to each other, so their NFC forms are
    /// distinct.
    init(_ dictionary: [String: Value]) {
        byText = dictionary
        byBytes = ExactTextTable(
            dictionary.map { (text: $0.key.precomposedStringWithCanonicalMapping, value: $0.value) })
    }

    subscript(_ key: String) -> Value? {
        if let value = byBytes[key] { return value }
        return ExactText(key).isOwnCanonicalForm ? nil : byText[key]
    }

    /// What the dictionary holds; the byte table follows from it.
    static func == (left: Self, right: Self) -> Bool { left.byText == right.byText }

    func hash(into hasher: inout Hasher) { hasher.combine(byText) }
}
