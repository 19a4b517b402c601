import CNcurses
import Glibc
import Synchronization
import TelltaleUI

/// The terminal, through ncurses: the only code that imports curses.
///
/// It draws cell buffers (only the cells that changed), maps theme roles to
/// color pairs for what the terminal supports, reads keys, and waits in
/// `poll()` on the keyboard, a wake-up pipe and signals. Every curses call
/// must come from the thread that created it. `close()` (also run on deinit)
/// restores the terminal; call it on every way out.
public final class CursesScreen: Screen {
    /// Whether the locale speaks UTF-8; without it the glyphs are ASCII.
    public let unicode: Bool
    /// Colors the terminal offers (0 when monochrome).
    public let colors: Int
    public let monochrome: Bool
    public var glyphs: Glyphs { unicode ? .unicode : .ascii }
    public private(set) var width: Int
    public private(set) var height: Int

    private let screen: OpaquePointer
    private let output: UnsafeMutablePointer<FILE>
    private let input: UnsafeMutablePointer<FILE>
    private var previous: CellBuffer?
    private var styles: [StyleRole: (attributes: attr_t, pair: Int16)] = [:]
    private var closed = false
    private var savedActions: [Int32: sigaction] = [:]
    private var signalPipe: [Int32] = [-1, -1]

    /// Starts curses on the controlling terminal (standard input and output).
    ///
    /// - Parameters:
    ///   - theme: the colors to use.
    ///   - noColor: monochrome whatever the terminal supports (`--no-color`, `NO_COLOR`).
    /// - Throws: `TerminalError` when there is no usable terminal; the terminal
    ///   is left untouched then.
    public init(theme: Theme, noColor: Bool) throws(TerminalError) {
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty else {
            throw TerminalError("TERM is not set: cannot drive the terminal (try TERM=xterm-256color)")
        }
        setlocale(LC_ALL, "")
        let ctype = setlocale(LC_CTYPE, nil).map { String(cString: $0).lowercased() } ?? ""
        unicode = ctype.contains("utf-8") || ctype.contains("utf8")

        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else { throw TerminalError("cannot create the signal pipe: errno \(errno)") }
        for fd in pipeFDs {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        signalPipe = pipeFDs

        guard let out = fdopen(dup(STDOUT_FILENO), "w"), let inp = fdopen(dup(STDIN_FILENO), "r") else {
            throw TerminalError("cannot open the terminal's file descriptors")
        }
        output = out
        input = inp
        // Our handlers go in before newterm, so ncurses leaves SIGWINCH to us
        // and a resize wakes poll() like any other input.
        signalWriteFD = pipeFDs[1]
        for sig in [SIGWINCH, SIGTERM, SIGHUP, SIGINT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = cursesScreenSignalHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var old = sigaction()
            sigaction(sig, &action, &old)
            savedActions[sig] = old
        }
        guard let created = newterm(nil, out, inp) else {
            for (sig, var old) in savedActions { sigaction(sig, &old, nil) }
            fclose(out)
            fclose(inp)
            throw TerminalError("the terminal type '\(term)' is not known to ncurses")
        }
        screen = created
        set_term(created)
        raw()
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        nodelay(cn_stdscr(), true)
        // No typeahead check while drawing: ncurses would poll the keyboard
        // and flush its output at each check, a dozen syscalls a frame; keys
        // wait in poll() for the frame to finish instead (a frame is < 1 ms).
        typeahead(-1)
        set_escdelay(25)
        curs_set(0)
        let envNoColor = getenv("NO_COLOR").map { String(cString: $0) }.map { !$0.isEmpty } ?? false
        if !noColor && !envNoColor && has_colors() {
            start_color()
            use_default_colors()
            colors = Int(cn_colors())
            monochrome = colors < 8
        } else {
            colors = 0
            monochrome = true
        }
        width = Int(cn_cols())
        height = Int(cn_lines())
        apply(theme: theme)
        // ncurses flushes its output after every cursor move until the screen
        // has once come back from `endwin()` (until then it treats the screen
        // as one a low-level terminfo program drives by hand): a write syscall
        // per changed run, a dozen a frame, each waking the terminal.
        // Suspending once before the first frame makes it buffer a whole frame
        // into one write; the first `doupdate()` restores the program's modes.
        endwin()
    }

    deinit {
        close()
    }

    /// Maps every role to a color pair and attributes for this terminal, and
    /// redraws everything on the next `present`.
    public func apply(theme: Theme) {
        guard !closed else { return }
        for (index, role) in StyleRole.allCases.enumerated() {
            let style = theme.resolved(role, colors: colors, monochrome: monochrome)
            var attributes = cn_a_normal()
            if style.bold { attributes |= cn_a_bold() }
            if style.reverse { attributes |= cn_a_reverse() }
            if style.underline { attributes |= cn_a_underline() }
            var pair: Int16 = 0
            if !monochrome, Int(index + 1) < Int(cn_color_pairs()) {
                pair = Int16(index + 1)
                init_pair(pair, Int16(style.fg ?? -1), Int16(style.bg ?? -1))
            }
            styles[role] = (attributes, pair)
        }
        previous = nil
        clearok(cn_stdscr(), true)
    }

    /// Draws `buffer`, writing only the cells that differ from the last frame.
    public func present(_ buffer: CellBuffer) {
        guard !closed else { return }
        let window = cn_stdscr()
        if previous == nil { werase(window) }
        for run in buffer.diff(from: previous) where run.y < height {
            var x = run.x
            // Start on the left half of a wide character, never on its right half.
            if x > 0, buffer[x, run.y].text.isEmpty { x -= 1 }
            let end = min(run.x + run.count, width)
            while x < end {
                let first = buffer[x, run.y]
                var text = ""
                var cursor = x
                while cursor < end {
                    let cell = buffer[cursor, run.y]
                    guard cell.role == first.role, cell.attributes == first.attributes else { break }
                    text += unicode ? cell.text : asciiOnly(cell.text)
                    cursor += 1
                }
                let style = styles[first.role] ?? (cn_a_normal(), 0)
                var attributes = style.attributes
                if first.attributes.contains(.bold) { attributes |= cn_a_bold() }
                if first.attributes.contains(.reverse) { attributes |= cn_a_reverse() }
                if first.attributes.contains(.underline) { attributes |= cn_a_underline() }
                wattr_set(window, attributes, style.pair, nil)
                // The bottom-right cell reports an error (the cursor cannot
                // advance past it) but is drawn: nothing to handle.
                _ = mvwaddstr(window, Int32(run.y), Int32(x), text)
                x = cursor
            }
        }
        wattr_set(window, cn_a_normal(), 0, nil)
        wnoutrefresh(window)
        doupdate()
        previous = buffer
    }

    private func asciiOnly(_ text: String) -> String {
        text.unicodeScalars.allSatisfy(\.isASCII) ? text : (text.isEmpty ? "" : "?")
    }

    /// Waits until a key, a wake-up, a signal or `timeout` seconds; never spins.
    public func wait(timeout: Double, wake: WakePipe) -> [TerminalInput] {
        guard !closed else { return [.terminate] }
        var inputs = readKeys()
        if !inputs.isEmpty { return inputs }
        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wake.readFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signalPipe[0], events: Int16(POLLIN), revents: 0),
        ]
        let milliseconds = Int32(max(0, min(timeout, 60)) * 1000)
        let ready = poll(&fds, nfds_t(fds.count), milliseconds)
        if ready > 0 {
            if fds[1].revents != 0 {
                wake.drain()
                inputs.append(.wake)
            }
            if fds[2].revents != 0 { inputs += drainSignals() }
            if fds[0].revents & Int16(POLLHUP | POLLERR) != 0 { inputs.append(.terminate) }
            if fds[0].revents & Int16(POLLIN) != 0 { inputs += readKeys() }
        } else if ready < 0 && errno == EINTR {
            inputs += drainSignals()
        }
        return inputs
    }

    private func drainSignals() -> [TerminalInput] {
        var bytes = [UInt8](repeating: 0, count: 32)
        while read(signalPipe[0], &bytes, bytes.count) > 0 {}
        var inputs: [TerminalInput] = []
        if signalTerminate.exchange(false, ordering: .acquiringAndReleasing) { inputs.append(.terminate) }
        if signalResize.exchange(false, ordering: .acquiringAndReleasing) {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 {
                resizeterm(Int32(size.ws_row), Int32(size.ws_col))
                width = Int(cn_cols())
                height = Int(cn_lines())
                previous = nil
                clearok(cn_stdscr(), true)
                inputs.append(.resize(width: width, height: height))
            }
        }
        return inputs
    }

    /// Every key curses has ready, mapped to `Key`s.
    private func readKeys() -> [TerminalInput] {
        var inputs: [TerminalInput] = []
        var character: wint_t = 0
        while true {
            let kind = wget_wch(cn_stdscr(), &character)
            if kind == ERR { break }
            let code = Int32(bitPattern: character)
            if kind == cn_key_code_yes() {
                let key: Key? = switch code {
                case KEY_UP: .up
                case KEY_DOWN: .down
                case KEY_LEFT: .left
                case KEY_RIGHT: .right
                case KEY_PPAGE: .pageUp
                case KEY_NPAGE: .pageDown
                case KEY_HOME: .home
                case KEY_END: .end
                case KEY_BTAB: .backTab
                case KEY_BACKSPACE: .backspace
                case KEY_ENTER: .enter
                default: nil
                }
                if let key { inputs.append(.key(key)) }
                if code == KEY_RESIZE {
                    width = Int(cn_cols())
                    height = Int(cn_lines())
                    previous = nil
                    inputs.append(.resize(width: width, height: height))
                }
                continue
            }
            switch code {
            case 9: inputs.append(.key(.tab))
            case 10, 13: inputs.append(.key(.enter))
            case 27: inputs.append(.key(.escape))
            case 8, 127: inputs.append(.key(.backspace))
            case 1...26:
                inputs.append(.key(.control(Character(Unicode.Scalar(UInt8(96 + code))))))
            default:
                if let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: code)) {
                    inputs.append(.key(.character(Character(scalar))))
                }
            }
        }
        return inputs
    }

    public func beep() {
        guard !closed else { return }
        _ = CNcurses.beep()
    }

    public func flash() {
        guard !closed else { return }
        _ = CNcurses.flash()
    }

    /// Restores the terminal (leaves the alternate screen, echo back on) and
    /// the signal handlers. Safe to call more than once.
    public func close() {
        guard !closed else { return }
        closed = true
        curs_set(1)
        endwin()
        delscreen(screen)
        fclose(output)
        fclose(input)
        for (sig, var old) in savedActions { sigaction(sig, &old, nil) }
        signalWriteFD = -1
        Glibc.close(signalPipe[0])
        Glibc.close(signalPipe[1])
    }
}

// The signal handler may only touch async-signal-safe state: two atomics and a
// pipe write. These live outside the class because a C handler cannot capture.
nonisolated(unsafe) private var signalWriteFD: Int32 = -1
private let signalTerminate = Atomic<Bool>(false)
private let signalResize = Atomic<Bool>(false)

private func cursesScreenSignalHandler(_ signal: Int32) {
    if signal == SIGWINCH {
        signalResize.store(true, ordering: .releasing)
    } else {
        signalTerminate.store(true, ordering: .releasing)
    }
    var byte: UInt8 = 1
    _ = write(signalWriteFD, &byte, 1)
}
