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
            and a summary. Exit status: 0 no errors, 1 validation errors, 2 usage or I/O errors.
            """)

    @Argument(help: "Table files or folders (default: the contentDir of perfsite.toml, Content/).")
    var paths: [String] = []

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(help: "The site settings file.")
    var config: String = "perfsite.toml"

    enum Format: String, ExpressibleByArgument {
        case text, json
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
        switch format {
        case .text:
            for diagnostic in diagnostics { print(diagnostic.formatted) }
            print(
                "检查了 \(summary.files) 个文件:\(summary.departments) 个部门、\(summary.projects) 个任务、"
                    + (summary.projectTables > 0 ? "\(summary.projectTables) 个项目表、" : "")
                    + "\(summary.indicators) 个指标;\(summary.errors) 个错误,\(summary.warnings) 个警告")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let output = CheckOutput(
                summary: summary, diagnostics: diagnostics, departments: report.departments,
                projectTables: report.projectTables)
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
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
