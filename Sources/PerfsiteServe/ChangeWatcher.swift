import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Watches the sources of a site — Content/, Themes/, perfsite.toml — and calls back with the
/// path of each change. Folders are watched recursively, and each watched path's parent is watched
/// too, so a folder or file that appears later (a first Themes/ override, a perfsite.toml written
/// by an editor that saves through rename) is seen.
///
/// inotify is used where the kernel offers it. Polling (size, mtime and inode of every file every
/// interval) is the fallback for file systems without inotify (network and some container mounts)
/// and is chosen with `--poll`. Both run on a thread of their own: a blocking `poll(2)` or a sleep
/// must not hold one of Swift's cooperative threads, which serve requests.
public final class ChangeWatcher: Sendable {
    public enum Mode: Sendable, Equatable {
        case inotify
        case polling(interval: Duration)
    }

    public let mode: Mode
    private let roots: [String]
    private let onChange: @Sendable (String) -> Void
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts watching. Falls back to polling every 500 ms when inotify cannot start.
    public init(paths: [String], mode requested: Mode = .inotify, onChange: @escaping @Sendable (String) -> Void) {
        roots = Array(Set(paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path })).sorted()
        self.onChange = onChange
        var mode = requested
        var inotify: InotifyWatches?
        if requested == .inotify {
            inotify = InotifyWatches(roots: roots)
            if inotify == nil { mode = .polling(interval: .milliseconds(500)) }
        }
        self.mode = mode
        let thread: Thread
        if let inotify {
            thread = Thread { [self] in
                self.runInotify(inotify)
                self.finished.signal()
            }
        } else {
            let interval = if case .polling(let interval) = mode { interval } else { Duration.milliseconds(500) }
            // The first snapshot is taken here, not on the thread: a change made right after init
            // returns must differ from it, however late the thread starts.
            let first = PollingSnapshot(roots: roots)
            thread = Thread { [self] in
                self.runPolling(interval: interval, from: first)
                self.finished.signal()
            }
        }
        thread.name = "perfsite-watch"
        thread.start()
    }

    /// Stops the watcher thread and waits for it (at most one poll interval). The thread keeps the
    /// watcher alive until then.
    public func stop() {
        if stopped.exchange(true, ordering: .acquiringAndReleasing) { return }
        finished.wait()
    }

    private func runInotify(_ watches: InotifyWatches) {
        defer { watches.close() }
        var pollDescriptor = pollfd(fd: watches.descriptor, events: Int16(POLLIN), revents: 0)
        let bufferSize = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferSize, alignment: 8)
        defer { buffer.deallocate() }
        while !stopped.load(ordering: .acquiring) {
            // A short timeout, so that stop() is honoured promptly.
            guard Glibc.poll(&pollDescriptor, 1, 100) > 0 else { continue }
            let count = read(watches.descriptor, buffer, bufferSize)
            guard count > 0 else { continue }
            var offset = 0
            var sawNewFolder = false
            var sawOverflow = false
            while offset + 16 <= count {
                let descriptor = buffer.load(fromByteOffset: offset, as: Int32.self)
                let mask = buffer.load(fromByteOffset: offset + 4, as: UInt32.self)
                let nameLength = Int(buffer.load(fromByteOffset: offset + 12, as: UInt32.self))
                var name = ""
                if nameLength > 0 {
                    let start = buffer.advanced(by: offset + 16).assumingMemoryBound(to: CChar.self)
                    name = String(cString: start)
                }
                offset += 16 + nameLength
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    sawOverflow = true
                    continue
                }
                guard let path = watches.path(descriptor: descriptor, name: name) else { continue }
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { sawNewFolder = true }
                if mask & UInt32(IN_IGNORED) != 0 { continue }
                if Self.isEditorScratch(name) { continue }
                onChange(path)
            }
            if sawNewFolder || sawOverflow {
                // Files written into a new folder before its watch existed sent no event of their
                // own: report what the new folders already hold.
                for folder in watches.addMissingWatches() {
                    for file in (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []
                    where !Self.isEditorScratch((file as NSString).lastPathComponent) {
                        onChange(folder + "/" + file)
                    }
                }
            }
            // The queue overflowed: changes were lost, so report one for the whole site.
            if sawOverflow, let first = roots.first { onChange(first) }
        }
    }

    private func runPolling(interval: Duration, from first: PollingSnapshot) {
        var previous = first
        while !stopped.load(ordering: .acquiring) {
            // Sleep in short steps so that stop() is honoured promptly.
            var slept = Duration.zero
            while slept < interval, !stopped.load(ordering: .acquiring) {
                let step = min(.milliseconds(50), interval - slept)
                Thread.sleep(
                    forTimeInterval: Double(step.components.attoseconds) / 1e18 + Double(step.components.seconds))
                slept += step
            }
            let current = PollingSnapshot(roots: roots)
            for path in current.changes(since: previous)
            where !Self.isEditorScratch((path as NSString).lastPathComponent) {
                onChange(path)
            }
            previous = current
        }
    }

    /// Files editors write beside the one being edited (vim's swap files and its 4913 probe,
    /// emacs's lock and backup files): saving them is not a change of the site.
    static func isEditorScratch(_ name: String) -> Bool {
        name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix("~") || name == "4913"
            || name.hasPrefix(".#") || (name.hasPrefix("#") && name.hasSuffix("#"))
    }
}

