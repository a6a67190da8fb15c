/// The tokenizer of the search index. `assets/search.js` implements exactly the same rules, so a
/// query is always cut the way the index was (a test runs both on the same texts):
///
/// 1. Full-width ASCII is folded to ASCII, ASCII letters are lower-cased, and a comma between two
///    digits is dropped (`１，０２２．５１` → `1022.51`).
/// 2. A run of Han characters gives every character and every pair of neighbours: any Chinese
///    substring of a text is then found by the pairs it is made of (and a single character by itself).
/// 3. A run of ASCII letters and digits is one word; a point between digits stays in it, so a
///    number is found as written (`152.9`).
/// 4. Everything else separates.
///
/// A query keeps only the pairs of a Han run longer than one character: those are what it must contain.
public enum SearchTokenizer {
    /// Terms of a document field: unigrams and bigrams of Han runs, and ASCII words.
    public static func documentTerms(_ text: String) -> [String] {
        var terms: [String] = []
        visitDocumentTerms(
            text,
            han: { first, second in
                var scalars = String.UnicodeScalarView()
                scalars.append(first)
                if let second { scalars.append(second) }
                terms.append(String(scalars))
            },
            word: { terms.append(String(String.UnicodeScalarView($0))) })
        return terms
    }

    /// The document terms as they come, without building strings: a Han unigram or bigram as its
    /// scalars, a word as its scalars. The index builder keys Han terms by their code points, which
    /// keeps the hot loop free of allocations.
    static func visitDocumentTerms(
        _ text: String, han: (Unicode.Scalar, Unicode.Scalar?) -> Void, word: (ArraySlice<Unicode.Scalar>) -> Void
    ) {
        scan(text) { run, isHan in
            if isHan {
                for index in run.indices {
                    han(run[index], nil)
                    if index + 1 < run.endIndex { han(run[index], run[index + 1]) }
                }
            } else {
                word(run)
            }
        }
    }

    /// Terms a query must match: the bigrams of each Han run (or the character of a one-character
    /// run) and the ASCII words.
    public static func queryTerms(_ text: String) -> [String] {
        var terms: [String] = []
        scan(text) { run, isHan in
            if isHan && run.count > 1 {
                for index in run.startIndex..<(run.endIndex - 1) {
                    var pair = String.UnicodeScalarView()
                    pair.append(run[index])
                    pair.append(run[index + 1])
                    terms.append(String(pair))
                }
            } else {
                terms.append(String(String.UnicodeScalarView(run)))
            }
        }
        var seen: Set<String> = []
        return terms.filter { seen.insert($0).inserted }
    }

    /// The text as the tokenizer sees it (rule 1), which is also what a match is checked against.
    public static func normalize(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        output.append(contentsOf: normalizedScalars(text))
        return String(output)
    }

    /// Rule 1 on the text's scalars. The tokenizer scans these directly: building the normalized
    /// String and splitting it into scalars again was a fifth of tokenizing (perf). One pass over
    /// the text: a comma after a digit is held back until the next scalar shows whether a digit
    /// follows it.
    static func normalizedScalars(_ text: String) -> [Unicode.Scalar] {
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(text.utf8.count)
        var previous: Unicode.Scalar?
        var heldComma = false
        for original in text.unicodeScalars {
            let scalar = fold(original)
            if heldComma {
                heldComma = false
                if !isDigit(scalar) { output.append(",") }
            }
            if scalar == ",", let previous, isDigit(previous) {
                heldComma = true
            } else {
                output.append(scalar)
            }
            previous = scalar
        }
        if heldComma { output.append(",") }
        return output
    }

    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF01...0xFF5E: return fold(Unicode.Scalar(scalar.value - 0xFEE0)!)
        case 0x3000: return " "
        case 0x41...0x5A: return Unicode.Scalar(scalar.value + 0x20)!
        default: return scalar
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { (0x30...0x39).contains(scalar.value) }

    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || (0x61...0x7A).contains(scalar.value)
    }

    /// Han: the CJK Unified Ideographs and their extensions, and the compatibility ideographs.
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2FFFF, 0x30000...0x3134F: true
        default: false
        }
    }

    /// Calls `emit` with each run of Han characters or of word characters, in order.
    private static func scan(_ text: String, emit: (ArraySlice<Unicode.Scalar>, Bool) -> Void) {
        let scalars = normalizedScalars(text)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if isHan(scalar) {
                var end = index
                while end < scalars.count && isHan(scalars[end]) { end += 1 }
                emit(scalars[index..<end], true)
                index = end
            } else if isWordCharacter(scalar) {
                var end = index
                while end < scalars.count {
                    if isWordCharacter(scalars[end]) {
                        end += 1
                    } else if scalars[end] == ".", end > index, isDigit(scalars[end - 1]), end + 1 < scalars.count,
                        isDigit(scalars[end + 1])
                    {
                        end += 1
                    } else {
                        break
                    }
                }
                emit(scalars[index..<end], false)
                index = end
            } else {
                index += 1
            }
        }
    }
}
