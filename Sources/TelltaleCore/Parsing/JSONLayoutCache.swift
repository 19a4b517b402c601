/// The layouts of JSON log lines met before, so that a line of a known layout
/// is validated and its fields located without walking its structure again.
///
/// A stream's lines nearly all share a handful of layouts: the same keys in the
/// same order with the same spacing, only the values differ. A layout is what
/// remains of a line when its string and number values are cut out: constant
/// bytes, in segments, one before each value and one after the last.
///
/// A line has a known layout when each segment lies where the value before it
/// ends, each value scans as a string or a number, and only whitespace follows
/// the last segment. Such a line is valid JSON (its structure is byte for byte
/// that of a line the validating walk accepted, and its values are valid), and
/// every field `JSONLogFields` collects lies where it lay in the learned line,
/// moved by the lengths of the values before it. Walking the structure costs a
/// branch per byte of it; comparing a known segment, sixteen bytes at a time.
///
/// Values that repeat line after line are folded: once a layout's
/// `JSONRepeatWatch` has seen some of its values stay the same on a run of
/// lines, a variant of the layout is learned in which those values are
/// constant bytes of the segments. A line of the variant is matched with
/// fewer, longer segments; a line whose folded value differs (the next
/// revision, another severity) fails the variant's segment and is matched by
/// the layout without it.
///
/// Layouts that begin alike share their first segments: they form a tree, and a
/// line is matched segment by segment, taking at each step the first child
/// whose segment is there and whose value starts the way the line's does. A
/// variant's branch comes before the branch it folds (the latter would match
/// its lines too, only slower), and when the line fails further down, the walk
/// goes back and tries the next child (so a line costs at most one visit of
/// each node). At most `maxLayouts` layouts are learned from walked lines,
/// and `JSONRepeatWatch.maxVariants` variants of each (16 KiB of segments at
/// most each: 2.5 MiB for a stream of the largest layouts, a few KiB for a
/// real one); a stream of ever-new layouts then takes the walk each time, as
/// it would without the cache.
/// Learning walks a line a second time, so lines that cannot be learned (too
/// many values or constant bytes) stop being tried after `maxFailedLearns` of
/// them.
struct JSONLayoutCache {
    /// How many layouts are learned from walked lines at most (variants aside).
    static let maxLayouts = 32
    /// Lines with more values or more constant bytes than this are not learned.
    static let maxValues = 256
    static let maxSegmentBytes = 16 * 1024
    /// How many lines may fail to be learned before learning stops.
    static let maxFailedLearns = 256

    enum ValueKind { case string, number }

    /// Where a field's token lies in a line of the layout.
    enum Locator {
        /// The layout's value at this index.
        case value(Int)
        /// Bytes inside the constant segments (an object, an array, `true` or
        /// `false`, a folded value): from `startOffset` into segment
        /// `startSegment` to `endOffset` (one past its last byte, or the
        /// closing quote of a string) into segment `endSegment`.
        case constant(kind: JSONToken.Kind, hasEscapes: Bool, startSegment: Int, startOffset: Int, endSegment: Int,
                      endOffset: Int)
    }

    /// A learned layout's fields, split by where they lie: `fill` runs per
    /// line, and a loop over one kind of place needs no switch over both.
    /// Each field is named by where it is stored in `JSONLogFields`: a store
    /// there, not `set`'s switch over forty cases, whose jump went somewhere
    /// else for each of a line's dozen fields.
    private struct Layout {
        /// Fields that are one of the layout's values: the value's index.
        var valueFields: [(storedAt: Int, value: Int)] = []
        /// Fields inside the constant segments (an object, an array, a literal,
        /// a folded value).
        var constantFields: [(storedAt: Int, token: JSONToken, startSegment: Int, endSegment: Int)] = []
        /// How many values a line of the layout has.
        var valueCount: Int
        /// Watches the values for ones to fold; nil for a variant (whose
        /// values are the ones that did not repeat).
        var repeats: JSONRepeatWatch?

        init(_ located: [(field: JSONLogFields.Field, locator: Locator)], valueCount: Int, isVariant: Bool) {
            self.valueCount = valueCount
            repeats = isVariant ? nil : JSONRepeatWatch()
            for (field, locator) in located {
                switch locator {
                case let .value(index):
                    valueFields.append((JSONLogFields.storageOffset(of: field), index))
                case let .constant(kind, hasEscapes, startSegment, startOffset, endSegment, endOffset):
                    // The token's offsets, relative to the segments' starts.
                    let token = JSONToken(kind: kind, start: startOffset, end: endOffset, hasEscapes: hasEscapes)
                    constantFields.append((JSONLogFields.storageOffset(of: field), token, startSegment, endSegment))
                }
            }
        }
    }

