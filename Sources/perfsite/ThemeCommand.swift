import ArgumentParser
import Foundation
import PerfsiteSite

/// The built-in theme lives inside the binary, so a publisher who wants to change one template
/// needs a way to get that file out: `perfsite theme copy templates/layout.mustache` puts it in
/// `Themes/default/`, where it overrides the built-in one and can be edited.
struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "List the theme's files, or copy a built-in one into Themes/ to change it.",
        discussion: """
            A site overrides any single file of the theme by putting one of the same path in
            Themes/<theme>/ (theme = "default" in perfsite.toml unless changed). Everything not
            overridden comes from the built-in theme.

            Examples:
              perfsite theme list
              perfsite theme copy templates/layout.mustache
              perfsite theme copy assets/style.css
            """,
        subcommands: [List.self, Copy.self])

    struct List: ParsableCommand {
        // Named, not derived from the type: deriving it (`String(describing:)`, dynamic casts that
        // scan every protocol conformance of the process) ran on every start of every command, as
        // the parser builds the whole command tree: about 0.5 ms of a 13 ms start (perf of `perfsite --version`).
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List every file of the theme and whether the site overrides it.",
            discussion: """
                Example:
                  perfsite theme list
                """)

        @Option(help: "The site settings file.")
        var config: String = "perfsite.toml"

        func run() throws {
            let (folder, _) = try ThemeCommand.folder(config: config)
            for path in Theme.builtInFiles.keys.sorted() {
                let overridden = FileManager.default.fileExists(atPath: folder + "/" + path)
                print(overridden ? "\(path)  (已覆盖:\(folder)/\(path))" : path)
            }
        }
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy a built-in theme file into Themes/<theme>/ so the site can change it.",
            discussion: """
                Example:
                  perfsite theme copy templates/layout.mustache
                """)

        @Argument(help: "The file, as `perfsite theme list` names it.")
        var file: String

        @Option(help: "The site settings file.")
        var config: String = "perfsite.toml"

        @Flag(help: "Replace a copy that already exists (its changes are lost).")
        var force = false

        func run() throws {
            let (folder, theme) = try ThemeCommand.folder(config: config)
            guard let text = Theme.builtInFiles[file] else {
                Console.error("\(file): error: 内置主题中没有这个文件。可用的文件见 perfsite theme list")
                throw ExitCode(2)
            }
            let target = folder + "/" + file
            if FileManager.default.fileExists(atPath: target) && !force {
                Console.error("\(target): error: 文件已存在,未覆盖(确需恢复为内置版本时加 --force)")
                throw ExitCode(2)
            }
            do {
                try FileManager.default.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: target))
            } catch {
                Console.error("\(target): error: 无法写入:\(error.localizedDescription)")
                throw ExitCode(2)
            }
            print("已把主题 \(theme) 的内置文件 \(file) 复制到 \(target)。修改它,然后运行 perfsite build(perfsite serve 中保存即可看到效果)。")
        }
    }

    /// The site's theme folder (`Themes/<theme>`) and the theme's name.
    static func folder(config: String) throws -> (String, String) {
        let site = SiteFolder(config: config)
        do {
            let settings = try site.settings()
            return (site.resolve("Themes/" + settings.theme), settings.theme)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
    }
}
