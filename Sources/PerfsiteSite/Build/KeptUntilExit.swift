import Synchronization

/// What a build leaves for the process's exit to give back instead of freeing it
/// (`SiteBuilder.freesModels`): the way compilers skip freeing their trees before they exit.
enum KeptUntilExit {
    private static let values = Mutex<[any Sendable]>([])

    static func keep(_ value: any Sendable) { values.withLock { $0.append(value) } }
}