    /// A segment of the tree: plain data, so that walking the tree copies
    /// and retains nothing.
    private struct Node {
        /// The segment's bytes, at `start` in `segmentBytes`.
        var start: Int32
        var count: Int32
        /// The value after the segment; nil for a layout's last segment.
        var value: ValueKind?
        var firstChild: Int32 = -1
        var nextSibling: Int32 = -1
        /// Set on a layout's last segment.
        var layout: Int32 = -1

        var bytes: Range<Int> { Int(start)..<Int(start + count) }
    }

    /// Node 0 is a root without a segment; its children are the first segments.
    private var nodes = [Node(start: 0, count: 0, value: nil)]
    private var segmentBytes: [UInt8] = []
    private var layouts: [Layout] = []
    /// Scratch for one match, sized for the longest layout and written by
    /// index, so that matching allocates nothing and checks no uniqueness
    /// per value.
    private var segmentStarts = [Int](repeating: 0, count: JSONLayoutCache.maxValues + 2)
    private var values = [JSONToken](repeating: JSONToken(kind: .null, start: 0, end: 0),
                                     count: JSONLayoutCache.maxValues + 2)
    /// The node the walk took at each depth, to go back to its next sibling.
    private var taken = [Int32](repeating: 0, count: JSONLayoutCache.maxValues + 2)
    /// Per layout, its lines until its `JSONRepeatWatch` looks again (apart
    /// from the layouts, so that counting a line down copies nothing).
    private var linesUntilLook: [Int] = []
    /// Layouts learned from walked lines, variants aside.
    private var walkedLayouts = 0

    /// Lines that were walked to be learned and could not be.
    private var failedLearns = 0

    var layoutCount: Int { layouts.count }
    /// Layouts learned by folding another's repeating values.
    var variantCount: Int { layouts.count - walkedLayouts }

    /// Fills `fields` for the object at `start` (through its end) when the line
    /// has a known layout and nothing but whitespace after the object; false,
    /// with `fields` unspecified, otherwise.
    mutating func match(_ scanner: JSONByteScanner, objectAt start: Int, into fields: inout JSONLogFields) -> Bool {
        guard !layouts.isEmpty, let line = scanner.p.baseAddress else { return false }
        let count = scanner.p.count
        var found: (layout: Int, end: Int)?
        // Distinct stored properties, borrowed in place: copies of the two
        // tables cost a retain and a release each per entry.
        segmentStarts.withUnsafeMutableBufferPointer { starts in
            values.withUnsafeMutableBufferPointer { values in
                taken.withUnsafeMutableBufferPointer { taken in
                    self.nodes.withUnsafeBufferPointer { nodes in
                        self.segmentBytes.withUnsafeBufferPointer { constant in
                            found = Self.walk(scanner, line, count, from: start, nodes, constant, starts, values, taken)
                        }
                    }
                }
            }
        }
        guard let found else { return false }
        fill(&fields, from: found.layout, end: found.end)
        linesUntilLook[found.layout] -= 1
        if linesUntilLook[found.layout] == 0 { lookForRepeats(scanner, objectAt: start, layout: found.layout, fields: fields) }
        return true
    }

    /// Lets `layout`'s watch look at the values of the line just matched, and
    /// learns the variant it asks for.
    private mutating func lookForRepeats(_ scanner: JSONByteScanner, objectAt start: Int, layout: Int,
                                         fields: JSONLogFields) {
        guard let line = scanner.p.baseAddress else { return }
        let valueCount = layouts[layout].valueCount
        let outcome = values.withUnsafeBufferPointer { values in
            layouts[layout].repeats?.look(at: UnsafeBufferPointer(rebasing: values[..<valueCount]), in: line)
        }
        guard let outcome else { return }
        linesUntilLook[layout] = outcome.nextLook
        if let fold = outcome.fold { learn(scanner, objectAt: start, fields: fields, folding: fold) }
    }

