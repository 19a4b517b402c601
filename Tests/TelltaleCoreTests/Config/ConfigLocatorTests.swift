import Testing
@testable import TelltaleCore

@Suite("ConfigLocator")
struct ConfigLocatorTests {
    @Test("an explicit path is the only candidate")
    func explicit() {
        let paths = ConfigLocator.candidates(
            explicit: "conf/staging.yaml", cwd: "/srv/app", environment: ["HOME": "/home/me", "XDG_CONFIG_HOME": "/xdg"])
        #expect(paths == ["conf/staging.yaml"])
    }

    @Test("search order without an explicit path", arguments: [
        (["HOME": "/home/me"], ["/srv/app/telltale.yaml", "/home/me/.config/telltale/config.yaml"]),
        (["HOME": "/home/me", "XDG_CONFIG_HOME": "/xdg"], ["/srv/app/telltale.yaml", "/xdg/telltale/config.yaml"]),
        (["HOME": "/home/me", "XDG_CONFIG_HOME": "/xdg/"], ["/srv/app/telltale.yaml", "/xdg/telltale/config.yaml"]),
        (["HOME": "/home/me", "XDG_CONFIG_HOME": ""], ["/srv/app/telltale.yaml", "/home/me/.config/telltale/config.yaml"]),
        (["HOME": "/home/me", "XDG_CONFIG_HOME": "relative"], ["/srv/app/telltale.yaml", "/home/me/.config/telltale/config.yaml"]),
        ([:], ["/srv/app/telltale.yaml"]),
    ])
    func order(environment: [String: String], expected: [String]) {
        #expect(ConfigLocator.candidates(explicit: nil, cwd: "/srv/app", environment: environment) == expected)
    }

    @Test("a cwd with a trailing slash is joined cleanly")
    func trailingSlash() {
        #expect(ConfigLocator.candidates(explicit: nil, cwd: "/", environment: [:]) == ["/telltale.yaml"])
    }
}
