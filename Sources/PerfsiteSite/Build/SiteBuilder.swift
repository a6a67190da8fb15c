import Foundation
import PerfsiteCore

/// `perfsite build`: read → validate → assemble → render → publish. Any error stops the build
/// before Public/ is touched; warnings are reported and the site is built.
public struct SiteBuilder: Sendable {
    public var settings: SiteSettings
    /// Tables to read (files or folders); the settings' contentDir when empty.
    public var contentPaths: [String]
    /// The folder to publish into; the settings' publishDir when nil.
    public var outputPath: String?
    /// Where site themes live (`Themes/`).
    public var themesDirectory: String
    public var strict: Bool

    public init(
        settings: SiteSettings, contentPaths: [String] = [], outputPath: String? = nil,
        themesDirectory: String = "Themes", strict: Bool = false
    ) {
        self.settings = settings
        self.contentPaths = contentPaths
        self.outputPath = outputPath
        self.themesDirectory = themesDirectory
        self.strict = strict
    }

    public enum Outcome: Sendable {
        /// The new site is in place.
        case published(files: Int, written: Int, unchanged: Int, pages: Int)
        /// Validation found errors; nothing was published.
        case stoppedByErrors
        /// Something outside the tables failed (settings, theme, disk); nothing was published.
        case failed(String)
    }

    /// How long each stage took, for `--timings` and the benchmarks.
    public struct Timings: Sendable {
        public var check: Duration = .zero
        public var pages: Duration = .zero
        public var searchIndex: Duration = .zero
        public var publish: Duration = .zero

        public init() {}
    }

    public struct Result: Sendable {
        public var report: CheckReport
        public var timings = Timings()
        /// The tables' diagnostics and the site's own, with --strict applied.
        public var diagnostics: [Diagnostic]
        public var outcome: Outcome

        public init(report: CheckReport, timings: Timings = Timings(), diagnostics: [Diagnostic], outcome: Outcome) {
            self.report = report
            self.timings = timings
            self.diagnostics = diagnostics
            self.outcome = outcome
        }

        public var errorCount: Int { diagnostics.count { $0.severity == .error } }
        public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
    }

    /// The SHA-256 of each source table, as the manifest names it.
    static func sourceDigests(_ paths: [String]) throws -> [String: String] {
        var digests: [String: String] = [:]
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw PublishError(path: path, message: "无法读取源文件以计算校验值")
            }
            digests[path] = Manifest.hex(data)
        }
        return digests
    }

    public func build() -> Result {
        let empty = CheckReport(files: [])
        let vocabulary: IndicatorVocabulary
        let files: [String]
        do {
            vocabulary = try settings.vocabulary()
            files = try ContentFinder.tableFiles(in: contentPaths.isEmpty ? [settings.contentDir] : contentPaths)
        } catch let error as SettingsError {
            return Result(report: empty, diagnostics: [], outcome: .failed(error.description))
        } catch let error as ContentFinder.Missing {
            return Result(report: empty, diagnostics: [], outcome: .failed("\(error.path): error: 路径不存在"))
        } catch {
            return Result(report: empty, diagnostics: [], outcome: .failed("\(error)"))
        }

        let clock = ContinuousClock()
        var timings = Timings()
        var started = clock.now
        let report = TableChecker(vocabulary: vocabulary).check(paths: files)
        let (site, siteDiagnostics) = SiteAssembler.assemble(
            report.departments, projectTables: report.projectTables, settings: settings)
        timings.check = clock.now - started
        var diagnostics = report.diagnostics + siteDiagnostics
        if strict { diagnostics = diagnostics.map { $0.strict() } }
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            return Result(report: report, diagnostics: diagnostics, outcome: .stoppedByErrors)
        }

        let theme: Theme
        do {
            theme = try Theme.load(name: settings.theme, themesDirectory: themesDirectory)
        } catch {
            return Result(report: report, diagnostics: diagnostics, outcome: .failed(error.description))
        }
        let destination = URL(fileURLWithPath: outputPath ?? settings.publishDir)
        do {
            let staging = try StagingFolder(destination: destination)
            do {
                let renderer = SiteRenderer(theme: theme, settings: settings)
                let manifest = Manifest()
                let emit: @Sendable (OutputFile) throws -> Void = { file in
                    manifest.record(file)
                    try staging.write(file)
                }
                started = clock.now
                try renderer.render(site, emit: emit)
                try renderer.renderOpenData(site, emit: emit)
                timings.pages = clock.now - started
                started = clock.now
                try renderer.renderSearchIndex(site, emit: emit)
                timings.searchIndex = clock.now - started
                started = clock.now
                let sources = try Self.sourceDigests(files)
                let publishedSources = Dictionary(
                    sources.map { (renderer.publishedPath(ofSource: $0.key), $0.value) },
                    uniquingKeysWith: { first, _ in first })
                try staging.write(manifest.file(sources: publishedSources, generator: "perfsite"))
                try staging.commit()
                timings.publish = clock.now - started
            } catch {
                staging.discard()
                return Result(report: report, diagnostics: diagnostics, outcome: .failed("\(error)"))
            }
            let counts = staging.counts
            // Home, 404, search, the year pages, a page per department (and a print view with an
            // overall table), a page and a print view per task, a page per project table.
            let pages =
                3 + site.years.count
                + site.departments.reduce(0) {
                    $0 + 1 + ($1.department == nil ? 0 : 1) + 2 * $1.projects.count + $1.projectTables.count
                }
            return Result(
                report: report, timings: timings, diagnostics: diagnostics,
                outcome: .published(
                    files: counts.written + counts.unchanged, written: counts.written, unchanged: counts.unchanged,
                    pages: pages))
        } catch {
            return Result(report: report, diagnostics: diagnostics, outcome: .failed(error.description))
        }
    }
}
