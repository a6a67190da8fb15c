import Foundation
import Testing

@testable import PerfsiteCore

@Suite struct AmountTests {
    @Test(arguments: [
        ("1,022.51", "1022.51"), ("1944.64", "1944.64"), ("0", "0.00"), ("152.9", "152.90"), ("１，０２２．５１", "1022.51"),
        (" 9.8 ", "9.80"), ("12.3456", "12.3456"), ("0.000001", "0.000001"), ("468.42万元", "468.42"), ("-5", "-5.00"),
        ("1,000,000", "1000000.00"),
    ])
    func parsesWanYuan(_ text: String, _ expected: String) {
        guard case .amount(let amount) = Amount.parse(text, unit: .tenThousandYuan) else {
            Issue.record("\(text) did not parse")
            return
        }
        #expect(amount.plainText == expected)
    }

    @Test(arguments: ["1.2.3", "abc", "10,22.51", "1,0225.1", "一千", "1.", ".", "5元", "1e5", "--1"])
    func refusesWhatIsNotMoney(_ text: String) {
        #expect(Amount.parse(text, unit: .tenThousandYuan) == .notANumber, "\(text)")
    }

    @Test func precisionIsTheFen() {
        #expect(Amount.parse("1.2345678", unit: .tenThousandYuan) == .tooPrecise(decimals: 7))
        #expect(Amount.parse("1.234", unit: .yuan) == .tooPrecise(decimals: 3))
        #expect(Amount.parse("1.230", unit: .yuan) == .amount(Amount(fen: 123, unit: .yuan)))
        #expect(Amount.parse("1234567890123456", unit: .tenThousandYuan) == .outOfRange)
        #expect(Amount.parse("", unit: .yuan) == .empty)
    }

    @Test func sumsAreExact() {
        // 0.1 + 0.2 in Double is 0.30000000000000004; in 分 it is 0.30.
        let a = Amount(fen: 100_000, unit: .tenThousandYuan)
        let b = Amount(fen: 200_000, unit: .tenThousandYuan)
        #expect((a + b).plainText == "0.30")
        #expect(Amount(fen: 1_000_000, unit: .tenThousandYuan) == Amount(fen: 1_000_000, unit: .yuan))
        let big = Amount(fen: .max, unit: .yuan)
        #expect((big + big).fen == .max, "sums saturate instead of trapping")
    }

    /// Every amount reads back as itself, in every unit: formatting, the thousands separator and
    /// parsing agree on 20,000 random values, negative ones and the extremes included.
    @Test func formattingRoundTrips() {
        var generator = SystemRandomNumberGenerator()
        let extremes: [Int64] = [0, 1, -1, 99, 100, 999_999, 1_000_000, 999_999_999_999_999, Int64.max, Int64.min + 1]
        for unit in MoneyUnit.allCases {
            let values =
                extremes
                + (0..<5_000).map { _ in Int64.random(in: -10_000_000_000_000...10_000_000_000_000, using: &generator) }
            for fen in values {
                let amount = Amount(fen: fen, unit: unit)
                #expect(amount.formatted == ThousandsSeparator.apply(to: amount.plainText))
                let digits = amount.plainText.split(separator: ".")
                #expect(digits.count == 2 && digits[1].count >= 2 && digits[1].count <= unit.fractionDigits)
                guard amount.plainText.dropFirst(fen < 0 ? 1 : 0).split(separator: ".")[0].count <= 15 else { continue }
                #expect(Amount.parse(amount.formatted, unit: unit) == .amount(amount), "\(fen) \(unit)")
            }
        }
    }

    @Test func formatting() {
        #expect(Amount(fen: 1_944_640_000, unit: .tenThousandYuan).formatted == "1,944.64")
        #expect(Amount(fen: 123_456_789_00, unit: .yuan).formatted == "123,456,789.00")
        #expect(Amount(fen: -50, unit: .yuan).formatted == "-0.50")
        #expect(Amount(fen: 1_234_500_000, unit: .hundredMillionYuan).formatted == "0.12345")
        #expect(Amount(fen: Int64.min, unit: .yuan).formatted == "-92,233,720,368,547,758.08")
        #expect(MoneyUnit.named(in: "预算金额(万元)") == .tenThousandYuan)
        #expect(MoneyUnit.named(in: "金额（元）") == .yuan)
    }
}

