import Crypto
import Foundation
import PerfsiteCore

/// Site → published files, through the theme's templates. Pages are rendered department by
/// department and handed to `emit` as they are made, so a large site never sits in memory whole.
public struct SiteRenderer: Sendable {
    public let theme: Theme
    public let settings: SiteSettings
    /// Fingerprinted asset paths by theme path (`assets/style.css` → `assets/style.1a2b3c4d.css`).
    let assetPaths: [String: String]
    /// The three every page links, looked up once rather than per page.
    private let stylesheet: String, script: String, favicon: String

    public init(theme: Theme, settings: SiteSettings) {
        self.theme = theme
        self.settings = settings
        var paths: [String: String] = [:]
        for asset in theme.assets {
            let digest = SHA256.hash(data: Data(asset.text.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
            let name = asset.path as NSString
            let fingerprinted = name.deletingPathExtension + "." + digest
            paths[asset.path] = name.pathExtension.isEmpty ? fingerprinted : fingerprinted + "." + name.pathExtension
        }
        assetPaths = paths
        stylesheet = paths["assets/style.css"] ?? ""
        script = paths["assets/site.js"] ?? ""
        favicon = paths["assets/favicon.svg"] ?? ""
    }

    /// The paths of the files `renderSitePages` makes, as prefixes (`ManifestFiles.range(under:)`):
    /// each also takes the file's `.gz` when the site is precompressed. A rebuild whose
    /// `RenderKeys.sitePagesKey` did not change keeps the files under them.
    func sitePagePrefixes(_ site: Site) -> [String] {
        [
            "assets/", "index.html", "404.html", "search/index.html", "sitemap.xml", "robots.txt",
            "data/datapackage.json",
        ] + site.years.map { $0.path + "index.html" }
    }

    /// The files that list the whole site: assets, home, year pages, 404, search page, sitemap,
    /// robots.txt and the data package. They read only what a table's outline keeps.
    public func renderSitePages(_ site: Site, emit: @Sendable (OutputFile) throws -> Void) throws {
        for asset in theme.assets {
            try emit(OutputFile(path: assetPaths[asset.path]!, text: asset.text))
        }
        try emit(OutputFile(path: "index.html", bytes: home(site)))
        for year in site.years {
            try emit(OutputFile(path: year.path + "index.html", bytes: yearPage(year)))
        }
        try emit(OutputFile(path: "404.html", text: notFound()))
        try emit(OutputFile(path: "search/index.html", text: searchPage()))
        try emit(OutputFile(path: "sitemap.xml", bytes: sitemap(site)))
        try emit(OutputFile(path: "robots.txt", text: robots()))
        try emit(
            OutputFile(
                path: "data/datapackage.json",
                bytes: DataPackage.json(title: settings.title, resources: Self.openData.map(\.resource))))
    }

    /// Departments whose pages are rendered (on all cores) and whose rows and search documents
    /// are then added to the site-wide files, before the next ones: some thousand search
    /// documents, enough to keep the cores busy.
    static let batchDepartments = 64

    /// The department page, its printable table and downloads, and its project pages.
    func departmentFiles(_ entry: SiteDepartment) -> [OutputFile] {
        departmentOutput(entry).files
    }

    /// The department's files, and its indicator rows as CSV for `openDataRows`: its indicator
    /// download and its part of `indicators.csv` are the same rows, which had been made and written
    /// as CSV twice (3% of a full build's samples, perf).
    func departmentOutput(_ entry: SiteDepartment) -> (files: [OutputFile], indicatorRows: [UInt8]?) {
        var files = [OutputFile(path: entry.path + "index.html", bytes: departmentPage(entry))]
        var indicatorRows: [UInt8]?
        if let department = entry.department {
            files.append(OutputFile(path: entry.path + "print/index.html", bytes: printPage(entry, only: nil)))
            let rows = OpenDataTables.indicatorRows(entry)
            let csvRows = OpenDataTables.csvRows(rows)
            indicatorRows = csvRows
            files += downloadFiles(
                base: entry.path + downloadBase(entry), columns: OpenDataTables.indicatorColumns, rows: rows,
                csvRows: csvRows, json: JSONWriter.file(of: published(entry).department))
            for index in department.projects.indices {
                let folder = entry.path + entry.taskFolder(index)
                files.append(OutputFile(path: folder + "index.html", bytes: projectPage(entry, index)))
                files.append(OutputFile(path: folder + "print/index.html", bytes: printPage(entry, only: index)))
            }
        }
        for placed in entry.projectTables {
            files.append(
                OutputFile(path: entry.path + placed.folder + "index.html", bytes: projectTablePage(entry, placed)))
            files += downloads(entry, placed)
        }
        return (files, indicatorRows)
    }

    /// A project table's `<year>-<dept>-<project>.csv|xlsx|json`, in its folder.
    func downloads(_ entry: SiteDepartment, _ placed: SiteProjectTable) -> [OutputFile] {
        var published = placed.table
        published.sourcePath = publishedPath(ofSource: published.sourcePath)
        return downloadFiles(
            base: entry.path + placed.folder + projectTableDownloadBase(entry, placed),
            columns: OpenDataTables.projectTableColumns, rows: OpenDataTables.projectTableRows(placed.table),
            json: JSONWriter.file(of: published))
    }

    /// The same rows as CSV and as a workbook, and the model's JSON file.
    private func downloadFiles(
        base: String, columns: [OpenDataTables.Column], rows: [[OpenDataTables.Cell]], csvRows: [UInt8]? = nil,
        json: [UInt8]
    ) -> [OutputFile] {
        return [
            OutputFile(
                path: base + ".csv",
                bytes: OpenDataTables.csvHeader(columns) + (csvRows ?? OpenDataTables.csvRows(rows))),
            OutputFile(
                path: base + ".xlsx", bytes: XLSXWorkbook(sheetName: "绩效指标", columns: columns, rows: rows).bytes()),
            OutputFile(path: base + ".json", bytes: json),
        ]
    }

    func projectTableDownloadBase(_ entry: SiteDepartment, _ placed: SiteProjectTable) -> String {
        "\(entry.year)-\(entry.id)-\(placed.id)"
    }

    /// The entry with its source path as published.
    func published(_ entry: SiteDepartment) -> SiteDepartment {
        var copy = entry
        if let source = entry.department?.sourcePath { copy.department?.sourcePath = publishedPath(ofSource: source) }
        return copy
    }

    func downloadBase(_ entry: SiteDepartment) -> String { "\(entry.year)-\(entry.id)" }

    /// The site-wide open data: one CSV per table kind, each row made from one department.
    static let openData:
        [(resource: DataPackage.Resource, rows: @Sendable (SiteDepartment) -> [[OpenDataTables.Cell]])] = [
            (
                DataPackage.Resource(
                    name: "departments", path: "departments.csv", title: "部门",
                    description: "每个部门每年一行:基本信息和预算整体情况。", columns: OpenDataTables.departmentColumns),
                { [OpenDataTables.departmentRow($0)] }
            ),
            (
                DataPackage.Resource(
                    name: "tasks", path: "tasks.csv", title: "年度工作任务", description: "每项年度工作任务一行。",
                    columns: OpenDataTables.taskColumns),
                OpenDataTables.taskRows
            ),
            (
                DataPackage.Resource(
                    name: "indicators", path: "indicators.csv", title: "绩效指标",
                    description: "每个绩效指标一行,带所属部门和任务。", columns: OpenDataTables.indicatorColumns),
                OpenDataTables.indicatorRows
            ),
        ]

    /// A department's rows of each site-wide table, as CSV bytes (`openData` order); none for a
    /// department known only from project tables.
    /// `indicatorRows`: the department's indicator rows as `departmentOutput` made them.
    func openDataRows(_ entry: SiteDepartment, indicatorRows: [UInt8]? = nil) -> [[UInt8]] {
        guard entry.department != nil else { return Self.openData.map { _ in [] } }
        let published = published(entry)
        return Self.openData.map { table in
            if table.resource.name == "indicators", let indicatorRows { return indicatorRows }
            return OpenDataTables.csvRows(table.rows(published))
        }
    }

    /// Each site-wide table's first bytes: the byte-order mark and the header row.
    static var openDataHeaders: [[UInt8]] {
        openData.map { OpenDataTables.csvHeader($0.resource.columns) }
    }

    // MARK: Pages

    func chrome(folder: String, title: String, crumbs: [(String, String?)]) -> PageChrome {
        let links = PageLinks(folder: folder)
        return PageChrome(
            siteTitle: settings.title, region: settings.region.isEmpty ? nil : settings.region,
            pageTitle: title == settings.title ? title : "\(title) - \(settings.title)", root: links.root,
            home: links.to(""), stylesheet: stylesheet, script: script, favicon: favicon,
            csp: PageChrome.contentSecurityPolicy,
            breadcrumbs: crumbs.map { PageChrome.Crumb(title: $0.0, href: $0.1.map(links.to)) },
            hasBreadcrumbs: !crumbs.isEmpty)
    }

    func home(_ site: Site) -> [UInt8] {
        let links = PageLinks(folder: "")
        let years = site.years.map { year in
            let totals = year.totals
            return HomePage.Year(
                year: year.year, href: links.to(year.path), departmentCount: year.departments.count,
                total: totals.total.formatted, project: totals.projectTotal.formatted,
                projectCount: totals.projectCount,
                table: DepartmentsTable(
                    caption: "\(year.year)年各部门预算", departments: year.departments, links: links))
        }
        let page = HomePage(
            chrome: chrome(folder: "", title: settings.title, crumbs: []), years: years)
        return theme.renderBytes("home", page)
    }

    func yearPage(_ year: SiteYear) -> [UInt8] {
        let links = PageLinks(folder: year.path)
        let totals = year.totals
        let page = YearPage(
            chrome: chrome(folder: year.path, title: "\(year.year)年", crumbs: [("首页", ""), ("\(year.year)年", nil)]),
            year: year.year, departmentCount: year.departments.count, total: totals.total.formatted,
            project: totals.projectTotal.formatted, projectCount: totals.projectCount,
            table: DepartmentsTable(
                caption: "\(year.year)年各部门预算", departments: year.departments, links: links))
        return theme.renderBytes("year", page)
    }

    func searchPage() -> String {
        var pageChrome = chrome(folder: "search/", title: "搜索", crumbs: [("首页", ""), ("搜索", nil)])
        pageChrome.searchScript = assetPaths["assets/search.js"]
        return theme.render("search", SearchPage(chrome: pageChrome))
    }

    func notFound() -> String {
        var base = settings.baseURL
        if !base.hasSuffix("/") { base += "/" }
        var pageChrome = chrome(folder: "", title: "页面不存在", crumbs: [])
        pageChrome.root = base
        pageChrome.home = base
        return theme.render("404", NotFoundPage(chrome: pageChrome))
    }

    func departmentPage(_ entry: SiteDepartment) -> [UInt8] {
        let tables = entry.projectTables.map { placed in
            DepartmentPage.ProjectTableRow(
                name: placed.table.name.value, href: placed.folder, implementer: placed.table.implementer?.value ?? "",
                amount: placed.table.funds.amount.formatted, amountValue: placed.table.funds.amount.plainText,
                unit: placed.table.funds.unit.rawValue, indicatorCount: placed.table.indicators.count)
        }
        let years =
            entry.years.count > 1
            ? entry.years.map {
                DepartmentPage.YearLink(year: $0, href: "../../\($0)/\(entry.id)/", isCurrent: $0 == entry.year)
            } : []
        guard let department = entry.department else {
            return theme.renderBytes(
                "department",
                DepartmentPage.projectTablesOnly(
                    chrome: chrome(
                        folder: entry.path, title: "\(entry.name)(\(entry.year)年)",
                        crumbs: [("首页", ""), ("\(entry.year)年", "\(entry.year)/"), (entry.name, nil)]),
                    name: entry.name, year: entry.year, years: years, projectTables: tables))
        }
        let budget = department.budget
        let zero = Amount(fen: 0, unit: budget.unit)
        let projectAmount = budget.project?.value ?? zero
        let basicAmount = budget.basic?.value ?? zero
        let total = budget.expenditureTotal
        var bar: DepartmentPage.Bar?
        if let basicShare = Share(basicAmount, of: total), let projectShare = Share(projectAmount, of: total) {
            bar = DepartmentPage.Bar(
                basicWidth: basicShare.number, projectWidth: projectShare.number,
                basicShare: basicShare.text, projectShare: projectShare.text)
        }
        let projects = department.projects.enumerated().map { index, project in
            let amount = project.amount?.value ?? zero
            let share = Share(amount, of: projectAmount)
            return DepartmentPage.ProjectRow(
                sequence: String(department.taskNumber(index)), name: project.name.value,
                href: entry.taskFolder(index), amount: amount.formatted, amountValue: amount.plainText,
                share: share?.text ?? "—", shareValue: share?.number ?? "0", indicatorCount: project.indicators.count,
                taskSource: project.taskSource.value)
        }
        let incomeEquation =
            budget.incomes.isEmpty
            ? nil : budget.incomes.map { "\($0.label) \($0.amount.value.formatted)" }.joined(separator: " + ")
        let page = DepartmentPage(
            chrome: chrome(
                folder: entry.path, title: "\(department.name.value)(\(department.year)年)",
                crumbs: [("首页", ""), ("\(department.year)年", "\(department.year)/"), (department.name.value, nil)]),
            name: department.name.value, titleLine: titleLine(department), supervisor: department.supervisor?.value,
            staffCount: department.staffCount.map { String($0.value) },
            unitCount: department.subordinateUnitCount.map { String($0.value) }, basic: basicAmount.formatted,
            project: projectAmount.formatted, total: total.formatted,
            incomes: budget.incomes.map { .init(label: $0.label, amount: $0.amount.value.formatted) },
            incomeTotal: budget.incomeTotal.formatted, incomeEquation: incomeEquation, bar: bar,
            goalsHTML: department.goals.value.html, projects: projects, projectCount: projects.count,
            projectsTotal: department.projects.compactMap(\.amount).reduce(zero) { $0 + $1.value }.formatted,
            indicatorCount: department.indicatorCount, sourceFile: sourceName(department),
            csvFile: downloadBase(entry) + ".csv", xlsxFile: downloadBase(entry) + ".xlsx",
            jsonFile: downloadBase(entry) + ".json", downloadName: "\(department.name.value)-\(department.year)-绩效目标",
            years: years,
            comparison: entry.previous.map { YearComparison(current: entry, department: department, previous: $0) },
            projectTables: tables)
        return theme.renderBytes("department", page)
    }

    func projectTablePage(_ entry: SiteDepartment, _ placed: SiteProjectTable) -> [UInt8] {
        let table = placed.table
        let funds = table.funds
        var titleParts = ["\(table.year)年"]
        if !table.title.region.isEmpty { titleParts.append(table.title.region + table.title.level) }
        titleParts.append(table.title.kind.isEmpty ? "项目支出绩效目标表" : table.title.kind)
        let page = ProjectTablePage(
            chrome: chrome(
                folder: entry.path + placed.folder, title: "\(table.name.value) - \(entry.name)",
                crumbs: [
                    ("首页", ""), ("\(entry.year)年", "\(entry.year)/"), (entry.name, entry.path), (table.name.value, nil),
                ]),
            name: table.name.value, departmentName: entry.name, year: entry.year,
            titleLine: titleParts.joined(separator: " · "), implementer: table.implementer?.value,
            unit: funds.unit.rawValue, total: funds.total?.value.formatted, fiscal: funds.fiscal?.value.formatted,
            other: funds.other?.value.formatted, goalsHTML: table.goals.value.html,
            indicatorCount: table.indicators.count, groups: Self.indicatorGroups(table.indicators),
            sourceFile: publishedPath(ofSource: table.sourcePath),
            downloadBase: projectTableDownloadBase(entry, placed),
            downloadName: "\(table.name.value)-\(table.year)-绩效目标")
        return theme.renderBytes("project-table", page)
    }

    func projectPage(_ entry: SiteDepartment, _ index: Int) -> [UInt8] {
        guard let department = entry.department else { return [] }
        let project = department.projects[index]
        let folder = entry.path + entry.taskFolder(index)
        let zero = Amount(fen: 0, unit: department.budget.unit)
        let amount = project.amount?.value ?? zero
        let neighbour = { (other: Int) -> ProjectPage.Neighbour? in
            guard department.projects.indices.contains(other) else { return nil }
            return .init(name: department.projects[other].name.value, href: "../" + entry.taskFolder(other))
        }
        let sequence = String(department.taskNumber(index))
        let page = ProjectPage(
            chrome: chrome(
                folder: folder, title: "\(project.name.value) - \(department.name.value)",
                crumbs: [
                    ("首页", ""), ("\(department.year)年", "\(department.year)/"), (department.name.value, entry.path),
                    ("任务 \(sequence)", nil),
                ]),
            departmentName: department.name.value, year: department.year, sequence: sequence,
            projectCount: department.projects.count, name: project.name.value,
            contentHTML: project.content.value.html, taskSource: project.taskSource.value, amount: amount.formatted,
            share: department.budget.project.flatMap { Share(amount, of: $0.value)?.text },
            indicatorCount: project.indicators.count, groups: Self.indicatorGroups(project.indicators),
            previous: neighbour(index - 1), next: neighbour(index + 1), sourceFile: sourceName(department))
        return theme.renderBytes("project", page)
    }

    /// The official table: the whole department, or (`only`) one task with the department's header.
    func printPage(_ entry: SiteDepartment, only: Int?) -> [UInt8] {
        guard let department = entry.department else { return [] }
        let budget = department.budget
        let zero = Amount(fen: 0, unit: budget.unit)
        let folder = entry.path + (only.map(entry.taskFolder) ?? "") + "print/"
        let left = [("基本支出", budget.basic?.value ?? zero), ("项目支出", budget.project?.value ?? zero)]
        let right = budget.incomes.map { ($0.label, $0.amount.value) }
        let budgetRows = (0..<max(left.count, right.count)).map { index in
            PrintPage.BudgetRow(
                left: index < left.count ? left[index].0 : "",
                leftAmount: index < left.count ? left[index].1.formatted : "",
                right: index < right.count ? right[index].0 : "",
                rightAmount: index < right.count ? right[index].1.formatted : "")
        }
        let indices = only.map { [$0] } ?? Array(department.projects.indices)
        let tasks = indices.map { index -> PrintPage.Task in
            let project = department.projects[index]
            var rows = project.indicators.enumerated().map { position, indicator in
                PrintPage.Row(
                    first: position == 0, level1: indicator.level1, level2: indicator.level2, level3: indicator.level3,
                    comparator: indicator.comparator?.rawValue ?? "", value: indicator.target.raw,
                    core: indicator.isCore.map { $0 ? "是" : "否" } ?? "")
            }
            if rows.isEmpty {
                rows = [
                    PrintPage.Row(first: true, level1: "", level2: "", level3: "", comparator: "", value: "", core: "")
                ]
            }
            return PrintPage.Task(
                sequence: String(department.taskNumber(index)), name: project.name.value,
                content: project.content.value.text, taskSource: project.taskSource.value,
                amount: (project.amount?.value ?? zero).formatted, span: rows.count, rows: rows)
        }
        var crumbs: [(String, String?)] = [
            ("首页", ""), ("\(department.year)年", "\(department.year)/"), (department.name.value, entry.path),
        ]
        if let only { crumbs.append(("任务 \(tasks[0].sequence)", entry.path + entry.taskFolder(only))) }
        crumbs.append(("打印视图", nil))
        var pageChrome = chrome(
            folder: folder,
            title: "\(only.map { department.projects[$0].name.value + " - " } ?? "")\(department.name.value) 绩效目标表(打印)",
            crumbs: crumbs)
        pageChrome.bodyClass = "print-view"
        let title = department.title.raw.isEmpty ? "\(department.year)年部门整体支出绩效目标表" : department.title.raw
        let page = PrintPage(
            chrome: pageChrome, officialTitle: title, backHref: "../",
            backTitle: only == nil ? "部门页面" : "任务页面", name: department.name.value,
            supervisor: department.supervisor?.value ?? "",
            staffCount: department.staffCount.map { String($0.value) } ?? "",
            unitCount: department.subordinateUnitCount.map { String($0.value) } ?? "", showBudget: only == nil,
            budgetRows: budgetRows, total: budget.expenditureTotal.formatted, incomeTotal: budget.incomeTotal.formatted,
            goalsHTML: department.goals.value.html, projects: tasks, sourceFile: sourceName(department))
        return theme.renderBytes("print", page)
    }

    /// Indicators grouped by 一级 (in order of first appearance) and, inside, by 二级, with the
    /// row spans the table needs.
    static func indicatorGroups(_ indicators: [Indicator]) -> [ProjectPage.Group] {
        // Groups in first-seen order, found by comparing names: a task has a handful of each
        // level, and hashing Chinese text for a dictionary (it is normalized first) cost more than
        // comparing it.
        func grouped(_ members: [Int], by name: (Indicator) -> String) -> [(name: String, members: [Int])] {
            var groups: [(name: String, members: [Int])] = []
            for member in members {
                let key = name(indicators[member])
                if let group = groups.firstIndex(where: { $0.name == key }) {
                    groups[group].members.append(member)
                } else {
                    groups.append((key, [member]))
                }
            }
            return groups
        }
        return grouped(Array(indicators.indices), by: \.level1).map { level1, members in
            var rows: [ProjectPage.IndicatorRow] = []
            for (level2, group) in grouped(members, by: \.level2) {
                for (position, member) in group.enumerated() {
                    let indicator = indicators[member]
                    rows.append(
                        .init(
                            level1: rows.isEmpty ? level1 : nil, level1Span: members.count,
                            level2: position == 0 ? level2 : nil, level2Span: group.count,
                            level3: indicator.level3, comparator: indicator.comparator?.rawValue ?? "—",
                            value: indicator.target.raw.isEmpty ? "—" : indicator.target.raw,
                            core: indicator.isCore.map { $0 ? "是" : "否" } ?? "—"))
                }
            }
            return ProjectPage.Group(rows: rows)
        }
    }

    // MARK: Helpers

    func titleLine(_ department: Department) -> String {
        let title = department.title
        var parts = ["\(department.year)年"]
        if !title.region.isEmpty { parts.append(title.region + title.level) }
        parts.append(title.kind.isEmpty ? "部门整体支出绩效目标表" : title.kind)
        return parts.joined(separator: " · ")
    }

    func sourceName(_ department: Department) -> String { publishedPath(ofSource: department.sourcePath) }

    /// A source table's path as the site publishes it: as given when relative (`Content/2026/x.tsv`),
    /// and from the content folder on when absolute — never the builder's absolute path, so the same
    /// tables give the same bytes wherever they are built and the manifest can be checked from the
    /// site folder.
    public func publishedPath(ofSource path: String) -> String {
        // A relative path is already relative to where the build ran (the site folder, as a rule).
        if !path.hasPrefix("/") { return path.hasPrefix("./") ? String(path.dropFirst(2)) : path }
        let folder = (settings.contentDir as NSString).lastPathComponent
        if let range = path.range(of: "/" + folder + "/", options: .backwards) {
            return String(path[path.index(after: range.lowerBound)...])
        }
        return (path as NSString).lastPathComponent
    }

    /// Written as bytes, the base escaped once, each department's model bound once: `taskFolder`
    /// per task copied the department out of its optional, and string interpolation per URL made
    /// the sitemap 4% of a one-table rebuild's CPU at 1,000 departments (perf).
    func sitemap(_ site: Site) -> [UInt8] {
        var base = settings.baseURL
        if !base.hasSuffix("/") { base += "/" }
        var escapedBase: [UInt8] = []
        HTMLEscaping.appendText(base, escapedTo: &escapedBase)
        var xml = Array(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
                .utf8)
        func add(_ location: [UInt8], then folder: String = "") {
            xml.append(literal: "<url><loc>")
            xml += location
            if !folder.isEmpty { HTMLEscaping.appendText(folder, escapedTo: &xml) }
            xml.append(literal: "</loc></url>\n")
        }
        add(escapedBase)
        for year in site.years { add(escapedBase, then: year.path) }
        for entry in site.departments {
            // The department's address escaped once for all its pages: the whole address of each
            // task, made and escaped again, was a third of a one-table rebuild's site pages (perf).
            var location = escapedBase
            HTMLEscaping.appendText(entry.path, escapedTo: &location)
            add(location)
            if let department = entry.department {
                for index in department.projects.indices {
                    add(location, then: SiteDepartment.taskFolder(index, of: department))
                }
            }
            for placed in entry.projectTables { add(location, then: placed.folder) }
        }
        xml.append(literal: "</urlset>\n")
        return xml
    }

    func robots() -> String {
        var text = "User-agent: *\nAllow: /\n"
        if settings.baseURL.hasPrefix("http") {
            let base = settings.baseURL.hasSuffix("/") ? settings.baseURL : settings.baseURL + "/"
            text += "Sitemap: \(base)sitemap.xml\n"
        }
        return text
    }
}

public struct RenderError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
