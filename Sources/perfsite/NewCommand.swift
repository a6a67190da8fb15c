import ArgumentParser
import PerfsiteSite

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new site with settings, the sample table and a folder for theme overrides.",
        discussion: """
            Writes perfsite.toml (every setting, commented), Content/2026/ with the sample table, and
            an empty Themes/ for template overrides. Refuses to write into a folder that has files.

            Examples:
              perfsite new 预算公开站 && cd 预算公开站 && perfsite build
            """)

    @Argument(help: "The folder to create.")
    var directory: String

    func run() throws {
        do {
            let written = try SiteScaffold.create(in: directory)
            for path in written { print("  创建 \(path)") }
            print("站点已创建。下一步:cd \(directory) && perfsite build")
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
    }
}
