-- Metrics (issue 11): what each app container used, sampled every PAAS_METRICS_INTERVAL (10 s) from
-- its cgroup. Raw samples are kept PAAS_METRICS_RAW_MINUTES (60), then rolled into one row per app,
-- process type and minute, kept PAAS_METRICS_RETENTION_DAYS (7).

-- One row per running container per tick. Every row of one tick carries the same sampled_at, so a
-- process type's total at a moment is a group by (app_id, process_type, sampled_at).
create table container_samples (
    app_id              bigint not null references apps (id) on delete cascade,
    process_type        text not null,
    instance            integer not null,
    container_id        text not null,
    sampled_at          timestamptz not null,
    -- Cumulative CPU time of the container's cgroup (it restarts at 0 with a new container).
    cpu_ns              bigint not null,
    -- CPU over the time since the container's previous sample (or since it started): 100 = one core.
    cpu_percent         real not null,
    memory_bytes        bigint not null,
    memory_limit_bytes  bigint,
    -- The instance's restart count (containers.restarts) when sampled.
    restarts            integer not null
);
-- Charts read one app over a time range; the rollup reads and deletes everything before a time.
create index container_samples_app_time on container_samples (app_id, sampled_at);
create index container_samples_time on container_samples (sampled_at);

-- One row per app, process type and minute: the per-tick totals over the type's instances,
-- averaged (and maxed) over the minute's ticks.
create table container_metrics_minutely (
    app_id              bigint not null references apps (id) on delete cascade,
    process_type        text not null,
    minute              timestamptz not null,
    instances           integer not null,
    cpu_percent         real not null,
    cpu_percent_max     real not null,
    memory_bytes        bigint not null,
    memory_bytes_max    bigint not null,
    memory_limit_bytes  bigint,
    restarts            integer not null,
    primary key (app_id, minute, process_type)
);
create index container_metrics_minutely_minute on container_metrics_minutely (minute);