    /// The tree walk of `match`: the layout the line has and where its last
    /// segment ends, with each segment's start and each value written in
    /// `starts` and `values`, and the node taken at each depth in `taken`.
    private static func walk(_ scanner: JSONByteScanner, _ line: UnsafePointer<UInt8>, _ count: Int, from start: Int,
                             _ nodes: UnsafeBufferPointer<Node>, _ constant: UnsafeBufferPointer<UInt8>,
                             _ starts: UnsafeMutableBufferPointer<Int>, _ values: UnsafeMutableBufferPointer<JSONToken>,
                             _ taken: UnsafeMutableBufferPointer<Int32>) -> (layout: Int, end: Int)? {
        var at = start
        var child = nodes[0].firstChild
        var depth = 0
        while true {
            // The first child (from `child` on) whose segment is here,
            // followed by its kind of value.
            var next = -1
            while child >= 0 {
                let node = nodes[Int(child)]
                let after = at + Int(node.count)
                if after <= count, equal(line + at, constant.baseAddress! + Int(node.start), Int(node.count)) {
                    let first = after < count ? line[after] : 0
                    switch node.value {
                    case .string?: if first == UInt8(ascii: "\"") { next = Int(child) }
                    case .number?: if first == UInt8(ascii: "-") || first &- 0x30 < 10 { next = Int(child) }
                    case nil: if scanner.skipWhitespace(after) == count { next = Int(child) }
                    }
                    if next >= 0 { break }
                }
                child = node.nextSibling
            }
            guard next >= 0 else {
                // No branch here: back to the choice before, and its next sibling.
                guard depth > 0 else { return nil }
                depth -= 1
                at = starts[depth]
                child = nodes[Int(taken[depth])].nextSibling
                continue
            }
            let node = nodes[next]
            starts[depth] = at
            taken[depth] = Int32(next)
            let valueStart = at + Int(node.count)
            var valueEnd = -1
            switch node.value {
            case .string?:
                // Most values hold no escape: their end is the next quote.
                let close = scanner.skipPlainStringBytes(from: valueStart + 1)
                if close < count, line[close] == UInt8(ascii: "\"") {
                    values[depth] = JSONToken(kind: .string, start: valueStart + 1, end: close)
                    valueEnd = close + 1
                } else if let (token, after) = scanner.scanString(at: valueStart) {
                    values[depth] = token
                    valueEnd = after
                }
            case .number?:
                if let after = scanner.scanNumber(at: valueStart) {
                    values[depth] = JSONToken(kind: .number, start: valueStart, end: after)
                    valueEnd = after
                }
            case nil:
                if node.layout >= 0 { return (Int(node.layout), valueStart) }
            }
            guard valueEnd >= 0, depth + 1 < starts.count else {
                // Not this branch after all: its next sibling.
                child = node.nextSibling
                continue
            }
            at = valueEnd
            child = node.firstChild
            depth += 1
        }
    }

