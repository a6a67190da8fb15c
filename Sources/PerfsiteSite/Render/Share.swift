import PerfsiteCore

/// A part of a whole as a percentage with one decimal, computed on 分 in integers so that the
/// shares a page shows come from the exact amounts (`16.6%`), never from rounded display values.
struct Share: Sendable {
    /// Tenths of a percent, rounded half up.
    let permille: Int

    init?(_ part: Amount, of whole: Amount) {
        guard whole.fen > 0 else { return nil }
        let (scaled, overflow) = part.fen.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return nil }
        permille = Int((scaled * 2 + whole.fen) / (whole.fen * 2))
    }

    /// `16.6%`.
    var text: String { "\(permille / 10).\(permille % 10)%" }
    /// `16.6`, for sorting and SVG widths.
    var number: String { "\(permille / 10).\(permille % 10)" }
}
