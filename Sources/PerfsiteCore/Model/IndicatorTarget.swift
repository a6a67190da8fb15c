/// A 年度指标值 as written and as understood.
public struct IndicatorTarget: Sendable, Hashable {
    /// The text exactly as the table wrote it, shown to citizens as is.
    public var raw: String
    /// A comparator written inside the value (`≥95%`), which takes precedence over the row's 对比符号.
    public var embeddedComparator: TargetComparator?
    public var value: TargetValue

    public init(raw: String) {
        self.raw = raw
        if let (comparator, rest) = TargetComparator.leading(in: raw) {
            embeddedComparator = comparator
            value = TargetValue.parse(rest)
        } else {
            embeddedComparator = nil
            value = TargetValue.parse(raw)
        }
    }
}