@Suite struct TargetValueTests {
    @Test func kinds() {
        #expect(TargetValue.parse("98%") == .percent(98))
        #expect(TargetValue.parse("100％") == .percent(100))
        #expect(TargetValue.parse("0.98") == .fraction(Decimal(string: "0.98")!))
        #expect(TargetValue.parse("5") == .number(5))
        #expect(TargetValue.parse("1年") == .duration(1, unit: "年"))
        #expect(TargetValue.parse("12个月") == .duration(12, unit: "个月"))
        #expect(TargetValue.parse("200人次") == .quantity(200, unit: "人次"))
        #expect(TargetValue.parse("90万元") == .quantity(90, unit: "万元"))
        #expect(TargetValue.parse("可持续") == .qualitative("可持续"))
        #expect(TargetValue.parse("达到预期目标") == .qualitative("达到预期目标"))
        #expect(TargetValue.parse("") == .missing)
    }

    /// Numbers are built from their digits rather than by `Decimal(string:)`: the same values and
    /// the same text (what the JSON downloads write), up to and past 18 digits.
    @Test func numbersAsFoundationReadsThem() {
        var numbers = ["0", "7", "98.50", "007.5", "0.000", "1944.64", "123456789012345678", "1234567890123456789.5"]
        for whole in stride(from: 0, to: 10_000_000, by: 7919) {
            numbers += [String(whole), "\(whole).\(whole % 1000)", "\(whole % 100).0\(whole % 97)0"]
        }
        for number in numbers {
            let expected = Decimal(string: number, locale: Locale(identifier: "en_US_POSIX"))!
            guard case .percent(let parsed) = TargetValue.parse(number + "%") else {
                Issue.record("\(number)% not read as a percentage")
                continue
            }
            #expect(parsed == expected && parsed.description == expected.description, "\(number)")
        }
    }

    /// The leading number is split off the bytes as the Characters split it: on values as tables
    /// write them, and on random texts of digits, points, commas, units, combining marks (which
    /// join a digit into another Character), a ZWJ and a half-width voiced mark.
    @Test func numbersSplitOnBytesAsOnCharacters() {
        var texts = [
            "98%", "1,022.51万元", "12个月", "5.", ".5", "1.2.3", "100%完成", "3个以上", "≥95", "1\u{301}0",
            "10\u{301}个", "7\u{200D}天", "8ﾞ", "可持续", "", " ", "0.98", "1,0", ",1", "2026年",
        ]
        let pieces = [
            "1", "2", "0", ".", ",", "%", "个", "万元", "\u{301}", "\u{200D}", "ﾞ", " ", "x", "é", "e\u{301}", "℃", "－",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            texts.append((0..<Int.random(in: 1...6, using: &generator)).map { _ in pieces.randomElement()! }.joined())
        }
        for text in texts {
            let bytes = TargetValue.splitNumber(text)
            let characters = TargetValue.splitNumberByCharacters(text)
            #expect(bytes.0 == characters.0 && bytes.1 == characters.1, "«\(text)»")
        }
    }

    @Test(arguments: ["XX", "xx%", "XX个", "待填写", "/", "／", "……", "...", "指标2:", "指标3：", "三级指标1", "——"])
    func placeholders(_ text: String) {
        #expect(TargetValue.isPlaceholder(text), "\(text)")
        #expect(TargetValue.parse(text) == .placeholder(text.halfWidth.trimmedCell))
    }

    @Test(arguments: ["可持续", "98%", "指标体系完善", "无", "XXX 系统运维 <div>XXX</div>", "XX路改造工程项目经费"])
    func notPlaceholders(_ text: String) {
        #expect(!TargetValue.isPlaceholder(text))
    }

    @Test func embeddedComparators() {
        let ge = IndicatorTarget(raw: "≥95%")
        #expect(ge.embeddedComparator == .greaterOrEqual && ge.value == .percent(95) && ge.raw == "≥95%")
        let le = IndicatorTarget(raw: "≤90万元")
        #expect(le.embeddedComparator == .lessOrEqual && le.value == .quantity(90, unit: "万元"))
        let fullWidth = IndicatorTarget(raw: "＞＝80％")
        #expect(fullWidth.embeddedComparator == .greaterOrEqual && fullWidth.value == .percent(80))
        let words = IndicatorTarget(raw: "大于等于3个")
        #expect(words.embeddedComparator == .greaterOrEqual && words.value == .quantity(3, unit: "个"))
        #expect(IndicatorTarget(raw: "98%").embeddedComparator == nil)
    }

    @Test func percentNormalization() {
        #expect(TargetValue.parse("0.98").asPercentText == "98%")
        #expect(TargetValue.parse("0.955").asPercentText == "95.5%")
    }
}

