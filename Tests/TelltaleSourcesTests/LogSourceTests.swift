import Testing

/// Every suite of this target, run one test at a time.
///
/// The sources spawn threads, processes and inotify watches, and one test counts
/// the process's descriptors: running them serially keeps timings and counts
/// honest on a 2-core machine.
@Suite("Log sources", .serialized)
struct LogSourceTests {}
