import Foundation
import Testing

@testable import PerfsiteCore

/// `containsBytes` answers what Foundation's `contains` does for what the readers look for.
@Suite struct ContainsBytesTests {
    @Test func agreesWithFoundationsContains() {
        let texts = [
            "", "合计", "支出合计", "合计(万元)", "收入合计 ", "合 计", "合", "计合", "预算金额(万元)", "金额（元）",
            "亿元", "千元以上", "1022.51", "100", "0.", ".5", "a\u{0}b", "\u{0}", "合合计", "计计合计计",
            String(repeating: "合", count: 300) + "计",
        ]
        let needles = ["", "合计", "元", "万元", "亿元", "千元", ".", "\u{0}", "合计合计"]
        for text in texts {
            for needle in needles {
                #expect(
                    text.containsBytes(needle) == (needle.isEmpty || text.contains(needle)), "«\(text)» «\(needle)»")
            }
        }
    }

    /// `withUTF8Bytes` lends the same bytes as the UTF-8 view, for small (inline) strings, large
    /// ones, and strings made through Foundation.
    @Test func lentBytesAreTheUTF8View() {
        let large = String(repeating: "绩效目标", count: 40)
        let texts = [
            "", "a", "合计", "15 bytes exact!", "sixteen bytes ok", large, String(large.dropFirst(3)),
            NSString(string: "经由 Foundation 的文本").description, String(format: "%@-%d", "格式", 7),
        ]
        for text in texts {
            #expect(text.withUTF8Bytes { Array($0) } == Array(text.utf8), "«\(text)»")
        }
    }

    @Test func readsBudgetTotalsAndUnitsAsBefore() {
        #expect(MoneyUnit.named(in: "预算金额(万元)") == .tenThousandYuan)
        #expect(MoneyUnit.named(in: "金额（元）") == .yuan)
        #expect(MoneyUnit.named(in: "亿元") == .hundredMillionYuan)
        #expect(MoneyUnit.named(in: "金额") == nil)
    }
}
