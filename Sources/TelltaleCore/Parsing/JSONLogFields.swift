/// The members of a JSON log object that a record can use, located but not decoded.
///
/// Filled in one pass over the object's members; a repeated key overwrites the
/// earlier one (last wins) and `null` counts as absent.
struct JSONLogFields {
    var severity, level, levelname: JSONToken?
    var message, msg, textPayload, log: JSONToken?
    var timestamp, time, ts, atTimestamp, receiveTimestamp: JSONToken?
    var logger, name, module, service: JSONToken?
    var labels, context: JSONToken?
    var insertId, logName, resource, jsonPayload, httpRequest: JSONToken?
    /// Index just past the object's closing brace.
    var end = 0

    private enum Field {
        case severity, level, levelname, message, msg, textPayload, log
        case timestamp, time, ts, atTimestamp, receiveTimestamp
        case logger, name, module, service, labels, context
        case insertId, logName, resource, jsonPayload, httpRequest
    }

    /// Collects the fields of the object at `start`; nil when it is not valid JSON.
    init?(_ scanner: JSONByteScanner, objectAt start: Int) {
        var fields = JSONLogFields()
        let end = scanner.forEachMember(ofObjectAt: start) { key, value in
            let field: Field?
            if key.hasEscapes {
                // A key spelled with escapes (`"\u006dessage"`) still names its field.
                field = scanner.decodeString(key).withUnsafeBufferPointer { Self.field(named: $0) }
            } else {
                field = Self.field(named: scanner.bytes(key))
            }
            if let field { fields.set(field, value.kind == .null ? nil : value) }
        }
        guard let end else { return nil }
        fields.end = end
        self = fields
    }

    private init() {}

    private static func field(named k: UnsafeBufferPointer<UInt8>) -> Field? {
        @inline(__always) func eq(_ name: StaticString) -> Bool {
            let w = name.utf8Start
            for i in 0..<k.count where k[i] != w[i] { return false }
            return true
        }
        // Every name below has the length of its case, so `eq` compares equal lengths.
        switch k.count {
        case 2: return eq("ts") ? .ts : nil
        case 3: return eq("msg") ? .msg : eq("log") ? .log : nil
        case 4: return eq("time") ? .time : eq("name") ? .name : nil
        case 5: return eq("level") ? .level : nil
        case 6: return eq("logger") ? .logger : eq("labels") ? .labels : eq("module") ? .module : nil
        case 7:
            return eq("message") ? .message : eq("service") ? .service : eq("context") ? .context
                : eq("logName") ? .logName : nil
        case 8: return eq("severity") ? .severity : eq("insertId") ? .insertId : eq("resource") ? .resource : nil
        case 9: return eq("timestamp") ? .timestamp : eq("levelname") ? .levelname : nil
        case 10: return eq("@timestamp") ? .atTimestamp : nil
        case 11:
            return eq("textPayload") ? .textPayload : eq("jsonPayload") ? .jsonPayload
                : eq("httpRequest") ? .httpRequest : nil
        case 16: return eq("receiveTimestamp") ? .receiveTimestamp : nil
        default: return nil
        }
    }

    private mutating func set(_ field: Field, _ value: JSONToken?) {
        switch field {
        case .severity: severity = value
        case .level: level = value
        case .levelname: levelname = value
        case .message: message = value
        case .msg: msg = value
        case .textPayload: textPayload = value
        case .log: log = value
        case .timestamp: timestamp = value
        case .time: time = value
        case .ts: ts = value
        case .atTimestamp: atTimestamp = value
        case .receiveTimestamp: receiveTimestamp = value
        case .logger: logger = value
        case .name: name = value
        case .module: module = value
        case .service: service = value
        case .labels: labels = value
        case .context: context = value
        case .insertId: insertId = value
        case .logName: logName = value
        case .resource: resource = value
        case .jsonPayload: jsonPayload = value
        case .httpRequest: httpRequest = value
        }
    }
}
