import Foundation
import TelltaleCore

/// One line of a recording (`--record FILE`): an input exactly as it arrived.
///
/// Byte chunks are recorded as they came (not lines), so a replay feeds the same
/// bytes at the same moments through the same pipeline and reaches the same
/// counts. Valid UTF-8 is stored as text, anything else as base64. Request
/// headers are never part of any entry, so a recording holds no secret that
/// `--header` carried; log bytes and health bodies are stored redacted unless
/// the run had `--no-redact`, which the header says (`redacted: false`).
public enum RecordingEntry: Sendable, Equatable {
    /// `redacted`: whether the log bytes and health bodies that follow went
    /// through the redactor. Recordings from before the flag existed have no
    /// such member and were raw, so a missing member reads as false.
    case header(version: Int, started: Double, redacted: Bool = true)
    case data(source: String, bytes: [UInt8], arrival: Double)
    case state(source: String, state: SourceState, at: Double)
    case note(source: String, text: String, at: Double)
    case health(HealthResult)

    public static let formatVersion = 1

    /// The entry as one line of JSON (no trailing newline).
    public func encoded() -> String {
        var members: [(key: String, value: JSONValue)]
        switch self {
        case let .header(version, started, redacted):
            members = [("type", .string("telltale-recording")), ("version", .number(Double(version))), ("started", .number(started)),
                       ("redacted", .bool(redacted))]
        case let .data(source, bytes, arrival):
            members = [("type", .string("data")), ("t", .number(arrival)), ("source", .string(source))]
            if let text = String(validating: bytes, as: UTF8.self) {
                members.append(("text", .string(text)))
            } else {
                members.append(("base64", .string(Data(bytes).base64EncodedString())))
            }
        case let .state(source, state, at):
            members = [("type", .string("state")), ("t", .number(at)), ("source", .string(source))]
            members += Self.encode(state)
        case let .note(source, text, at):
            members = [("type", .string("note")), ("t", .number(at)), ("source", .string(source)), ("text", .string(text))]
        case let .health(result):
            members = [("type", .string("health")), ("t", .number(result.time)), ("endpoint", .string(result.endpoint)),
                       ("latency", .number(result.latency)), ("body", .string(result.body))]
            if let status = result.status { members.append(("status", .number(Double(status)))) }
            if let error = result.error { members += Self.encode(error) }
        }
        return JSONValue.object(members).jsonText
    }

    /// Reads one line of a recording; nil for a line that is not an entry.
    public static func decode(_ line: String) -> RecordingEntry? {
        guard let json = JSONValue.parse(line), let type = json["type"]?.stringValue else { return nil }
        let t = json["t"]?.numberValue ?? 0
        let source = json["source"]?.stringValue ?? ""
        switch type {
        case "telltale-recording":
            return .header(version: Int(json["version"]?.numberValue ?? 0), started: json["started"]?.numberValue ?? 0,
                           redacted: json["redacted"] == .bool(true))
        case "data":
            if let text = json["text"]?.stringValue { return .data(source: source, bytes: Array(text.utf8), arrival: t) }
            if let b64 = json["base64"]?.stringValue, let data = Data(base64Encoded: b64) {
                return .data(source: source, bytes: Array(data), arrival: t)
            }
            return nil
        case "state":
            return decodeState(json).map { .state(source: source, state: $0, at: t) }
        case "note":
            return .note(source: source, text: json["text"]?.stringValue ?? "", at: t)
        case "health":
            guard let endpoint = json["endpoint"]?.stringValue else { return nil }
            return .health(HealthResult(
                endpoint: endpoint, time: t, status: json["status"]?.numberValue.map { Int($0) },
                latency: json["latency"]?.numberValue ?? 0, body: json["body"]?.stringValue ?? "",
                error: decodeError(json)))
        default:
            return nil
        }
    }

    // MARK: - States and errors

    private static func encode(_ state: SourceState) -> [(key: String, value: JSONValue)] {
        switch state {
        case .connecting: return [("state", .string("connecting"))]
        case .reading: return [("state", .string("reading"))]
        case .waiting(let why): return [("state", .string("waiting")), ("reason", .string(why))]
        case let .reconnecting(at, reason):
            return [("state", .string("reconnecting")), ("next", .number(at)), ("reason", .string(reason))]
        case .ended: return [("state", .string("ended"))]
        case .failed(let why): return [("state", .string("failed")), ("reason", .string(why))]
        }
    }

    private static func decodeState(_ json: JSONValue) -> SourceState? {
        let reason = json["reason"]?.stringValue ?? ""
        switch json["state"]?.stringValue {
        case "connecting": return .connecting
        case "reading": return .reading
        case "waiting": return .waiting(reason)
        case "reconnecting": return .reconnecting(at: json["next"]?.numberValue ?? 0, reason: reason)
        case "ended": return .ended
        case "failed": return .failed(reason)
        default: return nil
        }
    }

    private static func encode(_ error: HealthError) -> [(key: String, value: JSONValue)] {
        let (kind, detail): (String, JSONValue) = switch error {
        case .timeout(let s): ("timeout", .number(s))
        case .connectionRefused: ("refused", .null)
        case .dnsFailure(let host): ("dns", .string(host))
        case .tls(let why): ("tls", .string(why))
        case .connectionReset: ("reset", .null)
        case .bodyTooLarge(let cap): ("too-large", .number(Double(cap)))
        case .redirectLoop: ("redirect-loop", .null)
        case .other(let why): ("other", .string(why))
        }
        return [("error", .string(kind)), ("errorDetail", detail)]
    }

    private static func decodeError(_ json: JSONValue) -> HealthError? {
        guard let kind = json["error"]?.stringValue else { return nil }
        let detail = json["errorDetail"]
        switch kind {
        case "timeout": return .timeout(detail?.numberValue ?? 0)
        case "refused": return .connectionRefused
        case "dns": return .dnsFailure(detail?.stringValue ?? "")
        case "tls": return .tls(detail?.stringValue ?? "")
        case "reset": return .connectionReset
        case "too-large": return .bodyTooLarge(Int(detail?.numberValue ?? 0))
        case "redirect-loop": return .redirectLoop
        default: return .other(detail?.stringValue ?? kind)
        }
    }
}
