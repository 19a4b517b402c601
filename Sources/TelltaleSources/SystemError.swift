#if canImport(Glibc)
import Glibc
#endif

/// Short, lower-case descriptions of the `errno` values a source reports.
///
/// The status bar has little room, and "permission denied" reads better there
/// than "Permission denied (errno 13)"; anything unusual falls back to strerror.
enum SystemError {
    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case EISDIR: "is a directory"
        case ENOTDIR: "a parent is not a directory"
        case ELOOP: "too many symbolic links"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}
