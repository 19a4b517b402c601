import TelltaleCore
import TelltaleUI

/// Loads the input as a theme file: it must load or throw a `ConfigError`,
/// never crash or hang, and neither a loaded theme nor an error may carry a
/// control character toward the terminal.
///
/// Theme files are data users download and share. What a theme can put on the
/// screen is its name, its warnings (the status bar shows the first) and its
/// error (printed on stderr); everything else it yields is palette indices
/// and attributes, which are checked to stay in range.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzThemeLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    do {
        let loaded = try ThemeLoader.load(contents: bytes, file: "fuzz.yaml", fallback: defaultTheme)
        if hasControl(loaded.theme.name) { fatalError("control character in a loaded theme's name") }
        if loaded.warnings.contains(where: hasControl) { fatalError("control character in a theme warning") }
        for role in StyleRole.allCases {
            for colors in [256, 16, 8] {
                let style = loaded.theme.resolved(role, colors: colors, monochrome: false)
                for index in [style.fg, style.bg].compactMap({ $0 }) where !(0..<colors).contains(index) {
                    fatalError("palette index \(index) out of range for \(colors) colors")
                }
            }
        }
    } catch {
        if hasControl(error.description) { fatalError("control character in a theme error") }
    }
    return 0
}

/// Read once: the fallback is the same for every input.
private let defaultTheme = ThemeLoader.defaultTheme()

/// Whether the text holds a C0 or C1 control or DEL (ESC, BEL, CSI, …).
private func hasControl(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
}
