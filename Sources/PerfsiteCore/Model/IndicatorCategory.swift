/// The kind of a 一级指标, which is what the minimum-indicator rule counts. The legacy 一级
/// 效果指标 covered both 效益 and 满意度; its 二级 decides which of the two an indicator counts as.
public enum IndicatorCategory: String, Sendable, Codable, CaseIterable {
    case cost = "成本指标"
    case output = "产出指标"
    case benefit = "效益指标"
    case satisfaction = "满意度指标"
}

extension IndicatorCategory: Hashable {
    /// By case. An enum with String raw values otherwise hashes its raw value (RawRepresentable's
    /// default), and a Chinese String hashes through its normalization: the validator's count of
    /// every indicator's category by hashing 成本指标 and the like was 0.4% of a build (perf).
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .cost: hasher.combine(0)
        case .output: hasher.combine(1)
        case .benefit: hasher.combine(2)
        case .satisfaction: hasher.combine(3)
        }
    }
}
