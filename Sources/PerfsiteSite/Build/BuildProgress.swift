import Foundation

/// How far a build is, for the progress line of `perfsite build` on a terminal. Reported from
/// several threads at once; the receiver decides how often to draw.
public struct BuildProgress: Sendable, Hashable {
    public enum Stage: String, Sendable, Hashable {
        /// Reading and validating tables: `done` of `total` files.
        case checking = "检查表格"
        /// Rendering department folders: `done` of `total` departments (reused ones count as done).
        case rendering = "生成页面"
        /// Open data, the search index and the swap into place: no count.
        case finishing = "生成检索索引并发布"
    }

    public var stage: Stage
    public var done: Int
    public var total: Int

    public init(stage: Stage, done: Int, total: Int) {
        self.stage = stage
        self.done = done
        self.total = total
    }
}

/// Counts finished items from many threads and reports each new count.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let stage: BuildProgress.Stage
    private let total: Int
    private let report: (@Sendable (BuildProgress) -> Void)?

    init(_ stage: BuildProgress.Stage, total: Int, done: Int = 0, report: (@Sendable (BuildProgress) -> Void)?) {
        self.stage = stage
        self.total = total
        self.done = done
        self.report = report
        report?(BuildProgress(stage: stage, done: done, total: total))
    }

    func advance() {
        guard let report else { return }
        lock.lock()
        done += 1
        let now = done
        lock.unlock()
        report(BuildProgress(stage: stage, done: now, total: total))
    }
}
