/// The body of `GET /control/state`: where the story is and which faults are on.
struct DemoControlState: Codable {
    var phase: String
    var simulatedTime: Double
    var speed: Double
    var lineCount: Int
    var revision: String
    var faults: [DemoFaultRule]
}
