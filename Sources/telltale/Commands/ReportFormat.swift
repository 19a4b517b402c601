import ArgumentParser

/// How `check` writes its report.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown, json
}
