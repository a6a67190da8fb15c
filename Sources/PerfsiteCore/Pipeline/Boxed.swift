/// A stored property held by reference, immutable once set: 8 bytes in its container, wherever
/// the value itself is large. A checked table's result and an assembled department each held a
/// department inline (~450 bytes with its budget, title and located values), and the build
/// keeps one of each for every table of the site; arrays of them are as wide as their widest
/// case. A setter stores a new box, so copies never see each other's changes.
@propertyWrapper
public struct Boxed<Value: Sendable>: Sendable {
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    public init(wrappedValue: Value) { box = Box(wrappedValue) }

    public var wrappedValue: Value {
        // Lent, not copied: a getter copied the whole department (a retain for each of its
        // strings and arrays, and a release after) for every `entry.department?.…` — a task's
        // folder name alone was asked for several times per task (perf: 0.8% of a full build).
        _read { yield box.value }
        set { box = Box(newValue) }
    }
}
