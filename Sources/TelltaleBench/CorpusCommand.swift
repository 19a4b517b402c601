import Foundation

/// `telltale-bench corpus`: streams a generated corpus to a file or standard
/// output in large writes, then writes its ground truth.
///
/// Standard output lets the benchmark pipe ten million lines straight into
/// `telltale check --logs -` without putting gigabytes on disk.
enum CorpusCommand {
    static func run(_ arguments: BenchArguments) throws(BenchError) {
        var settings = CorpusGenerator.Settings()
        settings.lines = try arguments.integer("--lines", default: settings.lines)
        settings.seed = UInt64(try arguments.integer("--seed", default: Int(settings.seed)))
        settings.users = max(1, try arguments.integer("--users", default: settings.users))
        settings.plain = arguments.flag("--plain")
        let path = arguments.string("--out") ?? "-"
        guard let truthPath = arguments.string("--truth") ?? (path == "-" ? nil : path + ".truth.json") else {
            throw BenchError("--truth PATH is needed when the corpus goes to standard output")
        }

        let descriptor: Int32 = path == "-" ? STDOUT_FILENO : open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BenchError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { if descriptor != STDOUT_FILENO { close(descriptor) } }

        var generator = CorpusGenerator(settings)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 21)
        while !generator.isFinished {
            generator.appendLine(to: &buffer)
            if buffer.count >= 1 << 20 {
                try write(buffer, to: descriptor, path: path)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try write(buffer, to: descriptor, path: path)

        try generator.groundTruth.write(to: truthPath)
    }

    private static func write(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(BenchError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw BenchError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}
