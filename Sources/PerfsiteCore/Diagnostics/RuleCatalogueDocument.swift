extension Rule {
    /// The catalogue as the Markdown table in docs/rules.md. A test compares the two, so the
    /// published documentation is always the catalogue the code applies.
    public static func catalogueMarkdown() -> String {
        var lines = [
            "# 校验规则目录 · Rule catalogue",
            "",
            "`perfsite check` 和 `perfsite build` 对每张表格应用以下规则。错误(error)会阻止发布;"
                + "警告(warning)会打印出来但网站照常生成,`--strict` 把警告也当作错误。",
            "每条诊断的格式是 `文件:行:列: 级别[编号]: 说明`;行号从 1 起数,列号是第几个单元格(从 1 起数)。",
            "",
            "本文件由 `perfsite rules --format markdown` 生成,请勿手工修改。",
            "",
            "| 编号 | 级别 | 规则 | 检查什么 | 为什么 | 怎样修改 | 示例 |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for rule in catalogue {
            let level = rule.severity == .error ? "错误" : "警告"
            let cells = [rule.id, level, rule.title, rule.checks, rule.why, rule.fix, "`\(rule.example)`"]
            lines.append(
                "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
