-- The state of the platform. Every piece of configuration lives here; the filesystem holds artefacts only.

create table users (
    id          bigint generated always as identity primary key,
    name        text not null unique,
    role        text not null check (role in ('admin', 'developer')),
    created_at  timestamptz not null default now()
);

-- The local administrator: callers on the unix socket act as this user (as root does for Dokku).
insert into users (name, role) values ('admin', 'admin');

create table api_tokens (
    id            bigint generated always as identity primary key,
    user_id       bigint not null references users (id) on delete cascade,
    name          text not null,
    secret_hash   text not null unique,          -- SHA-256 of the token, hex; the token itself is never stored
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
create unique index api_tokens_active_name on api_tokens (user_id, name) where revoked_at is null;

create table apps (
    id               bigint generated always as identity primary key,
    name             text not null unique check (name ~ '^[a-z][a-z0-9-]{0,62}$'),
    created_at       timestamptz not null default now(),
    locked           boolean not null default false,
    current_release  integer
);

create table app_grants (
    user_id  bigint not null references users (id) on delete cascade,
    app_id   bigint not null references apps (id) on delete cascade,
    primary key (user_id, app_id)
);

create table config_vars (
    app_id  bigint not null references apps (id) on delete cascade,
    key     text not null check (key ~ '^[A-Za-z_][A-Za-z0-9_]*$'),
    value   text not null,
    primary key (app_id, key)
);

create table domains (
    app_id  bigint not null references apps (id) on delete cascade,
    name    text not null unique,
    primary key (app_id, name)
);

create table port_mappings (
    app_id          bigint not null references apps (id) on delete cascade,
    scheme          text not null check (scheme in ('http', 'https', 'tcp', 'udp')),
    host_port       integer not null check (host_port between 1 and 65535),
    container_port  integer not null check (container_port between 1 and 65535),
    primary key (app_id, scheme, host_port, container_port)
);

create table formation (
    app_id        bigint not null references apps (id) on delete cascade,
    process_type  text not null,
    quantity      integer not null check (quantity >= 0),
    primary key (app_id, process_type)
);

-- process_type '' holds the app-wide limits; a null limit inherits (process type -> app -> platform default).
create table resource_limits (
    app_id        bigint not null references apps (id) on delete cascade,
    process_type  text not null,
    memory_bytes  bigint check (memory_bytes > 0),
    cpus          numeric(8, 3) check (cpus > 0),
    pids          integer check (pids > 0),
    primary key (app_id, process_type)
);

create table releases (
    id             bigint generated always as identity primary key,
    app_id         bigint not null references apps (id) on delete cascade,
    version        integer not null check (version > 0),
    image_digest   text,
    config         jsonb not null,
    process_types  jsonb not null,
    description    text not null,
    created_by     text not null,
    created_at     timestamptz not null default now(),
    unique (app_id, version)
);

create table builds (
    id           bigint generated always as identity primary key,
    app_id       bigint not null references apps (id) on delete cascade,
    status       text not null check (status in ('pending', 'running', 'succeeded', 'failed')),
    commit_sha   text,
    created_by   text not null,
    started_at   timestamptz not null default now(),
    finished_at  timestamptz
);

-- Audit log: app is kept as a name (not a foreign key) so history survives apps:destroy.
create table events (
    id       bigint generated always as identity primary key,
    at       timestamptz not null default now(),
    actor    text not null,
    action   text not null,
    app      text,
    details  jsonb not null default '{}'
);
create index events_app_at on events (app, id desc);
