/// Where telltale looks for its config file, in order.
///
/// Pure (the working directory and environment are passed in) so the search
/// order is testable; the CLI reads the first candidate that exists.
public enum ConfigLocator {
    /// The paths to try: only `explicit` when given (a missing explicit file is
    /// an error for the caller, never a reason to fall back); otherwise
    /// `<cwd>/telltale.yaml`, then `$XDG_CONFIG_HOME/telltale/config.yaml`, or
    /// `$HOME/.config/telltale/config.yaml` when XDG_CONFIG_HOME is unset,
    /// empty or relative (the XDG spec says to ignore a relative one).
    public static func candidates(explicit: String?, cwd: String, environment: [String: String]) -> [String] {
        if let explicit { return [explicit] }
        var paths = [join(cwd, "telltale.yaml")]
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            paths.append(join(xdg, "telltale/config.yaml"))
        } else if let home = environment["HOME"], !home.isEmpty {
            paths.append(join(home, ".config/telltale/config.yaml"))
        }
        return paths
    }

    private static func join(_ directory: String, _ relative: String) -> String {
        if directory.isEmpty { return relative }
        return directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
