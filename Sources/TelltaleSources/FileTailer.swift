#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import TelltaleCore

/// The blocking state machine behind `FileTailSource`, owned by one thread.
///
/// It wakes on inotify events for the file and for names changing in its
/// directory (not for writes to the directory's other files: a busy log next
/// to a quiet one must not wake it), and regardless
/// every half second, stretching to every 4 s while nothing happens, because
/// inotify misses changes on some filesystems (network mounts, files replaced
/// from another mount namespace). Every wake does
/// the same full check (read what is new, then look at what the path names now)
/// so no event type has to be interpreted and a missed event costs only latency.
final class FileTailer {
    /// The file currently open and how far it has been read.
    private struct OpenFile {
        var descriptor: Int32
        var device: UInt64
        var inode: UInt64
        var offset: Int64
        var isRegular: Bool
        var watch: Int32
    }

    static let chunkSize = 1024 * 1024
    /// Fallback wake-up interval (milliseconds) when inotify stays quiet.
    static let pollIntervalMilliseconds: Int32 = 500
    /// The longest the fallback interval grows to: each quiet fallback wake
    /// doubles it, so an idle tail costs a wake every 4 s, not two a second.
    /// Any inotify event, or bytes that a fallback wake found, resets it.
    static let quietPollIntervalMilliseconds: Int32 = 4000
    /// Seconds between attempts to open a path that is a directory or unreadable.
    static let failedRetrySeconds = 2.0

    private let path: String
    private let name: String
    private let signal: WakeupSignal
    private let emit: @Sendable (SourceEvent) -> Void

    private var file: OpenFile?
    private var notifier: Int32 = -1
    private var directoryWatch: Int32 = -1
    private var lastState: SourceState?
    private var everOpened = false
    private var pathWentMissing = false
    private var nextOpenAttempt = 0.0
    /// The current fallback interval (see `quietPollIntervalMilliseconds`).
    private var fallbackMilliseconds = FileTailer.pollIntervalMilliseconds
    /// Whether a read since the last wake returned bytes.
    private var readBytes = false
    /// Whether the directory watch also reports writes (only while the open
    /// file has no watch of its own).
    private var directoryWatchesWrites = false
    /// How many times the follow loop has woken, for whatever reason (tests
    /// check that unrelated activity leaves it asleep).
    let wakeUps = Atomic<Int>(0)

    init(path: String, name: String, signal: WakeupSignal, emit: @escaping @Sendable (SourceEvent) -> Void) {
        self.path = path
        self.name = name
        self.signal = signal
        self.emit = emit
    }

    deinit {
        if let file { close(file.descriptor) }
        if notifier >= 0 { close(notifier) }
    }

    // MARK: - Reading once

    /// Reads the file from start to end once, then reports `.ended`.
    func readWholeFile() {
        guard openAtPath(startAtEnd: false, note: nil, missingIsFailure: true), var current = file else { return }
        let complete = drain(&current, untilEndOfStream: true)
        closeFile(current)
        if complete && !signal.isFired {
            setState(.ended)
        }
    }

    // MARK: - Following

    /// Follows the path until the signal fires.
    func follow(fromStart: Bool) {
        notifier = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        watchDirectory()
        _ = openAtPath(startAtEnd: !fromStart, note: nil)
        if var current = file {
            _ = drain(&current, untilEndOfStream: false)
            file = current
        }
        while !signal.isFired {
            waitForActivity()
            guard !signal.isFired else { break }
            check()
        }
        if let file { closeFile(file) }
        if notifier >= 0 {
            close(notifier)
            notifier = -1
        }
    }

    /// One full check: read what is new, then see whether the path still names the
    /// file we hold.
    private func check() {
        guard var current = file else {
            let now = WallClock.now()
            guard now >= nextOpenAttempt else { return }
            if openAtPath(startAtEnd: false, note: everOpened && pathWentMissing ? "re-created" : nil),
                var opened = file
            {
                _ = drain(&opened, untilEndOfStream: false)
                file = opened
            }
            return
        }

        var held = stat()
        if current.isRegular, fstat(current.descriptor, &held) == 0, Int64(held.st_size) < current.offset {
            // copytruncate: the writer keeps its descriptor and the file restarts at 0.
            emit(.note(source: name, text: "truncated"))
            current.offset = 0
            lseek(current.descriptor, 0, SEEK_SET)
        }
        guard drain(&current, untilEndOfStream: false) else { return }
        file = current

        var atPath = stat()
        if stat(path, &atPath) != 0 {
            pathWentMissing = true
            _ = fstat(current.descriptor, &held)
            if held.st_nlink == 0 {
                // Deleted: nothing more can be appended that anyone could find.
                closeFile(current)
                file = nil
            }
            // Renamed away (links remain): keep reading it, a writer may still be
            // appending until it reopens, and the new file will take over.
            setState(.waiting("no such file"))
            return
        }
        if UInt64(atPath.st_dev) == current.device && UInt64(atPath.st_ino) == current.inode {
            setState(.reading)
            return
        }

        // Another file now sits at the path. Read the old one to its very end first,
        // since its writer may have appended between our last read and the switch.
        guard drain(&current, untilEndOfStream: false) else { return }
        _ = fstat(current.descriptor, &held)
        let note = held.st_nlink == 0 ? "re-created" : "rotated"
        closeFile(current)
        file = nil
        if openAtPath(startAtEnd: false, note: note), var opened = file {
            _ = drain(&opened, untilEndOfStream: false)
            file = opened
        }
    }

