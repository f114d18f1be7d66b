-- Baselines: a named reference run, with every version it ever had. The current baseline of a name is its highest
-- version. The snapshot is the run's GET /runs/{runId}/histograms document (schema 1) as it was when the baseline
-- was set, so a baseline outlives the run's Kafka Streams state.
CREATE TABLE ${flyway:defaultSchema}.baseline_entry (
    name        varchar(64)  NOT NULL,
    version     integer      NOT NULL CHECK (version >= 1),
    run_id      text         NOT NULL,
    set_at      timestamptz  NOT NULL,
    set_by      text         NOT NULL,
    note        text,
    snapshot    jsonb        NOT NULL,
    -- One entry per version of a name: the repository numbers versions under a lock, this is the backstop.
    CONSTRAINT baseline_entry_pk PRIMARY KEY (name, version)
);
