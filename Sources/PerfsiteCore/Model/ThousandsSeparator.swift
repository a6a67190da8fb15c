/// Thousands separators as perfsite prints numbers: `1944.64` → `1,944.64`, `-1048576` →
/// `-1,048,576`. One place for amounts on pages, figures in messages and the HTML report.
public enum ThousandsSeparator {
    /// `number` with a comma every three digits of its whole part; anything that is not a plain
    /// decimal number (an optional `-`, ASCII digits, an optional `.` and digits) comes back as it is.
    public static func apply(to number: String) -> String {
        let sign = number.hasPrefix("-") ? "-" : ""
        let parts = number.dropFirst(sign.count).split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            parts.count == 1 || parts[1].utf8.allSatisfy({ (0x30...0x39).contains($0) })
        else { return number }
        var grouped = ""
        for (offset, digit) in whole.enumerated() {
            if offset > 0 && (whole.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return sign + grouped + (parts.count == 2 ? "." + parts[1] : "")
    }
}
