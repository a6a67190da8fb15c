import Foundation
import PerfsiteCore
import TOMLKit

/// perfsite.toml: the site's settings, in TOML like Hugo's config. Every key is optional so that a
/// folder holding only Content/ still builds.
public struct SiteSettings: Decodable, Sendable {
    public var title: String = "预算绩效目标公开"
    public var region: String = ""
    public var baseURL: String = "/"
    public var theme: String = "default"
    public var contentDir: String = "Content"
    public var publishDir: String = "Public"
    /// Where a build keeps what the next one can reuse (`BuildCache`); never published.
    public var cacheDir: String = ".perfsite-cache"
    /// Extra 二级 aliases: `[vocabulary.aliases] "进度类指标" = "时效指标"`.
    public var vocabularyAliases: [String: String] = [:]
    /// Stable ASCII ids for departments: `[departments] "洛阳高新技术产业开发区管理委员会" = "gxq"`.
    public var departmentCodes: [String: String] = [:]
    /// Write a `.gz` beside every large text file, for servers that serve precompressed files.
    public var precompress = false

    private enum CodingKeys: String, CodingKey {
        case title, region, baseURL, theme, contentDir, publishDir, cacheDir, precompress, vocabulary, departments
    }

    private struct Vocabulary: Decodable {
        var aliases: [String: String]?
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? title
        region = try container.decodeIfPresent(String.self, forKey: .region) ?? region
        baseURL = try container.decodeIfPresent(String.self, forKey: .baseURL) ?? baseURL
        theme = try container.decodeIfPresent(String.self, forKey: .theme) ?? theme
        contentDir = try container.decodeIfPresent(String.self, forKey: .contentDir) ?? contentDir
        publishDir = try container.decodeIfPresent(String.self, forKey: .publishDir) ?? publishDir
        cacheDir = try container.decodeIfPresent(String.self, forKey: .cacheDir) ?? cacheDir
        precompress = try container.decodeIfPresent(Bool.self, forKey: .precompress) ?? precompress
        vocabularyAliases = try container.decodeIfPresent(Vocabulary.self, forKey: .vocabulary)?.aliases ?? [:]
        departmentCodes = try container.decodeIfPresent([String: String].self, forKey: .departments) ?? [:]
    }

    /// The settings of `path`, the defaults when `path` is the default and absent.
    public static func load(path: String, required: Bool) throws(SettingsError) -> SiteSettings {
        guard FileManager.default.fileExists(atPath: path) else {
            if required { throw SettingsError(path: path, message: "文件不存在") }
            return SiteSettings()
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SettingsError(path: path, message: "无法读取(需为 UTF-8 文本)")
        }
        do {
            return try parse(text)
        } catch let error as TOMLParseError {
            throw SettingsError(
                path: "\(path):\(error.source.begin.line):\(error.source.begin.column)", message: error.description)
        } catch {
            throw SettingsError(path: path, message: "\(error)")
        }
    }

    /// Settings from TOML text.
    public static func parse(_ text: String) throws -> SiteSettings {
        try TOMLDecoder().decode(SiteSettings.self, from: text)
    }

    public func vocabulary() throws(SettingsError) -> IndicatorVocabulary {
        do {
            return try IndicatorVocabulary.national.adding(level2Aliases: vocabularyAliases)
        } catch {
            throw SettingsError(
                path: "perfsite.toml", message: "[vocabulary.aliases] 中“\(error.alias)”指向未知的二级指标“\(error.target)”")
        }
    }
}

public struct SettingsError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public var description: String { "\(path): error: \(message)" }

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}
