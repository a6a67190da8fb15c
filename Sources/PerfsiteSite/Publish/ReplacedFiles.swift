import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Open descriptors of published files that a build reads from while it replaces them (the
/// previous manifest.json and open-data files, whose unchanged bytes it copies), closed on
/// another thread once the build is done with them.
///
/// Closing a file that has been replaced is when the kernel frees its pages. Closed when their
/// owner was freed at the end of a build, the 17 MB of open-data files of 1,000 departments took
/// 2.6 ms, the last thing a one-table rebuild did on its main thread (perf, six rebuilds).
final class ReplacedFiles: Sendable {
    private let descriptors: [Int32]
    /// Set by `closeInBackground`: the descriptors are closed, or being closed.
    private let closed = Atomic<Bool>(false)

    init(_ descriptors: [Int32]) { self.descriptors = descriptors }

    deinit {
        if !closed.load(ordering: .acquiring) { for descriptor in descriptors { close(descriptor) } }
    }

    /// The descriptor of file number `index`; never asked once `closeInBackground` was called,
    /// when the number might already name another file.
    subscript(index: Int) -> Int32 {
        precondition(!closed.load(ordering: .acquiring), "a replaced file is read after it was closed")
        return descriptors[index]
    }

    /// Closes the files on a thread of the system's, once nothing more is read or copied from them.
    func closeInBackground() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let descriptors = descriptors
        DispatchQueue.global(qos: .utility).async { for descriptor in descriptors { close(descriptor) } }
    }
}
