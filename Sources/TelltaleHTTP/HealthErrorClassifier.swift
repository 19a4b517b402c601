import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import TelltaleCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Maps the errors AsyncHTTPClient and SwiftNIO throw to the reasons a monitor reports.
///
/// The operator needs to tell "nothing listens" from "DNS is wrong" from "the server hung":
/// each points at a different fix, so each gets its own `HealthError` case.
enum HealthErrorClassifier {
    /// The `HealthError` for an error thrown while requesting `host`.
    ///
    /// - Parameters:
    ///   - error: What the client threw.
    ///   - host: The host of the requested URL, named in DNS failures.
    ///   - timeout: The request's deadline in seconds, reported for timeouts.
    static func classify(_ error: any Error, host: String, timeout: Double) -> HealthError {
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                return .dnsFailure(host)
            }
            if let first = error.connectionErrors.first {
                return classify(first.error, host: host, timeout: timeout)
            }
            return .other(String(describing: error))
        }
        if error is SocketAddressError.UnknownHost {
            return .dnsFailure(host)
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return .connectionRefused
            case ECONNRESET, EPIPE: return .connectionReset
            case ETIMEDOUT: return .timeout(timeout)
            default: return .other(String(describing: error))
            }
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return .timeout(timeout)
        }
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return .tls(tlsReason(error))
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .tlsHandshakeTimeout:
                return .timeout(timeout)
            case .redirectCycleDetected, .redirectLimitReached:
                return .redirectLoop
            case .remoteConnectionClosed:
                // The server went away before the response was complete: to the operator
                // that is the same event as a reset.
                return .connectionReset
            default:
                // Header-value errors quote the value, which may be a secret.
                let text = String(describing: error)
                if text.contains("invalidHeaderFieldValues") {
                    return .other("invalid header value")
                }
                return .other(text)
            }
        }
        return .other(String(describing: error))
    }

    /// BoringSSL's reason code in words ("certificate verify failed"), without the error
    /// numbers and source paths its full description carries.
    static func tlsReason(_ error: any Error) -> String {
        let text = String(describing: error)
        let marker = "OPENSSL_internal:"
        guard let range = text.range(of: marker) else { return text }
        let code = text[range.upperBound...].prefix { $0.isUppercase || $0.isNumber || $0 == "_" }
        guard !code.isEmpty else { return text }
        return code.lowercased().replacingOccurrences(of: "_", with: " ")
    }
}
