// DriftTestSupport: oracles and seeded generators used only by tests.
//
// Exact reference computations (sorted-array ranks, naive statistics), distribution samplers
// driven by ``SplitMix64`` so every trial is reproducible from its seed, and fixture paths.
@_exported import DriftCore
