import TelltaleCore

/// Parses the input with `JSONValue.parse`: any bytes must give a value or
/// nil, and a value must survive being parsed from bytes again as text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONValue(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let buffer = UnsafeBufferPointer(start: data, count: size)
    let fromBytes = JSONValue.parse(buffer)
    let fromText = JSONValue.parse(String(decoding: buffer, as: UTF8.self))
    if let fromBytes, String(validating: buffer, as: UTF8.self) != nil, fromText != fromBytes {
        fatalError("valid UTF-8 parsed differently as bytes and as text")
    }
    return 0
}
