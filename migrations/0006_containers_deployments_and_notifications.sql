-- Deploys (issue 10): what runs, beside what should. The scheduler reconciles one toward the other.

-- The serving release is the one whose containers take traffic; current_release stays the latest.
-- They differ after a failed deploy or `config:set --no-restart`. `ps:stop` sets stopped.
alter table apps add column serving_release integer;
alter table apps add column stopped boolean not null default false;

-- One row per deploy, moved through its phases in short transactions (never one long one).
create table deployments (
    id               bigint generated always as identity primary key,
    app_id           bigint not null references apps (id) on delete cascade,
    release_version  integer not null,
    previous_release integer,
    reason           text not null,
    status           text not null check (status in ('running', 'succeeded', 'failed')),
    phase            text not null,
    phases           jsonb not null default '[]',
    log              text not null default '',
    created_by       text not null,
    error            text,
    created_at       timestamptz not null default now(),
    finished_at      timestamptz,
    check ((status = 'running') = (finished_at is null))
);
create index deployments_app_id on deployments (app_id, id desc);

-- One row per instance APP.TYPE.N of a release. A restart keeps the row and gets a new runtime
-- container; a retired instance's row goes when its container is deleted.
create table containers (
    id                    bigint generated always as identity primary key,
    app_id                bigint not null references apps (id) on delete cascade,
    release_version       integer not null,
    process_type          text not null,
    instance              integer not null check (instance > 0),
    container_id          text unique,
    state                 text not null check (state in ('starting', 'checking', 'running', 'exited', 'crashed', 'retiring')),
    address               text,
    pid                   integer,
    pid_start_time        bigint,
    boot_id               text,
    restarts              integer not null default 0,
    consecutive_failures  integer not null default 0,
    last_exit_code        integer,
    oom_killed            boolean not null default false,
    started_at            timestamptz,
    finished_at           timestamptz,
    next_restart_at       timestamptz,
    retire_at             timestamptz,
    deployment_id         bigint references deployments (id) on delete set null,
    created_at            timestamptz not null default now()
);
create index containers_app_id on containers (app_id, process_type, instance);

-- Changes travel by pg_notify in the transaction that makes them: listeners (the routing table
-- writer, the scheduler) wake on commit. The payload is "table:app id"; identical payloads within a
-- transaction are sent once.
create function notify_state_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('paas_state', TG_TABLE_NAME || ':' || (coalesce(to_jsonb(NEW), to_jsonb(OLD)) ->> TG_ARGV[0]));
    return null;
end
$$;

create trigger apps_notify after insert or update or delete on apps
    for each row execute function notify_state_change('id');
create trigger containers_notify after insert or update or delete on containers
    for each row execute function notify_state_change('app_id');
create trigger domains_notify after insert or update or delete on domains
    for each row execute function notify_state_change('app_id');
create trigger port_mappings_notify after insert or update or delete on port_mappings
    for each row execute function notify_state_change('app_id');
create trigger formation_notify after insert or update or delete on formation
    for each row execute function notify_state_change('app_id');
create trigger app_settings_notify after insert or update or delete on app_settings
    for each row execute function notify_state_change('app_id');

-- What the deploy of a release reads from its source tree after the build dir is gone: app.json
-- (healthchecks, formation, postdeploy, cron) and the legacy CHECKS file, as pushed.
alter table releases add column app_json text;
alter table releases add column checks_file text;
