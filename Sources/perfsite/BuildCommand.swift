import ArgumentParser
import Foundation
import PerfsiteCore
import PerfsiteSite

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check the tables and publish the site into Public/.",
        discussion: """
            Reads and validates every table, then renders the site into a staging folder and swaps it
            into place in one step. Any error stops the build and leaves the previous Public/ exactly
            as it was; warnings are printed and the site is built.

            Examples:
              perfsite build
              perfsite build --strict --output /srv/www/yusuan
              perfsite build --content Content/2026 --quiet
            On a terminal, a build that takes more than a second shows a progress line
            (departments done / total) on standard error; redirected output never has one.
            Exit status: 0 published, 1 validation errors, 2 usage, settings, theme or I/O errors.
            """)

    @Option(help: "Tables to read: a folder or file (default: contentDir of perfsite.toml).")
    var content: [String] = []

    @Option(help: "The folder to publish into (default: publishDir of perfsite.toml, Public/).")
    var output: String?

    @Option(help: "The site settings file.")
    var config: String = "perfsite.toml"

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(help: "Also write a .gz beside each large text file (as precompress = true in perfsite.toml).")
    var precompress = false

    @Flag(
        help: ArgumentHelp(
            "Update the previous site in place, writing only the files that changed.",
            discussion: """
                Much faster than a full swap after a small edit of a large site. Each file is replaced
                whole, but a build that is killed or fails half-way leaves some pages new and some old
                until the next build, which then publishes the whole site again.
                """))
    var inPlace = false

    @Flag(
        help: ArgumentHelp(
            "Read and check every table again, ignoring the build cache (cacheDir, .perfsite-cache/).",
            discussion: """
                The cache only saves time: what it holds is keyed by the tables' files and the perfsite
                binary, and a build with or without it publishes the same bytes. Pages of departments
                whose tables did not change are still taken from the previous site (manifest.json).
                """))
    var noCache = false

    @Flag(help: "Print only errors.")
    var quiet = false

    @Flag(help: "Print how long each stage took (to standard error).")
    var timings = false

    func run() throws {
        let started = ContinuousClock.now
        let site = SiteFolder(config: config)
        var settings: SiteSettings
        do {
            settings = try site.settings()
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        if precompress { settings.precompress = true }
        var builder = SiteBuilder(
            settings: settings, contentPaths: content.isEmpty ? [site.resolve(settings.contentDir)] : content,
            outputPath: output ?? site.resolve(settings.publishDir), themesDirectory: site.resolve("Themes"),
            strict: strict)
        builder.inPlace = inPlace
        builder.freesModels = false  // the process ends with the build
        if !noCache { builder.cacheDirectory = site.resolve(settings.cacheDir) }
        let progressLine = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) == 1)
        if progressLine.enabled { builder.progress = { progressLine.update($0) } }
        let result = builder.build()
        progressLine.finish()
        for diagnostic in result.diagnostics where !quiet || diagnostic.severity == .error {
            print(diagnostic.formatted)
        }
        let summary = result.summary
        let seconds = Self.seconds(started.duration(to: .now))
        if timings {
            let stages = [
                ("check", result.timings.check), ("pages", result.timings.pages),
                ("publish", result.timings.publish),
            ]
            Console.error(
                stages.map { "\($0.0) \(String(format: "%.3f", Self.seconds($0.1)))s" }.joined(separator: "  ")
                    + "  (tables from the cache: \(result.tablesFromCache))  (search index: "
                    + (result.searchIndexPatched ? "patched)" : "built whole)")
                    + "  (site pages: \(result.sitePagesKept ? "kept" : "rendered"))"
                    + "  (open-data rows copied: \(result.openDataRowsCopied), bytes not hashed again: "
                    + "\(result.openDataBytesNotRehashed))"
                    + "  (manifest entries copied: \(result.manifestEntriesCopied))")
        }
        switch result.outcome {
        case .published(let files, let written, let unchanged, let pages):
            if !quiet {
                print(
                    "已发布到 \(output ?? settings.publishDir)/:\(summary.departments) 个部门、\(summary.projects) 个任务"
                        + (summary.projectTables > 0 ? "、\(summary.projectTables) 个项目表," : ",")
                        + "\(pages) 个页面,共 \(files) 个文件(写入 \(written),未变 \(unchanged));"
                        + "\(result.warningCount) 个警告;用时 \(String(format: "%.2f", seconds)) 秒")
                if result.restoredFiles > 0 {
                    print(
                        "上次发布的 \(result.restoredFiles) 个文件已不在 \(output ?? settings.publishDir)/ 中(发布后被删除),已重新生成。")
                }
            }
        case .stoppedByErrors:
            Console.error(
                "有 \(result.errorCount) 个错误,未发布:\(output ?? settings.publishDir)/ 保持原样。请改正表格后重新运行 perfsite build。")
            throw ExitCode(1)
        case .failed(let message):
            Console.error(message)
            if result.partlyUpdated {
                Console.error("发布未完成:\(output ?? settings.publishDir)/ 只更新了一部分。下次 perfsite build 会重新生成整个网站。")
            } else {
                Console.error("未发布:\(output ?? settings.publishDir)/ 保持原样。")
            }
            throw ExitCode(2)
        }
    }
}

extension BuildCommand {
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
