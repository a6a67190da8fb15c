import Foundation

// The published JSON of each model, member for member what its `Encodable` conformance writes
// (PublishedJSONTests compares the bytes with JSONEncoder's): a change to one must be made to both.
// Members are listed in the order of their keys' bytes, as `.sortedKeys` writes them.

extension Located: JSONWritable where Value: JSONWritable {
    public func write(to json: inout JSONWriter) { value.write(to: &json) }
}

extension Amount: JSONWritable {
    /// `plainText` without trailing zeros, as the Decimal that `encode(to:)` makes of it prints.
    public func write(to json: inout JSONWriter) { json.number(text: compactText) }
}

extension Fragment: JSONWritable {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("html", html)
            json.member("text", text)
        }
    }
}

extension Department: JSONWritable {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("budget", budget)
            json.member("goals", goals)
            json.member("level", title.level)
            json.member("name", name)
            json.member("note", ifPresent: note)
            json.member("projects", projects)
            json.member("region", title.region)
            json.member("source", sourcePath)
            json.member("staffCount", ifPresent: staffCount)
            json.member("subordinateUnitCount", ifPresent: subordinateUnitCount)
            json.member("supervisor", ifPresent: supervisor)
            json.member("title", title.raw)
            json.member("year", year)
        }
    }
}

extension Project: JSONWritable {
    public func write(to json: inout JSONWriter) {
        let html = content.value.html
        json.object { json in
            json.member("amount", ifPresent: amount)
            json.member("content", content.value.text)
            if html != HTMLSerializer.escapeText(content.value.text) { json.member("contentHTML", html) }
            json.member("indicators", indicators)
            json.member("name", name)
            json.member("sequence", ifPresent: sequence)
            json.member("source", taskSource)
        }
    }
}

extension Indicator: JSONWritable {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("canonicalLevel2", ifPresent: canonicalLevel2)
            json.member("category", ifPresent: category?.rawValue)
            json.member("comparator", ifPresent: comparator?.rawValue)
            json.member("core", ifPresent: isCore)
            json.member("level1", level1)
            json.member("level2", level2)
            json.member("level3", level3)
            json.member("parsed", target.value)
            json.member("value", target.raw)
        }
    }
}

extension TargetValue: JSONWritable {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("kind", kind)
            switch self {
            case .percent(let number), .fraction(let number), .number(let number):
                json.member("number", number)
            case .quantity(let number, let unit), .duration(let number, let unit):
                json.member("number", number)
                json.member("unit", unit)
            case .qualitative(let text), .placeholder(let text):
                json.member("text", text)
            case .missing:
                break
            }
        }
    }
}

extension Budget: JSONWritable {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("basic", ifPresent: basic)
            json.member("incomeTotal", incomeTotal)
            json.member("incomes", incomes)
            json.member("project", ifPresent: project)
            json.member("statedExpenditureTotal", ifPresent: statedExpenditureTotal)
            json.member("statedIncomeTotal", ifPresent: statedIncomeTotal)
            json.member("total", expenditureTotal)
            json.member("unit", unit.rawValue)
        }
    }
}

extension Budget.IncomeLine: JSONWritable {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("amount", amount)
            json.member("label", label)
        }
    }
}

extension ProjectTable: JSONWritable {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("department", department)
            json.member("funds", funds)
            json.member("goals", goals)
            json.member("implementer", ifPresent: implementer)
            json.member("indicators", indicators)
            json.member("level", title.level)
            json.member("name", name)
            json.member("region", title.region)
            json.member("source", sourcePath)
            json.member("title", title.raw)
            json.member("year", year)
        }
    }
}

extension ProjectFunds: JSONWritable {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("fiscal", ifPresent: fiscal)
            json.member("other", ifPresent: other)
            json.member("total", ifPresent: total)
            json.member("unit", unit.rawValue)
        }
    }
}
