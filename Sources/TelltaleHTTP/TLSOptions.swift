/// How HTTPS connections verify the server.
///
/// Verification is on by default; a private CA can be trusted in addition to the system roots,
/// and `insecure` exists for self-signed staging endpoints where the operator accepts the risk.
public struct TLSOptions: Sendable, Equatable {
    /// A PEM file whose certificates are added to the trust roots.
    public var caFile: String?
    /// Turns certificate verification off entirely.
    public var insecure: Bool

    public init(caFile: String? = nil, insecure: Bool = false) {
        self.caFile = caFile
        self.insecure = insecure
    }
}
