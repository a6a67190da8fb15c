import Foundation

/// `perfsite new DIR`: a working site to start from — settings with comments, the sample table in
/// Content/, and an empty theme folder for overrides — so a bureau's first build succeeds.
public enum SiteScaffold {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): error: \(message)" }
    }

    /// Creates the site in `directory`, which must not exist or be empty. Returns the paths written.
    public static func create(in directory: String) throws(Failure) -> [String] {
        let manager = FileManager.default
        if let existing = try? manager.contentsOfDirectory(atPath: directory), !existing.isEmpty {
            throw Failure(path: directory, message: "目录已存在且不为空,请换一个新目录")
        }
        var written: [String] = []
        do {
            for (relative, text) in files.sorted(by: { $0.key < $1.key }) {
                let path = (directory as NSString).appendingPathComponent(relative)
                try manager.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                written.append(path)
            }
            let overrides = (directory as NSString).appendingPathComponent("Themes/default")
            try manager.createDirectory(atPath: overrides, withIntermediateDirectories: true)
            written.append(overrides + "/")
        } catch {
            throw Failure(path: directory, message: "无法创建站点:\(PublishIO.reason(error))")
        }
        return written
    }
}
