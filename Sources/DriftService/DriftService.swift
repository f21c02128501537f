// DriftService: `driftwatch run` as a long-running service.
//
// What belongs here: the service shell around the live ingest engine — the main loop that polls,
// checkpoints and closes idle windows on an injected clock; systemd's notify protocol (readiness,
// status, watchdog, reload, stop) spoken without libsystemd; the Prometheus `/metrics` and
// `/healthz` endpoint; a logfmt log handler for journald. What does not: tailing, windowing and
// the store (DriftAgent, DriftStore), argument parsing (the driftwatch executable). Every type here
// takes its `Logger` as a parameter; only the executable creates one.
