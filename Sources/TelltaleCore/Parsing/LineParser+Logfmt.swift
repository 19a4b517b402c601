extension LineParser {
    /// Parses a logfmt line (`level=warn msg="a b" ts=... logger=x`); nil unless
    /// the line starts with a `key=value` pair and has a level or a message.
    ///
    /// Quoted values may hold `\"` and `\\`; a bare word without `=` after the
    /// first pair is tolerated (logfmt's boolean flag). Without a `msg` the whole
    /// line is the message, so nothing the line said is lost.
    mutating func parseLogfmt(_ p: UnsafeBufferPointer<UInt8>) -> LogRecord? {
        var i = 0
        let n = p.count
        var severity: Severity?
        var sawLevel = false
        var message: String?
        var time: Double?
        var loggers: [String] = []
        var service: String?
        var pairs = 0
        while i < n {
            while i < n, p[i] == 0x20 || p[i] == 0x09 { i += 1 }
            guard i < n else { break }
            let keyStart = i
            while i < n, p[i] != 0x20, p[i] != 0x09, p[i] != UInt8(ascii: "=") {
                guard Self.isKeyByte(p[i]) else {
                    if pairs == 0 { return nil }
                    break
                }
                i += 1
            }
            let key = UnsafeBufferPointer(rebasing: p[keyStart..<i])
            guard i < n, p[i] == UInt8(ascii: "="), !key.isEmpty else {
                if pairs == 0 { return nil }
                while i < n, p[i] != 0x20, p[i] != 0x09 { i += 1 }
                continue
            }
            i += 1
            var value: [UInt8] = []
            if i < n, p[i] == UInt8(ascii: "\"") {
                i += 1
                while i < n, p[i] != UInt8(ascii: "\"") {
                    if p[i] == UInt8(ascii: "\\"), i + 1 < n {
                        i += 1
                        switch p[i] {
                        case UInt8(ascii: "n"): value.append(0x0A)
                        case UInt8(ascii: "t"): value.append(0x09)
                        default: value.append(p[i])
                        }
                    } else {
                        value.append(p[i])
                    }
                    i += 1
                }
                i += 1
            } else {
                let valueStart = i
                while i < n, p[i] != 0x20, p[i] != 0x09 { i += 1 }
                value.append(contentsOf: UnsafeBufferPointer(rebasing: p[valueStart..<i]))
            }
            pairs += 1
            switch String(decoding: key, as: UTF8.self).lowercased() {
            case "level", "lvl", "severity", "levelname":
                sawLevel = true
                severity = value.withUnsafeBufferPointer { severityWords.severity($0) }
            case "msg", "message":
                message = DisplaySafeText.make(value)
            case "ts", "time", "timestamp", "t":
                time = TimestampParser.parse(value)
                    ?? Double(String(decoding: value, as: UTF8.self)).flatMap(TimestampParser.epochSeconds)
            case "logger", "module", "component", "name":
                Self.addLogger(DisplaySafeText.make(value), to: &loggers)
            case "service", "svc", "app":
                service = DisplaySafeText.make(value)
            default:
                break
            }
        }
        guard sawLevel || message != nil else { return nil }
        return LogRecord(time: time, severity: severity ?? .default,
                         message: message ?? DisplaySafeText.make(buffer: p), loggers: loggers,
                         service: service, shape: .logfmt)
    }

    private static func isKeyByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
             UInt8(ascii: "-"), UInt8(ascii: "@"), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }
}
