/// What a health endpoint of the demo backend answers: status, content type and body.
///
/// Kept as plain values so the script's health story can be tested without a server.
public struct DemoHealthResponse: Sendable, Hashable {
    public let status: Int
    public let contentType: String
    public let body: String

    public init(status: Int, contentType: String = "application/json", body: String) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// The health paths the backend serves.
    public static let paths = ["/health", "/health/ready", "/health/backend"]
}
