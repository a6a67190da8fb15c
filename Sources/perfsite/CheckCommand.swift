import ArgumentParser
import Foundation
import PerfsiteCore
import PerfsiteSite

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read and validate tables without building the site.",
        discussion: """
            Prints one diagnostic per line, in the form compilers use:
              Content/2026/x.tsv:13:9: warning[I005]: …
            and a summary. --format json gives the diagnostics and the models read; --format html
            writes one self-contained page (校验报告) showing each problem's row with the cell marked,
            for people who fix tables in Excel. Exit status: 0 no errors, 1 validation errors,
            2 usage or I/O errors.

            Examples:
              perfsite check
              perfsite check Content/2026/财政局.xlsx --strict
              perfsite check --format html --output report.html
              perfsite check --format json | jq '.diagnostics[] | select(.rule == "B003")'
            """)

    @Argument(help: "Table files or folders (default: the contentDir of perfsite.toml, Content/).")
    var paths: [String] = []

    @Option(help: "Output format: text, json or html.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Write the output to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(help: "The site settings file.")
    var config: String = "perfsite.toml"

    enum Format: String, ExpressibleByArgument {
        case text, json, html
    }

    func run() throws {
        let site = SiteFolder(config: config)
        let settings: SiteSettings
        let vocabulary: IndicatorVocabulary
        do {
            settings = try site.settings()
            vocabulary = try settings.vocabulary()
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        let files: [String]
        do {
            files = try ContentFinder.tableFiles(in: paths.isEmpty ? [site.resolve(settings.contentDir)] : paths)
        } catch {
            Console.error("\(error.path): error: 路径不存在")
            throw ExitCode(2)
        }
        let report = TableChecker(vocabulary: vocabulary).check(paths: files)
        let diagnostics = report.diagnostics(strict: strict)
        let summary = report.summary(strict: strict)
        let summaryLine =
            "检查了 \(summary.files) 个文件:\(summary.departments) 个部门、\(summary.projects) 个任务、"
            + (summary.projectTables > 0 ? "\(summary.projectTables) 个项目表、" : "")
            + "\(summary.indicators) 个指标;\(summary.errors) 个错误,\(summary.warnings) 个警告"
        let text: String
        switch format {
        case .text:
            text = diagnostics.map { $0.formatted + "\n" }.joined() + summaryLine + "\n"
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let output = CheckOutput(
                summary: summary, diagnostics: diagnostics, departments: report.departments,
                projectTables: report.projectTables)
            text = String(decoding: try encoder.encode(output), as: UTF8.self) + "\n"
        case .html:
            let theme: Theme
            do {
                theme = try Theme.load(name: settings.theme, themesDirectory: site.resolve("Themes"))
            } catch {
                Console.error(error.description)
                throw ExitCode(2)
            }
            text = ValidationReport(theme: theme).render(
                report: report, diagnostics: diagnostics, strict: strict, generated: Date())
        }
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                Console.error("\(output): error: 无法写入:\(error.localizedDescription)")
                throw ExitCode(2)
            }
            // The file holds the details; the terminal gets the one line a script or a person needs.
            print(summaryLine + ";报告已写入 \(output)")
        } else {
            print(text, terminator: "")
        }
        // I/O failures (unreadable files) are exit 2, so scripts can tell "fix the table" from "fix the setup".
        if diagnostics.contains(where: { $0.rule == .unreadableFile }) { throw ExitCode(2) }
        if summary.errors > 0 { throw ExitCode(1) }
    }
}

private struct CheckOutput: Encodable {
    var summary: CheckReport.Summary
    var diagnostics: [Diagnostic]
    var departments: [Department]
    var projectTables: [ProjectTable]
}
