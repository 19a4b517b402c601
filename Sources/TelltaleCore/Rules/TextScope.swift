/// Where a rule's `contains` needles are looked for (the YAML key `in`).
///
/// Some signals are recognised by their message, some by the logger that wrote
/// them, and some (WebSocket warnings) by either, since plain-text and unparsed
/// lines may carry the subsystem's name only in the message.
public enum TextScope: String, Sendable, CaseIterable, Hashable {
    /// The record's message (the default).
    case message
    /// Any of the record's logger names.
    case logger
    /// The message or any logger name.
    case either
}
