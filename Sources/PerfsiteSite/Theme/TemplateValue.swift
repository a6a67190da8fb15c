/// What a template reads from a view model: each page model names its fields for the templates as
/// values of this enum. Rendering with swift-mustache looked every field up through `Any` and
/// dynamic casts (protocol conformance checks per lookup), which took half of a full build's CPU
/// time; with a closed set of cases a lookup is a `switch` on the key and no cast at all.
enum TemplateValue {
    /// Absent (nil): a variable renders nothing, a section is skipped, and lookup goes on down the
    /// context stack, as Mustache does for a missing key.
    case missing
    case text(String)
    case number(Int)
    case flag(Bool)
    case object(TemplateContext)
    case list([TemplateContext])

    // One initializer per field type: the view models write `TemplateValue(field)` and the type
    // checker picks the case.
    init(_ text: String) { self = .text(text) }
    init(_ number: Int) { self = .number(number) }
    init(_ flag: Bool) { self = .flag(flag) }
    init(_ object: some TemplateObject) { self = .object(TemplateContext.holding(object)) }
    init(_ list: [some TemplateObject]) { self = .list(list.map { TemplateContext.holding($0) }) }
    init(_ text: String?) { self = text.map(TemplateValue.text) ?? .missing }
    init(_ number: Int?) { self = number.map(TemplateValue.number) ?? .missing }
    init(_ object: (some TemplateObject)?) {
        self = object.map { .object(TemplateContext.holding($0)) } ?? .missing
    }
}

/// A view model as the templates hold it: in an object of its own, so that the context stack and
/// every lookup pass one reference around. Held as `any TemplateObject`, each view model was
/// copied out of the stack at every context a lookup passed (a retain of its box or of each of its
/// fields, through an outlined copy, and as many releases): 7.5% of a full build's samples at
/// 1,000 departments (perf).
///
/// The view model is stored in a subclass for its type (`holding`), not as an `any
/// TemplateObject` field: a view model larger than an existential's three inline words (a print
/// row has six strings) was boxed on the heap as well, two allocations per row of every page.
class TemplateContext {
    fileprivate init() {}

    static func holding<Object: TemplateObject>(_ object: Object) -> TemplateContext {
        ViewModelContext(object)
    }

    /// The view model's field named `key`.
    func templateValue(_ key: TemplateKey) -> TemplateValue { .missing }

    /// The view model whole, for a caller that hands it on (the parity test's Mustache bridge).
    var object: any TemplateObject { NoFields() }

    private struct NoFields: TemplateObject {
        func templateValue(_ key: TemplateKey) -> TemplateValue { .missing }
    }
}

private final class ViewModelContext<Object: TemplateObject>: TemplateContext {
    let viewModel: Object

    init(_ viewModel: Object) {
        self.viewModel = viewModel
        super.init()
    }

    override func templateValue(_ key: TemplateKey) -> TemplateValue { viewModel.templateValue(key) }

    override var object: any TemplateObject { viewModel }
}

/// A view model a template can read: each field by the name the templates use.
protocol TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue
}

extension TemplateObject {
    /// The field a template names `name`: missing if no view model has a field of that name.
    func templateValue(named name: String) -> TemplateValue {
        TemplateKey(rawValue: name).map(templateValue) ?? .missing
    }
}
