/// The members of a JSON log object that a record can use, located but not decoded.
///
/// Collected in one validating pass: the few nested objects a record needs
/// (`labels`, `context`, `resource.labels`, `jsonPayload`, `httpRequest`) are
/// descended into while they are scanned, everything else is skipped, so each
/// byte of the entry is looked at once. A repeated key overwrites the earlier
/// one (last wins) and `null` counts as absent.
struct JSONLogFields {
    var severity, level, levelname: JSONToken?
    var message, msg, textPayload, log: JSONToken?
    var timestamp, time, ts, atTimestamp, receiveTimestamp: JSONToken?
    var logger, name, module, service: JSONToken?
    var labels, context: JSONToken?
    var insertId, logName, resource, jsonPayload, httpRequest: JSONToken?

    /// `labels.module` and `context.name`.
    var labelsModule, contextName: JSONToken?
    /// `resource.labels.revision_name` and `resource.labels.service_name`.
    var revisionName, serviceName: JSONToken?
    /// `httpRequest.requestMethod`, `.requestUrl`, `.status`, `.latency`.
    var requestMethod, requestURL, requestStatus, requestLatency: JSONToken?
    /// Fields of `jsonPayload` (an app object inside a Cloud Logging entry).
    var payloadMessage, payloadMsg, payloadLogger, payloadSeverity, payloadLevel: JSONToken?
    var payloadLabelsModule, payloadContextName: JSONToken?

    /// Index just past the object's closing brace.
    var end = 0
    /// The `JSONLayoutCache` layout whose fill the table holds, or -1: only
    /// that cache's fill sets it, and a new table (as `collect` makes) has -1.
    var filledByLayout = -1

    /// A member a record reads: the top-level names `field(named:)` finds,
    /// and the members of nested objects that `pick` stores.
    ///
    /// A case, not a key path: a key path literal in a closure is looked up
    /// in the runtime on every call, and this runs for every entry.
    enum Field: CaseIterable {
        case severity, level, levelname, message, msg, textPayload, log
        case timestamp, time, ts, atTimestamp, receiveTimestamp
        case logger, name, module, service, labels, context
        case insertId, logName, resource, jsonPayload, httpRequest
        case labelsModule, contextName, revisionName, serviceName
        case requestMethod, requestURL, requestStatus, requestLatency
        case payloadLabelsModule, payloadContextName
        case payloadMessage, payloadMsg, payloadLogger, payloadSeverity, payloadLevel
    }

    init() {}

    /// Forgets what an earlier entry left and collects the fields of the object
    /// at `start`; false when it is not valid JSON.
    ///
    /// A mutating refill rather than an initializer: the table is a few hundred
    /// bytes, and the parser keeps one so that it is never copied per entry.
    mutating func collect(_ scanner: JSONByteScanner, objectAt start: Int) -> Bool {
        self = JSONLogFields()
        let end = scanner.walkMembers(ofObjectAt: start) { key, at in
            guard let field = Self.field(key, scanner) else { return Self.skip(scanner, at) }
            switch field {
            case .labels, .context, .resource, .jsonPayload, .httpRequest:
                return self.descend(into: field, at: at, scanner)
            default:
                guard let (value, after) = scanner.scanValue(at: at) else { return nil }
                self.set(field, value.kind == .null ? nil : value)
                return after
            }
        }
        guard let end else { return false }
        self.end = end
        return true
    }

    private static func skip(_ scanner: JSONByteScanner, _ at: Int) -> Int? {
        scanner.scanValue(at: at)?.1
    }

