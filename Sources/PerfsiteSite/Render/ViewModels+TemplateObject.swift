// Each view model names its fields for the templates (TemplateObject). The overloads of
// TemplateValue.init pick the case from the field's type at compile time, so no lookup casts.
// A test compares these names with the stored properties, so a field cannot be left out.

extension PageChrome: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .siteTitle: TemplateValue(siteTitle)
        case .region: TemplateValue(region)
        case .pageTitle: TemplateValue(pageTitle)
        case .root: TemplateValue(root)
        case .home: TemplateValue(home)
        case .stylesheet: TemplateValue(stylesheet)
        case .script: TemplateValue(script)
        case .favicon: TemplateValue(favicon)
        case .searchScript: TemplateValue(searchScript)
        case .bodyClass: TemplateValue(bodyClass)
        case .csp: TemplateValue(csp)
        case .breadcrumbs: TemplateValue(breadcrumbs)
        case .hasBreadcrumbs: TemplateValue(hasBreadcrumbs)
        default: .missing
        }
    }
}

extension PageChrome.Crumb: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .title: TemplateValue(title)
        case .href: TemplateValue(href)
        default: .missing
        }
    }
}

extension DepartmentsTable: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .caption: TemplateValue(caption)
        case .rows: TemplateValue(rows)
        default: .missing
        }
    }
}

extension DepartmentsTable.Row: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .name: TemplateValue(name)
        case .href: TemplateValue(href)
        case .total: TemplateValue(total)
        case .totalValue: TemplateValue(totalValue)
        case .project: TemplateValue(project)
        case .projectValue: TemplateValue(projectValue)
        case .projectCount: TemplateValue(projectCount)
        default: .missing
        }
    }
}

extension HomePage: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .chrome: TemplateValue(chrome)
        case .years: TemplateValue(years)
        default: .missing
        }
    }
}

extension HomePage.Year: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .year: TemplateValue(year)
        case .href: TemplateValue(href)
        case .departmentCount: TemplateValue(departmentCount)
        case .total: TemplateValue(total)
        case .project: TemplateValue(project)
        case .projectCount: TemplateValue(projectCount)
        case .table: TemplateValue(table)
        default: .missing
        }
    }
}

extension YearPage: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .chrome: TemplateValue(chrome)
        case .year: TemplateValue(year)
        case .departmentCount: TemplateValue(departmentCount)
        case .total: TemplateValue(total)
        case .project: TemplateValue(project)
        case .projectCount: TemplateValue(projectCount)
        case .table: TemplateValue(table)
        default: .missing
        }
    }
}

extension NotFoundPage: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .chrome: TemplateValue(chrome)
        default: .missing
        }
    }
}

extension SearchPage: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .chrome: TemplateValue(chrome)
        default: .missing
        }
    }
}

extension DepartmentPage: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .chrome: TemplateValue(chrome)
        case .name: TemplateValue(name)
        case .titleLine: TemplateValue(titleLine)
        case .supervisor: TemplateValue(supervisor)
        case .staffCount: TemplateValue(staffCount)
        case .unitCount: TemplateValue(unitCount)
        case .basic: TemplateValue(basic)
        case .project: TemplateValue(project)
        case .total: TemplateValue(total)
        case .incomes: TemplateValue(incomes)
        case .incomeTotal: TemplateValue(incomeTotal)
        case .incomeEquation: TemplateValue(incomeEquation)
        case .bar: TemplateValue(bar)
        case .goalsHTML: TemplateValue(goalsHTML)
        case .projects: TemplateValue(projects)
        case .projectCount: TemplateValue(projectCount)
        case .projectsTotal: TemplateValue(projectsTotal)
        case .indicatorCount: TemplateValue(indicatorCount)
        case .sourceFile: TemplateValue(sourceFile)
        case .csvFile: TemplateValue(csvFile)
        case .xlsxFile: TemplateValue(xlsxFile)
        case .jsonFile: TemplateValue(jsonFile)
        case .downloadName: TemplateValue(downloadName)
        case .years: TemplateValue(years)
        case .hasYears: TemplateValue(hasYears)
        case .comparison: TemplateValue(comparison)
        case .projectTables: TemplateValue(projectTables)
        case .hasProjectTables: TemplateValue(hasProjectTables)
        case .projectTableCount: TemplateValue(projectTableCount)
        case .hasOverall: TemplateValue(hasOverall)
        default: .missing
        }
    }
}

extension DepartmentPage.ProjectTableRow: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .name: TemplateValue(name)
        case .href: TemplateValue(href)
        case .implementer: TemplateValue(implementer)
        case .amount: TemplateValue(amount)
        case .amountValue: TemplateValue(amountValue)
        case .unit: TemplateValue(unit)
        case .indicatorCount: TemplateValue(indicatorCount)
        default: .missing
        }
    }
}

extension ProjectTablePage: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .chrome: TemplateValue(chrome)
        case .name: TemplateValue(name)
        case .departmentName: TemplateValue(departmentName)
        case .year: TemplateValue(year)
        case .titleLine: TemplateValue(titleLine)
        case .implementer: TemplateValue(implementer)
        case .unit: TemplateValue(unit)
        case .total: TemplateValue(total)
        case .fiscal: TemplateValue(fiscal)
        case .other: TemplateValue(other)
        case .goalsHTML: TemplateValue(goalsHTML)
        case .indicatorCount: TemplateValue(indicatorCount)
        case .groups: TemplateValue(groups)
        case .sourceFile: TemplateValue(sourceFile)
        case .downloadBase: TemplateValue(downloadBase)
        case .downloadName: TemplateValue(downloadName)
        default: .missing
        }
    }
}

