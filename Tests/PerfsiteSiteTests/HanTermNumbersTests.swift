import Testing

@testable import PerfsiteSite

@Suite struct HanTermNumbersTests {
    /// The table agrees with a Dictionary on every key the tokenizer makes from a Han run, through
    /// the table's growth from 4,096 slots to 65,536: each key keeps the number it was given, and
    /// a key never inserted has none.
    @Test func numbersAreTheOnesGiven() throws {
        // Every unigram and bigram of 120 neighbouring CJK Unified Ideographs: 14,520 keys, most
        // differing in their low bits only, the hardest case for a multiplicative hash.
        var keys: [UInt64] = []
        for first in 0x4E00..<0x4E00 + 120 {
            let scalar = try #require(Unicode.Scalar(first))
            keys.append(TermTable.key(scalar, nil))
            for second in 0x4E00..<0x4E00 + 120 { keys.append(TermTable.key(scalar, Unicode.Scalar(second))) }
        }
        var table = HanTermNumbers()
        var expected: [UInt64: Int32] = [:]
        for (number, key) in keys.enumerated() where number % 3 != 0 {
            #expect(table.number(of: key) == nil)
            table.insert(key, number: Int32(number))
            expected[key] = Int32(number)
        }
        #expect(table.count == expected.count)
        for (number, key) in keys.enumerated() {
            #expect(table.number(of: key) == (number % 3 == 0 ? nil : Int32(number)))
        }
    }
}
