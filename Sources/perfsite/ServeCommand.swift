import ArgumentParser
import Foundation
import PerfsiteCore
import PerfsiteServe
import PerfsiteSite

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site locally, rebuilding and reloading pages as the tables change.",
        discussion: """
            Builds the site, serves it at http://127.0.0.1:8080/, and watches Content/, Themes/ and
            perfsite.toml. Each saved change rebuilds the site and open pages reload by themselves;
            a build with errors shows them over the page, and the last good pages stay served until
            the table is fixed. Press Ctrl-C to stop.

            The preview is built into a temporary folder, so Public/ is left as the last
            `perfsite build` made it (use --output to choose the folder). Pages are served with
            baseURL "/".

            Examples:
              perfsite serve
              perfsite serve --port 0                 any free port (printed at start)
              perfsite serve --host 0.0.0.0           let other machines on the network look too
              perfsite serve --poll                   for folders where file events do not arrive
            """)

    @Option(help: "The address to listen on. Anything but loopback lets other machines see the preview.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port: Int = 8080

    @Option(help: "The site settings file.")
    var config: String = "perfsite.toml"

    @Option(help: "The folder to build the preview into (default: a temporary folder, removed at exit).")
    var output: String?

    @Flag(help: "Watch by polling file times every half second instead of inotify (network drives).")
    var poll = false

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port 需在 0 到 65535 之间") }
    }

    func run() async throws {
        let site = SiteFolder(config: config)
        do {
            _ = try site.settings()
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        var temporary: String?
        let siteFolder: String
        if let output {
            siteFolder = output
        } else {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "perfsite-serve-\(ProcessInfo.processInfo.processIdentifier)")
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            temporary = folder.path
            siteFolder = folder.appendingPathComponent("site").path
        }
        defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }

        if !Self.isLoopback(host) {
            Console.error(
                "警告:预览服务器监听在 \(host),同一网络中的其他计算机也能访问它。预览服务器只用于本机预览,正式发布请用 perfsite build 和网站服务器。")
        }
        let strict = strict
        let cache = CheckCache()
        let build: @Sendable () -> SiteBuilder.Result = {
            var settings: SiteSettings
            do {
                settings = try site.settings()
            } catch {
                return SiteBuilder.Result(
                    report: CheckReport(files: []), diagnostics: [], outcome: .failed("\(error)"))
            }
            // The preview is served at the root, whatever address the published site will have.
            settings.baseURL = "/"
            var builder = SiteBuilder(
                settings: settings, contentPaths: [site.resolve(settings.contentDir)], outputPath: siteFolder,
                themesDirectory: site.resolve("Themes"), strict: strict)
            // Unchanged tables are not checked again, and unchanged departments not rendered again.
            builder.checkCache = cache
            // Its own part of the cache: the preview's pages differ from the published ones (the
            // base URL), and sharing one would make each throw away what the other stored.
            builder.cacheDirectory = site.resolve(settings.cacheDir) + "/serve"
            builder.removeOldSiteLater = true
            // A preview needs no whole-site swap: only the changed files are written.
            builder.inPlace = true
            return builder.build()
        }
        let settings = try site.settings()
        let watched = [site.resolve(settings.contentDir), site.resolve("Themes"), config]
        var configuration = PreviewServer.Configuration(
            host: host, port: port, siteFolder: siteFolder, watchedPaths: watched,
            watchMode: poll ? .polling(interval: .milliseconds(500)) : .inotify)
        configuration.quietPeriod = .milliseconds(150)
        let server = PreviewServer(configuration: configuration, build: build, report: Self.report)
        do {
            try await server.run()
        } catch {
            Console.error("预览服务器无法运行:\(error)")
            throw ExitCode(2)
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// One line per event, flushed at once: a person, or a test, is reading as it happens.
    @Sendable static func report(_ event: PreviewServer.Event) {
        var lines: [String] = []
        switch event {
        case .listening(let host, let port):
            let shown = host.contains(":") ? "[\(host)]" : host
            lines.append("预览地址:http://\(shown):\(port)/  (按 Ctrl-C 结束)")
        case .watching(let mode):
            lines.append(mode == .inotify ? "正在监视表格、主题和 perfsite.toml 的变化" : "正在以轮询方式监视变化(每 0.5 秒)")
        case .changed(let paths):
            let here = FileManager.default.currentDirectoryPath + "/"
            let shown = paths.prefix(3).map { $0.hasPrefix(here) ? String($0.dropFirst(here.count)) : $0 }
                .joined(separator: "、")
            lines.append("变化:\(shown)\(paths.count > 3 ? " 等 \(paths.count) 个文件" : "")")
        case .built(let result, let status, let seconds):
            for diagnostic in result.diagnostics where diagnostic.severity == .error {
                lines.append(diagnostic.formatted)
            }
            if let failure = status.failure { lines.append(failure) }
            lines.append("\(status.summary)(用时 \(String(format: "%.2f", seconds)) 秒)")
        case .stopping:
            lines.append("正在停止预览服务器……")
        }
        let text = lines.joined(separator: "\n") + "\n"
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