    /// Scans the value of one of the nested objects a record reads from.
    private mutating func descend(into field: Field, at: Int, _ scanner: JSONByteScanner) -> Int? {
        // A repeated container key replaces everything the earlier one gave.
        switch field {
        case .labels: labelsModule = nil
        case .context: contextName = nil
        case .resource: revisionName = nil; serviceName = nil
        case .httpRequest: requestMethod = nil; requestURL = nil; requestStatus = nil; requestLatency = nil
        case .jsonPayload:
            payloadMessage = nil; payloadMsg = nil; payloadLogger = nil; payloadSeverity = nil
            payloadLevel = nil; payloadLabelsModule = nil; payloadContextName = nil
        default: break
        }
        guard scanner.p[at] == UInt8(ascii: "{") else {
            guard let (value, after) = scanner.scanValue(at: at) else { return nil }
            set(field, value.kind == .null ? nil : value)
            return after
        }
        let end: Int?
        switch field {
        case .labels:
            end = Self.pick(scanner, at, into: &self) { key in scanner.key(key, is: "module") ? .labelsModule : nil }
        case .context:
            end = Self.pick(scanner, at, into: &self) { key in scanner.key(key, is: "name") ? .contextName : nil }
        case .resource:
            end = scanner.walkMembers(ofObjectAt: at) { key, valueAt in
                guard scanner.key(key, is: "labels"), scanner.p[valueAt] == UInt8(ascii: "{") else {
                    return Self.skip(scanner, valueAt)
                }
                return Self.pick(scanner, valueAt, into: &self) { key in
                    scanner.key(key, is: "revision_name") ? .revisionName
                        : scanner.key(key, is: "service_name") ? .serviceName : nil
                }
            }
        case .httpRequest:
            end = Self.pick(scanner, at, into: &self) { key in
                scanner.key(key, is: "requestMethod") ? .requestMethod
                    : scanner.key(key, is: "requestUrl") ? .requestURL
                    : scanner.key(key, is: "status") ? .requestStatus
                    : scanner.key(key, is: "latency") ? .requestLatency : nil
            }
        default:
            end = collectPayload(scanner, at)
        }
        guard let end else { return nil }
        set(field, JSONToken(kind: .object, start: at, end: end))
        return end
    }

    /// The app object under `jsonPayload`: its message, logger and severity fields.
    private mutating func collectPayload(_ scanner: JSONByteScanner, _ at: Int) -> Int? {
        let end = scanner.walkMembers(ofObjectAt: at) { key, valueAt in
            switch Self.field(key, scanner) {
            case .labels? where scanner.p[valueAt] == UInt8(ascii: "{"):
                self.payloadLabelsModule = nil
                return Self.pick(scanner, valueAt, into: &self) { key in scanner.key(key, is: "module") ? .payloadLabelsModule : nil }
            case .context? where scanner.p[valueAt] == UInt8(ascii: "{"):
                self.payloadContextName = nil
                return Self.pick(scanner, valueAt, into: &self) { key in scanner.key(key, is: "name") ? .payloadContextName : nil }
            case let field?:
                guard let (value, after) = scanner.scanValue(at: valueAt) else { return nil }
                let v = value.kind == .null ? nil : value
                switch field {
                case .message: self.payloadMessage = v
                case .msg: self.payloadMsg = v
                case .logger: self.payloadLogger = v
                case .severity: self.payloadSeverity = v
                case .level: self.payloadLevel = v
                default: break
                }
                return after
            case nil:
                return Self.skip(scanner, valueAt)
            }
        }
        return end
    }

    /// Walks an object, storing the members `slot` names (last one wins).
    private static func pick(
        _ scanner: JSONByteScanner, _ at: Int, into f: inout JSONLogFields,
        _ slot: (JSONToken) -> Field?
    ) -> Int? {
        scanner.walkMembers(ofObjectAt: at) { key, valueAt in
            guard let field = slot(key) else { return skip(scanner, valueAt) }
            guard let (value, after) = scanner.scanValue(at: valueAt) else { return nil }
            f.set(field, value.kind == .null ? nil : value)
            return after
        }
    }

    private static func field(_ key: JSONToken, _ scanner: JSONByteScanner) -> Field? {
        if key.hasEscapes {
            // A key spelled with escapes (`"\u006dessage"`) still names its field.
            return scanner.decodeString(key).withUnsafeBufferPointer { field(named: $0) }
        }
        return field(named: scanner.bytes(key))
    }

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

