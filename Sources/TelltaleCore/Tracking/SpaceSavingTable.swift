/// A bounded table of per-user tallies that keeps the heavy hitters (Space-Saving).
///
/// With `capacity` slots, a user not in the table evicts the one with the
/// smallest total and inherits that total plus one, remembering it as its error.
/// This bounds memory whatever the number of distinct users, and guarantees that
/// every user whose true count exceeds `mentions / capacity` is in the table with
/// a total at most `error` too high. A min-heap over the totals makes each
/// mention O(log capacity), so a user-id explosion stays cheap.
struct SpaceSavingTable: Sendable {
    let capacity: Int
    private(set) var tallies: [UserTally] = []
    private var slotOfUser: [String: Int] = [:]
    /// Slots ordered as a binary min-heap on `total`.
    private var heap: [Int] = []
    /// The heap position of each slot.
    private var heapPosition: [Int] = []
    private(set) var evictions = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { tallies.count }

    func tally(for user: String) -> UserTally? {
        slotOfUser[user].map { tallies[$0] }
    }

    /// Counts one mention of `user` at `time`.
    mutating func record(user: String, at time: Double, span: Double, deployAt: Double?) {
        if let slot = slotOfUser[user] {
            tallies[slot].record(at: time)
            siftDown(heapPosition[slot])
        } else if tallies.count < capacity {
            let slot = tallies.count
            var tally = UserTally(user: user, span: span, deployAt: deployAt)
            tally.record(at: time)
            tallies.append(tally)
            slotOfUser[user] = slot
            heap.append(slot)
            heapPosition.append(heap.count - 1)
            siftUp(heap.count - 1)
        } else {
            let slot = heap[0]
            let smallest = tallies[slot].total
            slotOfUser.removeValue(forKey: tallies[slot].user)
            tallies[slot].reassign(to: user, inherited: smallest)
            tallies[slot].record(at: time)
            slotOfUser[user] = slot
            evictions += 1
            siftDown(0)
        }
    }

    mutating func deployed(at time: Double) {
        for slot in tallies.indices { tallies[slot].counts.deployed(at: time) }
    }

    // MARK: - Heap

    private mutating func siftDown(_ start: Int) {
        var position = start
        while true {
            let left = 2 * position + 1
            guard left < heap.count else { return }
            var smallest = left
            let right = left + 1
            if right < heap.count, total(at: right) < total(at: left) { smallest = right }
            guard total(at: smallest) < total(at: position) else { return }
            swapHeap(position, smallest)
            position = smallest
        }
    }

    private mutating func siftUp(_ start: Int) {
        var position = start
        while position > 0 {
            let parent = (position - 1) / 2
            guard total(at: position) < total(at: parent) else { return }
            swapHeap(position, parent)
            position = parent
        }
    }

    private func total(at position: Int) -> Int { tallies[heap[position]].total }

    private mutating func swapHeap(_ a: Int, _ b: Int) {
        heap.swapAt(a, b)
        heapPosition[heap[a]] = a
        heapPosition[heap[b]] = b
    }
}
