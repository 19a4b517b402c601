/// What counting needs of an entry, with its message left as bytes.
///
/// Nearly every entry of a busy stream is an INFO line that no rule matches
/// and that scrolls out of the log tail before anyone sees it: for those the
/// watch only counts the entry, its time, its shape, the deploy its revision
/// names and the ids in its message. Building the record's strings (message,
/// loggers, service) would be most of the cost of such an entry, so a sketch
/// leaves the message where it lies in the entry's bytes; the reader turns it
/// into a counting-only `PreparedRecord` when the rules and the redactor are
/// certain to see nothing in it, and parses the entry whole otherwise.
struct EntrySketch {
    var time: Double?
    var severity: Severity
    /// A Cloud Logging entry's revision, which can announce a deploy.
    var revision: String?
    var shape: LogShape
    /// Where the message lies in the entry: bytes that are the record's message
    /// exactly (printable ASCII, no escapes, so display-safe as they are).
    var message: Range<Int>
    /// Set for a Cloud Logging request entry without a text of its own: its
    /// message is the request's summary, which the parser wrote into
    /// `LineParser.requestSummary` (and `message` is empty).
    var summarizesRequest: Bool
    /// What a plain-text entry leaves for the continuation lines after it
    /// (nil for a JSON entry).
    var owner: LineParser.ContinuationOwner?
    /// Where a JSON entry's object starts.
    var objectStart = 0
}
