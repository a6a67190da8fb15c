import Foundation
import PerfsiteSite

/// The folder a site lives in: the one holding its perfsite.toml. Paths in the settings
/// (contentDir, publishDir, Themes/) are relative to it, as Hugo's are to its source folder, so
/// `perfsite build --config sites/区财政局/perfsite.toml` builds that site from anywhere.
/// Paths given on the command line stay relative to the working directory.
struct SiteFolder {
    let config: String
    let root: String

    init(config: String) {
        self.config = config
        root = (config as NSString).deletingLastPathComponent
    }

    /// The site's settings. The default perfsite.toml may be absent (a folder holding only
    /// Content/ still builds); a file named with --config must exist.
    func settings() throws(SettingsError) -> SiteSettings {
        try SiteSettings.load(path: config, required: config != "perfsite.toml")
    }

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") || root.isEmpty ? path : (root as NSString).appendingPathComponent(path)
    }
}
