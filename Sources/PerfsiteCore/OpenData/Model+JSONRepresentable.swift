import Foundation

// The published JSON of each model, member for member what its `Encodable` conformance writes
// (PublishedJSONTests compares the bytes with JSONEncoder's): a change to one must be made to both.

extension String: JSONRepresentable {
    public var jsonValue: JSONValue { .string(self) }
}

extension Int: JSONRepresentable {
    public var jsonValue: JSONValue { .number(String(self)) }
}

extension Located: JSONRepresentable where Value: JSONRepresentable {
    public var jsonValue: JSONValue { value.jsonValue }
}

extension Amount: JSONRepresentable {
    /// `plainText` without trailing zeros, as the Decimal that `encode(to:)` makes of it prints.
    public var jsonValue: JSONValue { .number(compactText) }
}

extension Fragment: JSONRepresentable {
    public var jsonValue: JSONValue { .object([("html", .string(html)), ("text", .string(text))]) }
}

extension Department: JSONRepresentable {
    public var jsonValue: JSONValue {
        .members([
            ("budget", budget.jsonValue), ("goals", goals.jsonValue), ("level", .string(title.level)),
            ("name", name.jsonValue), ("note", note.map(JSONValue.string)), ("projects", JSONValue(projects)),
            ("region", .string(title.region)), ("source", .string(sourcePath)),
            ("staffCount", staffCount?.jsonValue), ("subordinateUnitCount", subordinateUnitCount?.jsonValue),
            ("supervisor", supervisor?.jsonValue), ("title", .string(title.raw)), ("year", JSONValue(year)),
        ])
    }
}

extension Project: JSONRepresentable {
    public var jsonValue: JSONValue {
        let html = content.value.html
        return .members([
            ("amount", amount?.jsonValue), ("content", .string(content.value.text)),
            ("contentHTML", html != HTMLSerializer.escapeText(content.value.text) ? .string(html) : nil),
            ("indicators", JSONValue(indicators)), ("name", name.jsonValue), ("sequence", sequence?.jsonValue),
            ("source", taskSource.jsonValue),
        ])
    }
}

extension Indicator: JSONRepresentable {
    public var jsonValue: JSONValue {
        .members([
            ("canonicalLevel2", canonicalLevel2.map(JSONValue.string)),
            ("category", category.map { .string($0.rawValue) }),
            ("comparator", comparator.map { .string($0.rawValue) }),
            ("core", isCore.map(JSONValue.bool)), ("level1", .string(level1)), ("level2", .string(level2)),
            ("level3", .string(level3)), ("parsed", target.value.jsonValue), ("value", .string(target.raw)),
        ])
    }
}

extension TargetValue: JSONRepresentable {
    public var jsonValue: JSONValue {
        let kind = JSONValue.string(kind)
        switch self {
        case .percent(let number), .fraction(let number), .number(let number):
            return .object([("kind", kind), ("number", JSONValue(number))])
        case .quantity(let number, let unit), .duration(let number, let unit):
            return .object([("kind", kind), ("number", JSONValue(number)), ("unit", .string(unit))])
        case .qualitative(let text), .placeholder(let text):
            return .object([("kind", kind), ("text", .string(text))])
        case .missing:
            return .object([("kind", kind)])
        }
    }
}

extension Budget: JSONRepresentable {
    public var jsonValue: JSONValue {
        .members([
            ("basic", basic?.jsonValue), ("incomeTotal", incomeTotal.jsonValue), ("incomes", JSONValue(incomes)),
            ("project", project?.jsonValue), ("statedExpenditureTotal", statedExpenditureTotal?.jsonValue),
            ("statedIncomeTotal", statedIncomeTotal?.jsonValue), ("total", expenditureTotal.jsonValue),
            ("unit", .string(unit.rawValue)),
        ])
    }
}

extension Budget.IncomeLine: JSONRepresentable {
    public var jsonValue: JSONValue { .object([("amount", amount.jsonValue), ("label", .string(label))]) }
}

extension ProjectTable: JSONRepresentable {
    public var jsonValue: JSONValue {
        .members([
            ("department", department.jsonValue), ("funds", funds.jsonValue), ("goals", goals.jsonValue),
            ("implementer", implementer?.jsonValue), ("indicators", JSONValue(indicators)),
            ("level", .string(title.level)), ("name", name.jsonValue), ("region", .string(title.region)),
            ("source", .string(sourcePath)), ("title", .string(title.raw)), ("year", JSONValue(year)),
        ])
    }
}

extension ProjectFunds: JSONRepresentable {
    public var jsonValue: JSONValue {
        .members([
            ("fiscal", fiscal?.jsonValue), ("other", other?.jsonValue), ("total", total?.jsonValue),
            ("unit", .string(unit.rawValue)),
        ])
    }
}
