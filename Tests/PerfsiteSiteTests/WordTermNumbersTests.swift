import Testing

@testable import PerfsiteSite

@Suite struct WordTermNumbersTests {
    /// Through the table's growth from 1,024 slots to 65,536, each word keeps the number it was
    /// given and its place in the list, and a word never inserted has none — checked against a
    /// `Dictionary` given the same words.
    @Test func numbersAreTheOnesADictionaryGives() {
        // Amounts as the tables write them, codes, Latin words, one character apart, and empty.
        var words: [String] = [""]
        for index in 0..<12_000 {
            words.append(String(format: "%d.%02d", index * 37, index % 100))
            words.append("GB/T\(index)")
            words.append("word\(index)x")
        }
        var table = WordTermNumbers()
        var model: [String: Int32] = [:]
        var order: [String] = []
        for (number, word) in words.enumerated() where number % 4 != 1 {
            #expect(table.number(of: word) == nil)
            table.insert(word, number: Int32(number * 2))
            model[word] = Int32(number * 2)
            order.append(word)
        }
        #expect(table.count == model.count)
        #expect(table.words == order)
        for word in words { #expect(table.number(of: word) == model[word]) }
    }

    /// Words that are the same text in Unicode's sense (a precomposed and a decomposed é) are one
    /// word, as they are one key of a `Dictionary`: the index numbered them so before.
    @Test func canonicallyEquivalentWordsAreOneWord() {
        var table = WordTermNumbers()
        table.insert("caf\u{E9}", number: 7)
        #expect(table.number(of: "cafe\u{301}") == 7)
        #expect(table.number(of: "cafe") == nil)
    }
}
