-- Persistent storage (storage:mount): an app's volume NAME mounted at a path in every container of its run phase.
-- The host directory is derived from the app's id and the name ($PAAS_ROOT/volumes/apps/ID/NAME), never stored:
-- no row can point a container at a host path. One mount per container path and app (the primary key), so a
-- concurrent second storage:mount of the same path fails instead of racing to two binds of one target.
create table storage_mounts (
    app_id          bigint not null references apps (id) on delete cascade,
    container_path  text not null check (container_path ~ '^/[^:]+$' and length(container_path) <= 4096),
    name            text not null check (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    read_only       boolean not null default false,
    created_at      timestamptz not null default now(),
    primary key (app_id, container_path)
);
