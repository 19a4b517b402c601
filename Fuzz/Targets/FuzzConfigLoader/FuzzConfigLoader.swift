import TelltaleCore

/// Loads the input as a config file and as a rule pack; both must either load
/// or throw a located `ConfigError`, never crash.
///
/// Config and rule files are data users copy around. The same input also goes
/// through the regex shape check on its own, which parses regex syntax by hand.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfigLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let config = try? TelltaleConfig.load(yaml: text, file: "fuzz.yaml") {
        let redactor = Redactor(extraPatterns: config.redactPatterns)
        _ = redactor.redact(text)
        let rules = RuleSet(rules: config.rules)
        _ = rules.classify(LogRecord(severity: .error, message: String(text.prefix(256)), loggers: ["fuzz"]))
    }
    _ = try? RuleSet.load(yaml: text, file: "fuzz.yaml")
    _ = RegexBacktrackingCheck.problem(in: text)
    return 0
}