    /// Blocks until inotify reports something, the signal fires, or the fallback
    /// interval passes.
    private func waitForActivity() {
        if directoryWatch < 0 { watchDirectory(writesToo: file.map { $0.watch < 0 } ?? false) }
        var descriptors = [
            pollfd(fd: notifier, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signal.descriptor, events: Int16(POLLIN), revents: 0),
        ]
        // Bytes found by the last check (perhaps ones inotify never reported)
        // mean the file is live again: back to the short interval.
        if readBytes { fallbackMilliseconds = Self.pollIntervalMilliseconds }
        readBytes = false
        let ready = poll(&descriptors, nfds_t(descriptors.count), fallbackMilliseconds)
        wakeUps.add(1, ordering: .relaxed)
        fallbackMilliseconds = ready > 0
            ? Self.pollIntervalMilliseconds
            : min(fallbackMilliseconds * 2, Self.quietPollIntervalMilliseconds)
        guard notifier >= 0 else { return }
        // The events themselves are not interpreted: any of them means "check".
        var events = [UInt8](repeating: 0, count: 4096)
        while read(notifier, &events, events.count) > 0 {}
    }

    /// Watches the directory for names appearing, moving and going (a rotation,
    /// a re-creation); for writes too only when the open file has no watch of
    /// its own (`inotify_add_watch` on it failed, e.g. out of watches).
    /// Re-adding replaces the mask of the same watch.
    private func watchDirectory(writesToo: Bool = false) {
        guard notifier >= 0 else { return }
        var mask = UInt32(IN_CREATE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM)
            | UInt32(IN_DELETE) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)
        if writesToo { mask |= UInt32(IN_MODIFY) | UInt32(IN_ATTRIB) }
        directoryWatch = inotify_add_watch(notifier, Self.directory(of: path), mask)
        directoryWatchesWrites = writesToo && directoryWatch >= 0
    }

    /// The directory holding `path`, where creations and renames of it are reported.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    // MARK: - Opening and reading

    /// Opens the file at `path`, reporting `.waiting` or `.failed` when it cannot.
    ///
    /// - Returns: Whether a file is now open.
    private func openAtPath(startAtEnd: Bool, note: String?, missingIsFailure: Bool = false) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT {
                pathWentMissing = true
                if missingIsFailure {
                    fail("no such file")
                } else {
                    setState(.waiting("no such file"))
                }
            } else {
                fail(SystemError.describe(code))
            }
            return false
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            fail(SystemError.describe(code))
            return false
        }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR {
            close(descriptor)
            fail("is a directory")
            return false
        }
        let isRegular = kind == S_IFREG
        let offset: Int64 = startAtEnd && isRegular ? Int64(info.st_size) : 0
        if offset > 0 { lseek(descriptor, off_t(offset), SEEK_SET) }
        var watch: Int32 = -1
        if notifier >= 0 {
            // Catches appends to this file even after it is renamed into another directory.
            let mask = UInt32(IN_MODIFY) | UInt32(IN_ATTRIB) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)
            watch = inotify_add_watch(notifier, path, mask)
            if (watch < 0) != directoryWatchesWrites { watchDirectory(writesToo: watch < 0) }
        }
        file = OpenFile(
            descriptor: descriptor,
            device: UInt64(info.st_dev),
            inode: UInt64(info.st_ino),
            offset: offset,
            isRegular: isRegular,
            watch: watch
        )
        everOpened = true
        pathWentMissing = false
        if let note { emit(.note(source: name, text: note)) }
        setState(.reading)
        return true
    }

    /// Reads everything available, in chunks of up to 1 MiB (big enough to
    /// share a batch between two threads), handing each on as it arrives.
    ///
    /// - Parameter untilEndOfStream: Wait for more on a pipe instead of returning
    ///   when it has nothing right now (reading once from a FIFO or `/dev/fd/N`).
    /// - Returns: `false` when a read failed and the file was closed.
    private func drain(_ current: inout OpenFile, untilEndOfStream: Bool) -> Bool {
        while !signal.isFired {
            let chunk = ChunkRead(from: current.descriptor, maximum: Self.chunkSize)
            let count = chunk.result
            if count > 0 {
                current.offset += Int64(count)
                readBytes = true
                emit(.data(source: name, bytes: chunk.bytes, arrival: WallClock.now()))
                continue
            }
            if count == 0 { return true }
            let code = chunk.error
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                guard untilEndOfStream else { return true }
                var descriptors = [
                    pollfd(fd: current.descriptor, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: signal.descriptor, events: Int16(POLLIN), revents: 0),
                ]
                _ = poll(&descriptors, nfds_t(descriptors.count), Self.pollIntervalMilliseconds)
                continue
            }
            closeFile(current)
            file = nil
            fail(SystemError.describe(code))
            return false
        }
        return true
    }

    private func closeFile(_ current: OpenFile) {
        if current.watch >= 0 && notifier >= 0 && current.watch != directoryWatch {
            inotify_rm_watch(notifier, current.watch)
        }
        close(current.descriptor)
        if file?.descriptor == current.descriptor { file = nil }
    }

    // MARK: - Reporting

    private func fail(_ reason: String) {
        nextOpenAttempt = WallClock.now() + Self.failedRetrySeconds
        setState(.failed(reason))
    }

    private func setState(_ state: SourceState) {
        guard state != lastState else { return }
        lastState = state
        emit(.state(source: name, state))
    }
}
