import Foundation
import TelltaleCore
import TelltaleHTTP

/// Everything a watching command needs, resolved once from the config file and
/// the flags (flags win): rules, windows, users, criteria, endpoints, sources.
///
/// This is where files are read (the config file, the default rule pack); the
/// core only ever sees their text.
struct RunConfiguration {
    var rules: RuleSet
    var windows: CounterWindows
    var watchUsers: [String]
    var criteria: [CheckCriterion]
    var healthEndpoints: [HealthEndpoint]
    var healthPolicies: [String: HealthPolicy]
    var tls: TLSOptions
    var headers: [HeaderSpec]
    var sources: [String]
    var configFile: String?
    /// The dashboard's alert thresholds (the config's, else the defaults).
    var alerts = AlertThresholds()
    /// The secrets hidden in log text: built-in patterns plus the config's
    /// `redact:` list; nil only with `--no-redact`.
    var redactor: Redactor?

    /// A configuration problem: printed as "telltale: <message>", exit 64.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// - Parameter readsConfigFile: false for the demo, which must not pick up a
///   `telltale.yaml` lying in the current directory.
    static func resolve(_ options: InputOptions, requirements: [String] = [], readsConfigFile: Bool = true,
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws(Problem) -> RunConfiguration {
        // The config file: explicit, or the first that exists of the usual places.
        var config = TelltaleConfig()
        var configFile: String?
        let candidates = readsConfigFile
            ? ConfigLocator.candidates(explicit: options.config, cwd: FileManager.default.currentDirectoryPath, environment: environment)
            : []
        for path in candidates {
            guard FileManager.default.fileExists(atPath: path) else {
                if options.config != nil { throw Problem(description: "config file \(path) does not exist") }
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Problem(description: "config file \(path) cannot be read")
            }
            do {
                config = try TelltaleConfig.load(yaml: String(decoding: data, as: UTF8.self), file: path)
            } catch {
                throw Problem(description: error.description)
            }
            configFile = path
            break
        }

        let rules: RuleSet
        do {
            rules = try RuleSet.defaultPack().merging(config.rules, disabling: config.disabledRules)
        } catch {
            throw Problem(description: "the default rule pack is broken: \(error.description)")
        }

        var windows = config.windows ?? CounterWindows()
        if let text = options.window {
            guard let seconds = DurationText.parse(text), seconds > 0 else {
                throw Problem(description: "--window \(text): not a duration (try 15m, 90s, 1h)")
            }
            windows = CounterWindows(short: min(windows.short, seconds), long: seconds)
        }

        var criteria = config.criteria ?? CheckCriterion.defaults
        if !requirements.isEmpty {
            do {
                criteria = try requirements.map { text throws(CriterionParseError) in try CheckCriterion(requirement: text) }
            } catch {
                throw Problem(description: error.description)
            }
        }

        let interval = try duration(options.interval, flag: "--interval") ?? 2
        let timeout = try duration(options.timeout, flag: "--timeout") ?? 5
        var headers: [HeaderSpec] = []
        for text in options.headers {
            do { headers.append(try HeaderSpec(parsing: text)) } catch {
                throw Problem(description: "--header: \(error)")
            }
        }

        var endpoints: [HealthEndpoint] = []
        var policies: [String: HealthPolicy] = [:]
        for url in options.health {
            endpoints.append(HealthEndpoint(name: endpointName(url), url: url, method: "GET", headers: headers, interval: interval, timeout: timeout))
        }
        for endpoint in config.health {
            var specs: [HeaderSpec] = headers
            for header in endpoint.headers {
                do { specs.append(try HeaderSpec(parsing: "\(header.name): \(header.value)")) } catch {
                    throw Problem(description: "\(configFile ?? "config"): health \(endpoint.name): header \(header.name): \(error)")
                }
            }
            endpoints.append(HealthEndpoint(name: endpoint.name, url: endpoint.url, method: endpoint.method, headers: specs, interval: endpoint.interval, timeout: endpoint.timeout))
            var policy = HealthPolicy.standard()
            do {
                if !endpoint.conditions.isEmpty {
                    policy.conditions = try endpoint.conditions.map { text throws(HealthConditionError) in try HealthCondition(parsing: text) }
                }
                if !endpoint.degradedWhen.isEmpty {
                    policy.degradedWhen = try endpoint.degradedWhen.map { text throws(HealthConditionError) in try HealthCondition(parsing: text) }
                }
            } catch {
                throw Problem(description: "\(configFile ?? "config"): health \(endpoint.name): \(error.description)")
            }
            policies[endpoint.name] = policy
        }
        var seen = Set<String>()
        for endpoint in endpoints where !seen.insert(endpoint.name).inserted {
            throw Problem(description: "two health endpoints are named \(endpoint.name): give them distinct names in the config")
        }

        var resolved = RunConfiguration(
            rules: rules, windows: windows,
            watchUsers: options.watchUsers.isEmpty ? config.watchUsers : options.watchUsers,
            criteria: criteria, healthEndpoints: endpoints, healthPolicies: policies,
            tls: TLSOptions(caFile: options.caFile, insecure: options.insecure),
            headers: headers, sources: options.logs, configFile: configFile,
            redactor: options.noRedact ? nil : Redactor(extraPatterns: config.redactPatterns)
        )
        resolved.alerts = config.alerts ?? AlertThresholds()
        return resolved
    }

    /// The name an endpoint is shown under: its path (`/health/ready`), or the
    /// whole URL when it has none.
    static func endpointName(_ url: String) -> String {
        if let parsed = URL(string: url), !parsed.path.isEmpty, parsed.path != "/" { return parsed.path }
        return url
    }

    private static func duration(_ text: String?, flag: String) throws(Problem) -> Double? {
        guard let text else { return nil }
        guard let seconds = DurationText.parse(text), seconds > 0 else {
            throw Problem(description: "\(flag) \(text): not a duration (try 2s, 500ms)")
        }
        return seconds
    }

    /// A fresh watch for this configuration.
    ///
    /// - Parameter keepsTail: false for a front end that shows no log tail
    ///   (the headless check): its entries that only count are never decoded.
    func makeWatch(keepsTail: Bool = true) -> DeployWatch {
        DeployWatch(rules: rules, windows: windows, watchedUsers: watchUsers, healthPolicies: healthPolicies,
                    tailCapacity: keepsTail ? 200 : 0)
    }
}
