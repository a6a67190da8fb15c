import Foundation

/// The folder a site lives in: the one holding its perfsite.toml. Paths in the settings
/// (contentDir, publishDir, Themes/) are relative to it, as Hugo's are to its source folder, so
/// `perfsite build --config sites/区财政局/perfsite.toml` builds that site from anywhere.
/// Paths given on the command line stay relative to the working directory.
struct SiteFolder {
    let root: String

    init(config: String) {
        root = (config as NSString).deletingLastPathComponent
    }

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") || root.isEmpty ? path : (root as NSString).appendingPathComponent(path)
    }
}
