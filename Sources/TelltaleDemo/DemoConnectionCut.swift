/// Thrown from a response body to make the server drop the connection mid-body.
///
/// The only way to show a client a truncated stream through the HTTP server is to fail
/// the body write, which closes the connection without finishing the response.
struct DemoConnectionCut: Error {}