    /// Where `field`'s token is stored in the table, in bytes from its start
    /// (for `JSONLayoutCache`, which writes a learned layout's fields there).
    static func storageOffset(of field: Field) -> Int {
        let path: WritableKeyPath<JSONLogFields, JSONToken?> = switch field {
        case .severity: \.severity
        case .level: \.level
        case .levelname: \.levelname
        case .message: \.message
        case .msg: \.msg
        case .textPayload: \.textPayload
        case .log: \.log
        case .timestamp: \.timestamp
        case .time: \.time
        case .ts: \.ts
        case .atTimestamp: \.atTimestamp
        case .receiveTimestamp: \.receiveTimestamp
        case .logger: \.logger
        case .name: \.name
        case .module: \.module
        case .service: \.service
        case .labels: \.labels
        case .context: \.context
        case .insertId: \.insertId
        case .logName: \.logName
        case .resource: \.resource
        case .jsonPayload: \.jsonPayload
        case .httpRequest: \.httpRequest
        case .labelsModule: \.labelsModule
        case .contextName: \.contextName
        case .revisionName: \.revisionName
        case .serviceName: \.serviceName
        case .requestMethod: \.requestMethod
        case .requestURL: \.requestURL
        case .requestStatus: \.requestStatus
        case .requestLatency: \.requestLatency
        case .payloadLabelsModule: \.payloadLabelsModule
        case .payloadContextName: \.payloadContextName
        case .payloadMessage: \.payloadMessage
        case .payloadMsg: \.payloadMsg
        case .payloadLogger: \.payloadLogger
        case .payloadSeverity: \.payloadSeverity
        case .payloadLevel: \.payloadLevel
        }
        // Every case is a stored property.
        return MemoryLayout<JSONLogFields>.offset(of: path)!
    }

    /// The token stored for `field` (what `set` stored last).
    func token(_ field: Field) -> JSONToken? {
        switch field {
        case .severity: severity
        case .level: level
        case .levelname: levelname
        case .message: message
        case .msg: msg
        case .textPayload: textPayload
        case .log: log
        case .timestamp: timestamp
        case .time: time
        case .ts: ts
        case .atTimestamp: atTimestamp
        case .receiveTimestamp: receiveTimestamp
        case .logger: logger
        case .name: name
        case .module: module
        case .service: service
        case .labels: labels
        case .context: context
        case .insertId: insertId
        case .logName: logName
        case .resource: resource
        case .jsonPayload: jsonPayload
        case .httpRequest: httpRequest
        case .labelsModule: labelsModule
        case .contextName: contextName
        case .revisionName: revisionName
        case .serviceName: serviceName
        case .requestMethod: requestMethod
        case .requestURL: requestURL
        case .requestStatus: requestStatus
        case .requestLatency: requestLatency
        case .payloadLabelsModule: payloadLabelsModule
        case .payloadContextName: payloadContextName
        case .payloadMessage: payloadMessage
        case .payloadMsg: payloadMsg
        case .payloadLogger: payloadLogger
        case .payloadSeverity: payloadSeverity
        case .payloadLevel: payloadLevel
        }
    }

    mutating func set(_ field: Field, _ value: JSONToken?) {
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
        case .labelsModule: labelsModule = value
        case .contextName: contextName = value
        case .revisionName: revisionName = value
        case .serviceName: serviceName = value
        case .requestMethod: requestMethod = value
        case .requestURL: requestURL = value
        case .requestStatus: requestStatus = value
        case .requestLatency: requestLatency = value
        case .payloadLabelsModule: payloadLabelsModule = value
        case .payloadContextName: payloadContextName = value
        case .payloadMessage: payloadMessage = value
        case .payloadMsg: payloadMsg = value
        case .payloadLogger: payloadLogger = value
        case .payloadSeverity: payloadSeverity = value
        case .payloadLevel: payloadLevel = value
        }
    }
}
