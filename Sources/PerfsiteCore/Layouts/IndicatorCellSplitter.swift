/// Splits the flattened 任务绩效指标 cell of the sample layout — `成本指标 经济成本指标
/// 成本控制:在预算范围之内。 产出指标 质量指标 支出标准合规率 …` — into (一级, 二级, 三级) triples.
///
/// Splitting on every space would break 三级 names that contain spaces, and counting three words a
/// triple breaks as soon as one does. So the vocabulary drives it: a triple starts at a 一级 name,
/// its 二级 is the next word, and its 三级 runs until the next 一级 name that is followed by
/// something that reads as a 二级 name.
struct IndicatorCellSplitter: Sendable {
    let vocabulary: IndicatorVocabulary

    struct Triple: Sendable, Hashable {
        var level1: String
        var level2: String
        var level3: String
    }

    enum Outcome: Sendable, Hashable {
        case triples([Triple])
        /// Why the cell could not be split, in words for the publisher.
        case failure(String)
    }

    func split(_ cell: String) -> Outcome {
        let words = cell.whitespaceSeparatedWords
        guard !words.isEmpty else { return .triples([]) }
        var triples: [Triple] = []
        var index = 0
        while index < words.count {
            let level1 = words[index]
            guard vocabulary.isLevel1(level1) else {
                let position = triples.isEmpty ? "应以一级指标名称开头" : "第 \(triples.count + 1) 个指标应以一级指标名称开头"
                return .failure("\(position),实际为“\(level1)”")
            }
            guard index + 1 < words.count else {
                return .failure("第 \(triples.count + 1) 个指标“\(level1)”后缺少二级和三级指标")
            }
            let level2 = words[index + 1]
            var end = index + 2
            while end < words.count && !startsTriple(at: end, in: words) { end += 1 }
            guard end > index + 2 else {
                return .failure("第 \(triples.count + 1) 个指标“\(level1) \(level2)”缺少三级指标")
            }
            triples.append(
                Triple(level1: level1, level2: level2, level3: words[(index + 2)..<end].joined(separator: " ")))
            index = end
        }
        return .triples(triples)
    }

    private func startsTriple(at index: Int, in words: [String]) -> Bool {
        vocabulary.isLevel1(words[index]) && index + 1 < words.count && vocabulary.looksLikeLevel2(words[index + 1])
    }
}
