import Yams

extension CheckCriterion {
    /// Every config key of `check.criteria`, in the order reports list them.
    static let configKeys = [
        "duplication_in_window", "duplication_since_deploy", "health_healthy",
        "id_manager_initialized", "no_database_timeout_since_deploy", "no_id_collision_since_deploy",
    ]

    /// Reads one `check.criteria` item: a one-key map such as
    /// `duplication_in_window: {max: 0}`, or the bare key when the criterion
    /// takes no parameters or keeps their defaults.
    init(yaml node: Node, reader: YAMLReader) throws(ConfigError) {
        let keyNode: Node
        let parameters: Node?
        switch node {
        case .scalar:
            keyNode = node
            parameters = nil
        case .mapping(let mapping) where mapping.count == 1:
            keyNode = mapping[0].key
            parameters = reader.isNull(mapping[0].value) ? nil : mapping[0].value
        default:
            throw reader.error(
                node,
                "each criterion must be a one-key map such as 'duplication_in_window: {max: 0}'; found \(reader.kind(node))")
        }
        let key = try reader.string(keyNode, of: "criterion name")
        let what = "criterion '\(key)'"
        func parameterFields(_ allowed: [String]) throws(ConfigError) -> YAMLReader.Fields {
            guard let parameters else { return YAMLReader.Fields(values: [:]) }
            if allowed.isEmpty {
                if case .mapping(let mapping) = parameters, mapping.isEmpty { return YAMLReader.Fields(values: [:]) }
                throw reader.error(parameters, "\(what) takes no parameters; write '\(key): {}' or just '\(key)'")
            }
            return try reader.fields(parameters, of: what, allowed: allowed)
        }
        func count(_ name: String, in fields: YAMLReader.Fields, default value: Int, atLeast minimum: Int) throws(ConfigError) -> Int {
            guard let node = fields[name] else { return value }
            return try reader.integer(node, of: "\(name) of \(what)", atLeast: minimum)
        }
        switch key {
        case "duplication_in_window":
            self = .duplicationInWindow(max: try count("max", in: parameterFields(["max"]), default: 0, atLeast: 0))
        case "duplication_since_deploy":
            self = .duplicationSinceDeploy(max: try count("max", in: parameterFields(["max"]), default: 0, atLeast: 0))
        case "health_healthy":
            self = .healthHealthy(polls: try count("polls", in: parameterFields(["polls"]), default: 1, atLeast: 1))
        case "id_manager_initialized":
            _ = try parameterFields([])
            self = .idManagerInitialized
        case "no_database_timeout_since_deploy":
            _ = try parameterFields([])
            self = .noDatabaseTimeoutSinceDeploy
        case "no_id_collision_since_deploy":
            _ = try parameterFields([])
            self = .noIDCollisionSinceDeploy
        default:
            throw reader.error(keyNode, "unknown criterion '\(key)'; one of: \(CheckCriterion.configKeys.joined(separator: ", "))")
        }
    }
}
