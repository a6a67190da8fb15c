/// A value kept in one object that copies share until one of them is changed (copy on write).
/// `Department`, `Project` and `Indicator` keep their fields in one: a build copies each of them
/// many times (grouping, sorting and batching the tables; rendering a task's page, print view,
/// downloads, open data and search documents), and with their strings, arrays and source
/// locations inline each copy retained and released every one of them. Their copies and
/// destroys had been 5% of a full build's samples at 1,000 departments, and 4.5% of a one-table
/// rebuild's (perf).
struct CopyOnWrite<Value: Sendable>: Sendable {
    /// Unchecked Sendable: a box is changed only while one `CopyOnWrite` holds it, and shared ones
    /// are only read; for the same reason its value goes without the run-time exclusivity checks
    /// a class's fields otherwise get.
    private final class Box: @unchecked Sendable {
        @exclusivity(unchecked) var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    init(_ value: Value) { box = Box(value) }

    /// The value, read where it is; changed in place, after a copy of its own is made if another
    /// holds it too.
    var value: Value {
        _read { yield box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }

    /// Whether the two share one object, and so one value.
    func isShared(with other: Self) -> Bool { box === other.box }
}
