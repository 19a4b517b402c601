import Foundation

/// Writes reports: files are created with mode 0600 (a report can name users and
/// internal hosts), standard output copes with a reader that went away.
enum ReportFile {
    static func write(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        // An existing file keeps its mode through O_CREAT: tighten it too.
        fchmod(fd, 0o600)
        try StandardOutput.writeAll(Array(text.utf8), to: fd)
    }
}

/// Standard output without surprises: a closed pipe (`telltale check | head`)
/// ends the write quietly instead of killing the process with SIGPIPE.
enum StandardOutput {
    static func write(_ text: String) {
        try? writeAll(Array(text.utf8), to: STDOUT_FILENO)
    }

    static func writeAll(_ bytes: [UInt8], to fd: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += n
        }
    }
}
