import Foundation
import Hummingbird
import Logging
import PerfsiteSite
import ServiceLifecycle

/// `perfsite serve`: builds the site, serves it, and rebuilds it whenever a source changes.
///
/// Hummingbird 2 serves HTTP: it is SwiftNIO underneath, so a slow or idle client costs a channel
/// and never a thread, its response bodies stream (Server-Sent Events need that), and it comes
/// with swift-service-lifecycle, which turns SIGINT and SIGTERM into an orderly shutdown.
public struct PreviewServer: Sendable {
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port; `onReady` reports the one bound.
        public var port: Int
        /// The folder the builds publish into, which is served.
        public var siteFolder: String
        /// Content/, Themes/ and perfsite.toml: whatever a build reads.
        public var watchedPaths: [String]
        public var watchMode: ChangeWatcher.Mode
        public var quietPeriod: Duration = .milliseconds(150)
        public var heartbeat: Duration = .seconds(15)

        public init(host: String, port: Int, siteFolder: String, watchedPaths: [String], watchMode: ChangeWatcher.Mode)
        {
            self.host = host
            self.port = port
            self.siteFolder = siteFolder
            self.watchedPaths = watchedPaths
            self.watchMode = watchMode
        }
    }

    /// What the server tells the person at the terminal.
    public enum Event: Sendable {
        case listening(host: String, port: Int)
        case watching(ChangeWatcher.Mode)
        case changed([String])
        case built(SiteBuilder.Result, PreviewStatus, seconds: Double)
        case stopping
    }

    public var configuration: Configuration
    /// Runs one build with the current settings (the caller re-reads perfsite.toml each time).
    public var build: @Sendable () -> SiteBuilder.Result
    public var report: @Sendable (Event) -> Void

    public init(
        configuration: Configuration, build: @escaping @Sendable () -> SiteBuilder.Result,
        report: @escaping @Sendable (Event) -> Void
    ) {
        self.configuration = configuration
        self.build = build
        self.report = report
    }

    /// Serves until SIGINT or SIGTERM (or until the surrounding task is cancelled).
    public func run() async throws {
        var logger = Logger(label: "perfsite.serve")
        logger.logLevel = .error
        let started = String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)
        // The folder must exist for the resolver to pin its real path (builds swap its contents).
        try? FileManager.default.createDirectory(atPath: configuration.siteFolder, withIntermediateDirectories: true)
        var initial = PreviewStatus.starting(version: started + "-0")
        initial.hasSite = FileManager.default.fileExists(atPath: configuration.siteFolder + "/index.html")
        let hub = LiveReloadHub(status: initial)
        let responder = PreviewResponder(
            resolver: SiteFileResolver(root: URL(fileURLWithPath: configuration.siteFolder)), hub: hub,
            heartbeat: configuration.heartbeat)
        let report = report
        let application = Application(
            responder: responder,
            server: .http1(configuration: .init(idleTimeout: .seconds(60))),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil, reuseAddress: true),
            onServerRunning: { channel in
                report(.listening(host: configuration.host, port: channel.localAddress?.port ?? configuration.port))
            },
            logger: logger)
        let rebuilder = Rebuilder(
            configuration: configuration, hub: hub, versionPrefix: started, build: build, report: report)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: application), .init(service: rebuilder)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}

/// Watches, batches and rebuilds; publishes each build's status to the open pages.
struct Rebuilder: Service {
    let configuration: PreviewServer.Configuration
    let hub: LiveReloadHub
    let versionPrefix: String
    let build: @Sendable () -> SiteBuilder.Result
    let report: @Sendable (PreviewServer.Event) -> Void

    func run() async throws {
        let batcher = ChangeBatcher(quietPeriod: configuration.quietPeriod)
        let watcher = ChangeWatcher(paths: configuration.watchedPaths, mode: configuration.watchMode) {
            batcher.record($0)
        }
        report(.watching(watcher.mode))
        defer { watcher.stop() }
        await withGracefulShutdownHandler {
            var generation = 0
            // A folder that already holds a site (`--output Public`) is served until a build replaces it.
            var hasSite = FileManager.default.fileExists(atPath: configuration.siteFolder + "/index.html")
            await rebuild(generation: &generation, hasSite: &hasSite)
            for await batch in batcher.batches() {
                report(.changed(batch))
                await rebuild(generation: &generation, hasSite: &hasSite)
            }
        } onGracefulShutdown: {
            report(.stopping)
            // Open event streams would otherwise hold the HTTP server's graceful shutdown open.
            hub.closeAll()
            batcher.finish()
        }
    }

    private func rebuild(generation: inout Int, hasSite: inout Bool) async {
        let clock = ContinuousClock()
        let started = clock.now
        // A build is CPU work for seconds on a large site: off the cooperative pool's threads.
        let build = build
        let result = await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: build()) }
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let status: PreviewStatus
        switch result.outcome {
        case .published(_, let written, _, _):
            // Only a build that changed bytes makes pages reload.
            if written > 0 || !hasSite { generation += 1 }
            hasSite = true
            let summary = result.summary
            status = PreviewStatus(
                version: "\(versionPrefix)-\(generation)", ok: true, hasSite: true,
                summary: "已构建:\(summary.departments) 个部门、\(summary.projects) 个任务,\(result.warningCount) 个警告",
                diagnostics: result.diagnostics)
        case .stoppedByErrors:
            status = PreviewStatus(
                version: "\(versionPrefix)-\(generation)", ok: false, hasSite: hasSite,
                summary: "构建失败:\(result.errorCount) 个错误,页面未更新", diagnostics: result.diagnostics)
        case .failed(let message):
            status = PreviewStatus(
                version: "\(versionPrefix)-\(generation)", ok: false, hasSite: hasSite,
                summary: "构建失败,页面未更新", diagnostics: result.diagnostics, failure: message)
        }
        hub.publish(status)
        report(.built(result, status, seconds: seconds))
    }
}
