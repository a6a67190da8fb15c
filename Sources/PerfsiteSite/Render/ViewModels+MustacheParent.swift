import Mustache

// Each view model names its fields for Mustache. Without this swift-mustache reads values through
// Mirror, which dominated the profile of page rendering (type metadata and demangling per lookup).
// A test compares these names with the stored properties, so a field cannot be left out.

extension PageChrome: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "siteTitle": siteTitle
        case "region": region
        case "pageTitle": pageTitle
        case "root": root
        case "home": home
        case "stylesheet": stylesheet
        case "script": script
        case "favicon": favicon
        case "searchScript": searchScript
        case "bodyClass": bodyClass
        case "csp": csp
        case "breadcrumbs": breadcrumbs
        case "hasBreadcrumbs": hasBreadcrumbs
        default: nil
        }
    }
}

extension PageChrome.Crumb: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "href": href
        default: nil
        }
    }
}

extension DepartmentsTable: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "caption": caption
        case "rows": rows
        default: nil
        }
    }
}

extension DepartmentsTable.Row: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "href": href
        case "total": total
        case "totalValue": totalValue
        case "project": project
        case "projectValue": projectValue
        case "projectCount": projectCount
        default: nil
        }
    }
}

extension HomePage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "chrome": chrome
        case "years": years
        default: nil
        }
    }
}

extension HomePage.Year: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "year": year
        case "href": href
        case "departmentCount": departmentCount
        case "total": total
        case "project": project
        case "projectCount": projectCount
        case "table": table
        default: nil
        }
    }
}

extension YearPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "chrome": chrome
        case "year": year
        case "departmentCount": departmentCount
        case "total": total
        case "project": project
        case "projectCount": projectCount
        case "table": table
        default: nil
        }
    }
}

extension NotFoundPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "chrome": chrome
        default: nil
        }
    }
}

extension SearchPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "chrome": chrome
        default: nil
        }
    }
}

extension DepartmentPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "chrome": chrome
        case "name": name
        case "titleLine": titleLine
        case "supervisor": supervisor
        case "staffCount": staffCount
        case "unitCount": unitCount
        case "basic": basic
        case "project": project
        case "total": total
        case "incomes": incomes
        case "incomeTotal": incomeTotal
        case "incomeEquation": incomeEquation
        case "bar": bar
        case "goalsHTML": goalsHTML
        case "projects": projects
        case "projectCount": projectCount
        case "projectsTotal": projectsTotal
        case "indicatorCount": indicatorCount
        case "sourceFile": sourceFile
        case "csvFile": csvFile
        case "xlsxFile": xlsxFile
        case "jsonFile": jsonFile
        case "downloadName": downloadName
        case "years": years
        case "hasYears": hasYears
        case "hasYears": hasYears
        case "comparison": comparison
        case "projectTables": projectTables
        case "hasProjectTables": hasProjectTables
        case "projectTableCount": projectTableCount
        case "hasOverall": hasOverall
        default: nil
        }
    }
}

extension DepartmentPage.ProjectTableRow: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "href": href
        case "implementer": implementer
        case "amount": amount
        case "amountValue": amountValue
        case "unit": unit
        case "indicatorCount": indicatorCount
        default: nil
        }
    }
}

extension ProjectTablePage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "chrome": chrome
        case "name": name
        case "departmentName": departmentName
        case "year": year
        case "titleLine": titleLine
        case "implementer": implementer
        case "unit": unit
        case "total": total
        case "fiscal": fiscal
        case "other": other
        case "goalsHTML": goalsHTML
        case "indicatorCount": indicatorCount
        case "groups": groups
        case "sourceFile": sourceFile
        case "downloadBase": downloadBase
        case "downloadName": downloadName
        default: nil
        }
    }
}

extension DepartmentPage.YearLink: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "year": year
        case "href": href
        case "isCurrent": isCurrent
        default: nil
        }
    }
}

extension YearComparison: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "previousYear": previousYear
        case "previousHref": previousHref
        case "totals": totals
        case "tasks": tasks
        case "newCount": newCount
        case "droppedCount": droppedCount
        case "keptCount": keptCount
        default: nil
        }
    }
}

extension YearComparison.Line: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "before": before
        case "now": now
        case "change": change
        case "changeValue": changeValue
        case "percent": percent
        default: nil
        }
    }
}

extension YearComparison.Task: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "href": href
        case "before": before
        case "now": now
        case "change": change
        case "changeValue": changeValue
        case "status": status
        case "statusClass": statusClass
        default: nil
        }
    }
}

extension DepartmentPage.Income: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "amount": amount
        default: nil
        }
    }
}

extension DepartmentPage.Bar: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "basicWidth": basicWidth
        case "projectWidth": projectWidth
        case "basicShare": basicShare
        case "projectShare": projectShare
        default: nil
        }
    }
}

extension DepartmentPage.ProjectRow: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "sequence": sequence
        case "name": name
        case "href": href
        case "amount": amount
        case "amountValue": amountValue
        case "share": share
        case "shareValue": shareValue
        case "indicatorCount": indicatorCount
        case "taskSource": taskSource
        default: nil
        }
    }
}

extension ProjectPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "chrome": chrome
        case "departmentName": departmentName
        case "year": year
        case "sequence": sequence
        case "projectCount": projectCount
        case "name": name
        case "contentHTML": contentHTML
        case "taskSource": taskSource
        case "amount": amount
        case "share": share
        case "indicatorCount": indicatorCount
        case "groups": groups
        case "previous": previous
        case "next": next
        case "sourceFile": sourceFile
        default: nil
        }
    }
}

extension ProjectPage.Neighbour: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "href": href
        default: nil
        }
    }
}

extension ProjectPage.IndicatorRow: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "level1": level1
        case "level1Span": level1Span
        case "level2": level2
        case "level2Span": level2Span
        case "level3": level3
        case "comparator": comparator
        case "value": value
        case "core": core
        default: nil
        }
    }
}

extension ProjectPage.Group: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "rows": rows
        default: nil
        }
    }
}

extension PrintPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "chrome": chrome
        case "officialTitle": officialTitle
        case "backHref": backHref
        case "backTitle": backTitle
        case "name": name
        case "supervisor": supervisor
        case "staffCount": staffCount
        case "unitCount": unitCount
        case "showBudget": showBudget
        case "budgetRows": budgetRows
        case "total": total
        case "incomeTotal": incomeTotal
        case "goalsHTML": goalsHTML
        case "projects": projects
        case "sourceFile": sourceFile
        default: nil
        }
    }
}
extension PrintPage.BudgetRow: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "left": left
        case "leftAmount": leftAmount
        case "right": right
        case "rightAmount": rightAmount
        default: nil
        }
    }
}
extension PrintPage.Row: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "first": first
        case "level1": level1
        case "level2": level2
        case "level3": level3
        case "comparator": comparator
        case "value": value
        case "core": core
        default: nil
        }
    }
}
extension PrintPage.Task: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "sequence": sequence
        case "name": name
        case "content": content
        case "taskSource": taskSource
        case "amount": amount
        case "span": span
        case "rows": rows
        default: nil
        }
    }
}
