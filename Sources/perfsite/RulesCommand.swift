import ArgumentParser
import PerfsiteCore

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the validation rules (the rule catalogue), as text or as a Markdown table.",
        discussion: """
            Each rule with its id, severity, what it checks, why, how to fix the table, and an example
            diagnostic. docs/rules.md is this list as Markdown.

            Examples:
              perfsite rules
              perfsite rules | grep -A4 B003
              perfsite rules --format markdown > docs/rules.md
            """)

    @Option(help: "Output format: text or markdown.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument {
        case text, markdown
    }

    func run() {
        switch format {
        case .text:
            for rule in Rule.catalogue {
                print(
                    "\(rule.id)  \(rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(rule.title)"
                )
                print("      检查:\(rule.checks)")
                print("      原因:\(rule.why)")
                print("      修改:\(rule.fix)")
                print("      示例:\(rule.example)")
            }
        case .markdown:
            print(Rule.catalogueMarkdown(), terminator: "")
        }
    }
}