/// The inotify descriptor and what each watch descriptor stands for.
private final class InotifyWatches: @unchecked Sendable {
    // @unchecked: the table is touched only by the watcher's own thread after init.
    let descriptor: Int32
    private let roots: [String]
    /// Watch descriptor → folder, and for the parents of roots the names that matter.
    private var folders: [Int32: String] = [:]
    private var parentFilters: [Int32: Set<String>] = [:]
    private let mask = UInt32(
        IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
            | IN_DELETE_SELF | IN_MOVE_SELF)

    init?(roots: [String]) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        self.roots = roots
        for root in roots {
            let parent = (root as NSString).deletingLastPathComponent
            let watch = inotify_add_watch(descriptor, parent, mask)
            if watch >= 0 {
                parentFilters[watch, default: []].insert((root as NSString).lastPathComponent)
                if folders[watch] == nil { folders[watch] = parent }
            }
        }
        addMissingWatches()
    }

    /// Adds a watch for every folder under the roots (adding one twice is harmless: inotify
    /// returns the same descriptor), and returns the folders that were not watched before.
    @discardableResult
    func addMissingWatches() -> [String] {
        var added: [String] = []
        for root in roots {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else {
                continue
            }
            if addWatch(root) { added.append(root) }
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            while let relative = walker.nextObject() as? String {
                if walker.fileAttributes?[.type] as? FileAttributeType == .typeDirectory,
                    addWatch(root + "/" + relative)
                {
                    added.append(root + "/" + relative)
                }
            }
        }
        return added
    }

    /// Whether the folder is newly watched.
    private func addWatch(_ folder: String) -> Bool {
        let watch = inotify_add_watch(descriptor, folder, mask)
        guard watch >= 0 else { return false }
        let isNew = folders[watch] != folder || parentFilters[watch] != nil
        folders[watch] = folder
        // A root that is also the parent of another root is watched fully.
        parentFilters[watch] = nil
        return isNew
    }

    /// The changed path, or nil for an event on a root's parent that concerns another name.
    func path(descriptor watch: Int32, name: String) -> String? {
        guard let folder = folders[watch] else { return nil }
        if let names = parentFilters[watch], !names.contains(name) { return nil }
        return name.isEmpty ? folder : folder + "/" + name
    }

    func close() { Glibc.close(descriptor) }
}

/// Size, modification time and inode of every file under the roots: what polling compares.
struct PollingSnapshot: Sendable {
    struct Stamp: Sendable, Equatable {
        var size: Int64
        var modified: Int64
        var inode: UInt64
    }

    var stamps: [String: Stamp] = [:]

    init(roots: [String]) {
        for root in roots {
            record(root)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue,
                let walker = FileManager.default.enumerator(atPath: root)
            else { continue }
            while let relative = walker.nextObject() as? String { record(root + "/" + relative) }
        }
    }

    private mutating func record(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        stamps[path] = Stamp(
            size: Int64(info.st_size),
            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            inode: UInt64(info.st_ino))
    }

    /// Paths added, removed or changed, in order.
    func changes(since previous: PollingSnapshot) -> [String] {
        var changed: [String] = []
        for (path, stamp) in stamps where previous.stamps[path] != stamp { changed.append(path) }
        for path in previous.stamps.keys where stamps[path] == nil { changed.append(path) }
        return changed.sorted()
    }
}
