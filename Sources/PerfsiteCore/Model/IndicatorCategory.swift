/// The kind of a 一级指标, which is what the minimum-indicator rule counts. The legacy 一级
/// 效果指标 covered both 效益 and 满意度; its 二级 decides which of the two an indicator counts as.
public enum IndicatorCategory: String, Sendable, Codable, CaseIterable {
    case cost = "成本指标"
    case output = "产出指标"
    case benefit = "效益指标"
    case satisfaction = "满意度指标"
}
