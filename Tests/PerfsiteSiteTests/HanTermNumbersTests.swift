import Testing

@testable import PerfsiteSite

@Suite struct HanTermNumbersTests {
    /// Through the table's growth from 4,096 slots to 32,768 (9,680 keys at most half full), each
    /// key keeps the number it was given, and a key never inserted has none.
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
        var inserted = 0
        for (number, key) in keys.enumerated() where number % 3 != 0 {
            #expect(table.number(of: key) == nil)
            table.insert(key, number: Int32(number))
            inserted += 1
        }
        #expect(table.count == inserted)
        for (number, key) in keys.enumerated() {
            #expect(table.number(of: key) == (number % 3 == 0 ? nil : Int32(number)))
        }
    }
}
