/// Fixed-width lowercase hexadecimal text.
///
/// Ids in the backend's logs have a fixed number of hex digits; `String(_:radix:)` drops
/// leading zeros, so this pads them back.
enum DemoHex {
    static func digits(_ value: UInt64, width: Int) -> String {
        let text = String(value, radix: 16)
        if text.count >= width { return String(text.suffix(width)) }
        return String(repeating: "0", count: width - text.count) + text
    }
}
