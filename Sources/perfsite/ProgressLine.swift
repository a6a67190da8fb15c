import Foundation
import PerfsiteSite

/// The one-line progress display of a long build: `生成页面 1,234/10,000 个部门`, redrawn in place
/// on standard error. It stays silent when standard error is not a terminal (CI logs, pipes,
/// `2> build.log`) and for builds that finish within a second, so short builds and scripts see
/// exactly the output they always did.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let started = ContinuousClock.now
    private var lastDrawn = ContinuousClock.now - .seconds(1)
    private var drawn = false
    let enabled: Bool

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.enabled = enabled
    }

    func update(_ progress: BuildProgress) {
        guard enabled else { return }
        let now = ContinuousClock.now
        lock.lock()
        defer { lock.unlock() }
        let finished = progress.total > 0 && progress.done == progress.total
        guard now - started >= .seconds(1), now - lastDrawn >= .milliseconds(100) || finished else { return }
        lastDrawn = now
        drawn = true
        var text = progress.stage.rawValue
        if progress.total > 0 {
            let unit = progress.stage == .checking ? "个文件" : "个部门"
            text += " \(progress.done.formatted(.number))/\(progress.total.formatted(.number)) \(unit)"
        } else {
            text += "……"
        }
        // \r and erase-line: the line is redrawn in place, never scrolled.
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    /// Erases the line so the summary that follows starts on a clean line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }
}