@Suite struct ComparatorTests {
    @Test(arguments: [
        ("=", TargetComparator.equal), ("＝", .equal), ("≥", .greaterOrEqual), (">=", .greaterOrEqual),
        ("＞＝", .greaterOrEqual),
        ("≧", .greaterOrEqual), ("≤", .lessOrEqual), ("<=", .lessOrEqual), ("＜", .less), (">", .greater),
        ("＞", .greater),
        ("定性", .qualitative), ("大于等于", .greaterOrEqual), (" = ", .equal),
    ])
    func spellings(_ text: String, _ expected: TargetComparator) {
        #expect(TargetComparator(text: text) == expected)
    }

    @Test func unknown() {
        #expect(TargetComparator(text: "约") == nil)
        #expect(TargetComparator(text: "") == nil)
    }
}

@Suite struct TitleTests {
    @Test func sampleTitle() throws {
        let title = try #require(TableTitle.parse("洛阳高新区区级2026年部门整体支出绩效目标表"))
        #expect(title.region == "洛阳高新区" && title.level == "区级" && title.year == 2026)
        #expect(title.kind == "部门整体支出绩效目标表")
    }

    @Test func otherTitles() throws {
        let city = try #require(TableTitle.parse("洛阳市市本级２０２５年度部门整体支出绩效目标表"))
        #expect(city.region == "洛阳市" && city.level == "市本级" && city.year == 2025)
        #expect(TableTitle.parse("部门名称")?.year == nil)
        #expect(TableTitle.parse("基本支出") == nil)
    }
}

@Suite struct IndicatorSplitterTests {
    let splitter = IndicatorCellSplitter(vocabulary: .national)

    func triples(_ cell: String) -> [[String]] {
        guard case .triples(let found) = splitter.split(cell) else { return [] }
        return found.map { [$0.level1, $0.level2, $0.level3] }
    }

    @Test func levelThreeMayHoldSpacesAndPunctuation() {
        #expect(
            triples("产出指标 数量指标 培训 人次 (线上) 效益指标 社会效益指标 群众 满意 成本指标 经济成本指标 成本控制:在预算范围之内。")
                == [
                    ["产出指标", "数量指标", "培训 人次 (线上)"], ["效益指标", "社会效益指标", "群众 满意"],
                    ["成本指标", "经济成本指标", "成本控制:在预算范围之内。"],
                ])
    }

    @Test func aLevelOneWordInsideALevelThreeName() {
        // 三级 “降低产出指标 偏差” holds a 一级 word not followed by a 二级 name: it stays one name.
        #expect(triples("产出指标 质量指标 降低 产出指标 偏差") == [["产出指标", "质量指标", "降低 产出指标 偏差"]])
    }

    @Test func fullWidthSpaces() {
        #expect(triples("产出指标\u{3000}时效指标\u{3000}完成期限") == [["产出指标", "时效指标", "完成期限"]])
    }

    @Test func failures() {
        guard case .failure(let first) = splitter.split("质量指标 合规率") else {
            Issue.record("must fail")
            return
        }
        #expect(first.contains("质量指标"))
        guard case .failure(let missing) = splitter.split("产出指标 质量指标 合规率 效益指标 社会效益指标") else {
            Issue.record("must fail")
            return
        }
        #expect(missing.contains("缺少三级指标"))
    }

    @Test func vocabularyVariants() {
        let vocabulary = IndicatorVocabulary.national
        #expect(vocabulary.resolve(level1: "效益指标", level2: "环境效益指标") == .known(canonical: "生态效益指标", category: .benefit))
        #expect(vocabulary.resolve(level1: "产出指标", level2: "成本指标") == .known(canonical: "成本指标", category: .cost))
        #expect(
            vocabulary.resolve(level1: "效果指标", level2: "社会公众或服务对象满意度指标")
                == .known(canonical: "服务对象满意度指标", category: .satisfaction))
        #expect(vocabulary.resolve(level1: "成本指标", level2: "经济成本") == .known(canonical: "经济成本指标", category: .cost))
        #expect(vocabulary.resolve(level1: "效益指标", level2: "质量指标") == .misplaced(canonical: "质量指标", belongsTo: "产出指标"))
        #expect(vocabulary.resolve(level1: "产出指标", level2: "质景指标") == .unknown(suggestion: "质量指标"))
        #expect(vocabulary.resolve(level1: "产出指标", level2: "完全不同的名字") == .unknown(suggestion: nil))
    }

    @Test func siteAliases() throws {
        let extended = try IndicatorVocabulary.national.adding(level2Aliases: ["进度类指标": "时效指标"])
        #expect(extended.resolve(level1: "产出指标", level2: "进度类指标") == .known(canonical: "时效指标", category: .output))
        #expect(throws: IndicatorVocabulary.UnknownTarget.self) {
            try IndicatorVocabulary.national.adding(level2Aliases: ["x": "不存在的指标"])
        }
    }
}
