/// A usage or I/O problem of `telltale-bench`, printed as is (exit status 64).
struct BenchError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