    /// Whether the `count` bytes at `a` and `b` are equal, sixteen at a time
    /// (a segment is a few keys and their punctuation, or with folded values
    /// a hundred bytes: a call to `memcmp` cost more than the comparison).
    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let a = UnsafeRawPointer(a), b = UnsafeRawPointer(b)
        typealias Block = SIMD2<UInt64>
        @inline(__always) func differ(_ at: Int) -> Bool {
            let x = a.loadUnaligned(fromByteOffset: at, as: Block.self) ^ b.loadUnaligned(fromByteOffset: at, as: Block.self)
            return x[0] | x[1] != 0
        }
        if count >= 16 {
            var i = 0
            while i &+ 16 < count {
                if differ(i) { return false }
                i &+= 16
            }
            // The last bytes, in a block that overlaps the one before.
            return !differ(count &- 16)
        }
        if count >= 8 {
            // Two words, overlapping when fewer than sixteen bytes.
            return a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self)
                && a.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
                == b.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
        }
        if count >= 4 {
            return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
                == b.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
        }
        for i in 0..<count where a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) {
            return false
        }
        return true
    }

    private func fill(_ fields: inout JSONLogFields, from layout: Int, end: Int) {
        // A table this layout filled last has nil wherever the layout puts
        // nothing, and every other field is set again below: clearing its
        // forty fields first cost more than setting the dozen a line has.
        if fields.filledByLayout != layout {
            fields = JSONLogFields()
            fields.filledByLayout = layout
        }
        // The table holds nothing but tokens and integers, so its bytes can
        // be written in place.
        withUnsafeMutableBytes(of: &fields) { table in
            values.withUnsafeBufferPointer { values in
                for (storedAt, index) in layouts[layout].valueFields {
                    table.storeBytes(of: Optional(values[index]), toByteOffset: storedAt, as: JSONToken?.self)
                }
            }
            segmentStarts.withUnsafeBufferPointer { starts in
                for place in layouts[layout].constantFields {
                    let token = JSONToken(kind: place.token.kind, start: starts[place.startSegment] + place.token.start,
                                          end: starts[place.endSegment] + place.token.end,
                                          hasEscapes: place.token.hasEscapes)
                    table.storeBytes(of: Optional(token), toByteOffset: place.storedAt, as: JSONToken?.self)
                }
            }
        }
        fields.end = end
    }

    /// Learns the layout of the object at `start`, whose fields the validating
    /// walk collected into `fields` (and which ends at `fields.end`).
    mutating func learn(_ scanner: JSONByteScanner, objectAt start: Int, fields: JSONLogFields) {
        guard walkedLayouts < Self.maxLayouts, failedLearns < Self.maxFailedLearns else { return }
        let learned = layouts.count
        defer { if layouts.count == learned { failedLearns += 1 } }
        learn(scanner, objectAt: start, fields: fields, folding: 0)
    }

    /// Learns the layout of the object at `start` with the values whose bits
    /// are set in `folding` (bit i for the object's value i) made constant:
    /// a variant of the object's layout, tried before it.
    private mutating func learn(_ scanner: JSONByteScanner, objectAt start: Int, fields: JSONLogFields,
                                folding: UInt64) {
        // The values left as values, as byte ranges with their kinds.
        var valueRanges: [(kind: ValueKind, range: Range<Int>)] = []
        var index = 0
        var tooMany = false
        let end = scanner.skipContainer(at: start) { token, after in
            let value: (kind: ValueKind, range: Range<Int>)
            switch token.kind {
            case .string: value = (.string, (token.start - 1)..<after)
            case .number: value = (.number, token.start..<after)
            default: return
            }
            defer { index += 1 }
            if index < 64, folding & (1 << UInt64(index)) != 0 { return }
            valueRanges.append(value)
            if valueRanges.count > Self.maxValues { tooMany = true }
        }
        guard !tooMany, end == fields.end else { return }
        // Segment k runs from the end of value k - 1 to the start of value k.
        var segments: [Range<Int>] = []
        var from = start
        for value in valueRanges {
            segments.append(from..<value.range.lowerBound)
            from = value.range.upperBound
        }
        segments.append(from..<fields.end)
        guard segments.reduce(0, { $0 + $1.count }) <= Self.maxSegmentBytes,
              let located = locate(fields, values: valueRanges.map(\.range), segments: segments) else { return }

        var node = 0
        for (k, segment) in segments.enumerated() {
            let kind = k < valueRanges.count ? valueRanges[k].kind : nil
            let bytes = UnsafeBufferPointer(rebasing: scanner.p[segment])
            var child = Int(nodes[node].firstChild)
            while child >= 0, !(nodes[child].value == kind && segmentBytes[nodes[child].bytes].elementsEqual(bytes)) {
                child = Int(nodes[child].nextSibling)
            }
            if child < 0 {
                // A new branch, tried after the older ones; a variant's
                // before them (the branch it folds would match its lines).
                nodes.append(Node(start: Int32(segmentBytes.count), count: Int32(bytes.count), value: kind))
                segmentBytes.append(contentsOf: bytes)
                child = nodes.count - 1
                if folding != 0 {
                    nodes[child].nextSibling = nodes[node].firstChild
                    nodes[node].firstChild = Int32(child)
                } else if nodes[node].firstChild < 0 {
                    nodes[node].firstChild = Int32(child)
                } else {
                    var last = Int(nodes[node].firstChild)
                    while nodes[last].nextSibling >= 0 { last = Int(nodes[last].nextSibling) }
                    nodes[last].nextSibling = Int32(child)
                }
            }
            node = child
        }
        guard nodes[node].layout < 0 else { return }
        nodes[node].layout = Int32(layouts.count)
        layouts.append(Layout(located, valueCount: valueRanges.count, isVariant: folding != 0))
        linesUntilLook.append(folding != 0 ? Int.max : JSONRepeatWatch.firstLook)
        if folding == 0 { walkedLayouts += 1 }
    }

    /// Where each field the walk found lies: in a value, or in the segments
    /// (a string or a number there is a folded value).
    private func locate(_ fields: JSONLogFields, values: [Range<Int>],
                        segments: [Range<Int>]) -> [(field: JSONLogFields.Field, locator: Locator)]? {
        func segment(holding index: Int) -> Int? {
            segments.firstIndex { $0.contains(index) }
        }
        var located: [(field: JSONLogFields.Field, locator: Locator)] = []
        for field in JSONLogFields.Field.allCases {
            guard let token = fields.token(field) else { continue }
            switch token.kind {
            case .string, .number:
                let start = token.kind == .string ? token.start - 1 : token.start
                if let index = values.firstIndex(where: { $0.lowerBound == start }) {
                    located.append((field, .value(index)))
                } else {
                    // A folded value lies inside one segment, with the byte
                    // after it (its closing quote, or the `,` or `}` after a
                    // number).
                    guard let segment = segment(holding: start), segments[segment].contains(token.end) else { return nil }
                    let offset = segments[segment].lowerBound
                    located.append((field, .constant(kind: token.kind, hasEscapes: token.hasEscapes, startSegment: segment,
                                                      startOffset: token.start - offset, endSegment: segment,
                                                      endOffset: token.end - offset)))
                }
            default:
                guard token.end > token.start, let first = segment(holding: token.start),
                      let last = segment(holding: token.end - 1) else { return nil }
                located.append((field, .constant(kind: token.kind, hasEscapes: false, startSegment: first,
                                                  startOffset: token.start - segments[first].lowerBound,
                                                  endSegment: last, endOffset: token.end - segments[last].lowerBound)))
            }
        }
        return located
    }
}