extension DepartmentPage.YearLink: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .year: TemplateValue(year)
        case .href: TemplateValue(href)
        case .isCurrent: TemplateValue(isCurrent)
        default: .missing
        }
    }
}

extension YearComparison: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .previousYear: TemplateValue(previousYear)
        case .previousHref: TemplateValue(previousHref)
        case .totals: TemplateValue(totals)
        case .tasks: TemplateValue(tasks)
        case .newCount: TemplateValue(newCount)
        case .droppedCount: TemplateValue(droppedCount)
        case .keptCount: TemplateValue(keptCount)
        default: .missing
        }
    }
}

extension YearComparison.Line: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .label: TemplateValue(label)
        case .before: TemplateValue(before)
        case .now: TemplateValue(now)
        case .change: TemplateValue(change)
        case .changeValue: TemplateValue(changeValue)
        case .percent: TemplateValue(percent)
        default: .missing
        }
    }
}

extension YearComparison.Task: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .name: TemplateValue(name)
        case .href: TemplateValue(href)
        case .before: TemplateValue(before)
        case .now: TemplateValue(now)
        case .change: TemplateValue(change)
        case .changeValue: TemplateValue(changeValue)
        case .status: TemplateValue(status)
        case .statusClass: TemplateValue(statusClass)
        default: .missing
        }
    }
}

extension DepartmentPage.Income: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .label: TemplateValue(label)
        case .amount: TemplateValue(amount)
        default: .missing
        }
    }
}

extension DepartmentPage.Bar: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .basicWidth: TemplateValue(basicWidth)
        case .projectWidth: TemplateValue(projectWidth)
        case .basicShare: TemplateValue(basicShare)
        case .projectShare: TemplateValue(projectShare)
        default: .missing
        }
    }
}

extension DepartmentPage.ProjectRow: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .sequence: TemplateValue(sequence)
        case .name: TemplateValue(name)
        case .href: TemplateValue(href)
        case .amount: TemplateValue(amount)
        case .amountValue: TemplateValue(amountValue)
        case .share: TemplateValue(share)
        case .shareValue: TemplateValue(shareValue)
        case .indicatorCount: TemplateValue(indicatorCount)
        case .taskSource: TemplateValue(taskSource)
        default: .missing
        }
    }
}

extension ProjectPage: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .chrome: TemplateValue(chrome)
        case .departmentName: TemplateValue(departmentName)
        case .year: TemplateValue(year)
        case .sequence: TemplateValue(sequence)
        case .projectCount: TemplateValue(projectCount)
        case .name: TemplateValue(name)
        case .contentHTML: TemplateValue(contentHTML)
        case .taskSource: TemplateValue(taskSource)
        case .amount: TemplateValue(amount)
        case .share: TemplateValue(share)
        case .indicatorCount: TemplateValue(indicatorCount)
        case .groups: TemplateValue(groups)
        case .previous: TemplateValue(previous)
        case .next: TemplateValue(next)
        case .sourceFile: TemplateValue(sourceFile)
        default: .missing
        }
    }
}

extension ProjectPage.Neighbour: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .name: TemplateValue(name)
        case .href: TemplateValue(href)
        default: .missing
        }
    }
}

extension ProjectPage.IndicatorRow: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .level1: TemplateValue(level1)
        case .level1Span: TemplateValue(level1Span)
        case .level2: TemplateValue(level2)
        case .level2Span: TemplateValue(level2Span)
        case .level3: TemplateValue(level3)
        case .comparator: TemplateValue(comparator)
        case .value: TemplateValue(value)
        case .core: TemplateValue(core)
        default: .missing
        }
    }
}

extension ProjectPage.Group: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .rows: TemplateValue(rows)
        default: .missing
        }
    }
}

extension PrintPage: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .chrome: TemplateValue(chrome)
        case .officialTitle: TemplateValue(officialTitle)
        case .backHref: TemplateValue(backHref)
        case .backTitle: TemplateValue(backTitle)
        case .name: TemplateValue(name)
        case .supervisor: TemplateValue(supervisor)
        case .staffCount: TemplateValue(staffCount)
        case .unitCount: TemplateValue(unitCount)
        case .showBudget: TemplateValue(showBudget)
        case .budgetRows: TemplateValue(budgetRows)
        case .total: TemplateValue(total)
        case .incomeTotal: TemplateValue(incomeTotal)
        case .goalsHTML: TemplateValue(goalsHTML)
        case .projects: TemplateValue(projects)
        case .sourceFile: TemplateValue(sourceFile)
        default: .missing
        }
    }
}
extension PrintPage.BudgetRow: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .left: TemplateValue(left)
        case .leftAmount: TemplateValue(leftAmount)
        case .right: TemplateValue(right)
        case .rightAmount: TemplateValue(rightAmount)
        default: .missing
        }
    }
}
extension PrintPage.Row: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .first: TemplateValue(first)
        case .level1: TemplateValue(level1)
        case .level2: TemplateValue(level2)
        case .level3: TemplateValue(level3)
        case .comparator: TemplateValue(comparator)
        case .value: TemplateValue(value)
        case .core: TemplateValue(core)
        default: .missing
        }
    }
}
extension PrintPage.Task: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .sequence: TemplateValue(sequence)
        case .name: TemplateValue(name)
        case .content: TemplateValue(content)
        case .taskSource: TemplateValue(taskSource)
        case .amount: TemplateValue(amount)
        case .span: TemplateValue(span)
        case .rows: TemplateValue(rows)
        default: .missing
        }
    }
}
