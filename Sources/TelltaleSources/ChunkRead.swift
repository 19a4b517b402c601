#if canImport(Glibc)
import Glibc
#endif

/// One `read(2)` into an array of its own, which becomes the chunk a source
/// hands on.
///
/// Reading into a reused buffer and handing on a copy cost a second pass over
/// every byte read (a flood's megabyte chunks, on the reading thread, which
/// the rest of the pipeline waits for). A chunk much smaller than the request
/// (a followed file's few new lines) is copied into an array of its size
/// instead, so that a queued chunk never holds a megabyte for a line.
struct ChunkRead {
    /// The bytes read (empty at the end of the input or on an error).
    var bytes: [UInt8]
    /// What `read` returned: a count, 0 at the end, or -1 with `error` set.
    var result: Int
    var error: Int32

    init(from descriptor: Int32, maximum: Int) {
        var result = 0
        var error: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: maximum) { buffer, initialized in
            result = read(descriptor, buffer.baseAddress, maximum)
            error = result < 0 ? errno : 0
            initialized = max(0, result)
        }
        // `Array(bytes)` would keep the same storage; a buffer's copy is sized.
        if bytes.count < maximum / 8 { bytes = bytes.withUnsafeBufferPointer { Array($0) } }
        self.bytes = bytes
        self.result = result
        self.error = error
    }
}
