import ArgumentParser
import Foundation

/// The command line. Exit codes are part of the interface (DESIGN.md): 0 clean, 1 validation
/// errors, 2 usage or I/O errors — so argument-parser's usage code 64 is mapped to 2.
@main
struct Perfsite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perfsite",
        abstract: "Publish budget performance-target tables (绩效目标表) as a static disclosure site.",
        discussion: """
            Reads the tables in Content/, checks them against the indicator framework and their own
            arithmetic, and renders the disclosure site into Public/.

            Examples:
              perfsite new 我的站点                create a site with the sample table
              perfsite build                      check and publish Content/ into Public/
              perfsite serve                      preview at http://127.0.0.1:8080/ with live reload
              perfsite check                      check every table under Content/
              perfsite check Content/2026 --strict
              perfsite check --format json > report.json
              perfsite check --format html --output report.html
                                                  a report to open in a browser
              perfsite theme copy templates/layout.mustache
                                                  change one template of the theme
              perfsite rules                      list the validation rules
            """,
        version: PerfsiteVersion.current,
        subcommands: [
            BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, ThemeCommand.self,
            RulesCommand.self,
        ]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success || code == ExitCode(1) || code == ExitCode(2) {
                if code == .success { print(fullMessage(for: error)) }
                Foundation.exit(code.rawValue)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

enum PerfsiteVersion {
    static let current = "0.1.0"
}
