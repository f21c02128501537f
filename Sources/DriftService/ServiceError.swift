/// What stops `driftwatch run` at the service level.
public enum ServiceError: Error, Equatable, Sendable {
    /// The run has nothing to follow: no globs on the command line and no model `sources` in the config.
    case noSources
}

extension ServiceError: CustomStringConvertible {
    /// What happened and what to do.
    public var description: String {
        switch self {
        case .noSources:
            "nothing to follow: give log globs on the command line, or `sources` under [models.NAME] in the config"
        }
    }
}
