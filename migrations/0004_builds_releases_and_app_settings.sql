-- git push -> build -> release (issue 9).
-- 0001's builds table was a placeholder nothing wrote to; it is replaced by the build record a push
-- or ps:rebuild makes: who, which commit of which branch, how it ended, and what it produced.
drop table builds;

create table builds (
    id              bigint generated always as identity primary key,
    app_id          bigint not null references apps (id) on delete cascade,
    commit_sha      text not null check (commit_sha ~ '^[0-9a-f]{40}$'),
    branch          text,
    status          text not null check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    created_by      text not null,
    created_at      timestamptz not null default now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    image_digest    text,
    release_version integer,
    error           text,
    check ((status in ('succeeded', 'failed', 'cancelled')) = (finished_at is not null))
);
create index builds_app_id on builds (app_id, id desc);

-- A release made by a build names its commit and build; config-only releases carry the commit
-- of the release before them (so GIT_REV and rollback know what code runs).
alter table releases add column commit_sha text check (commit_sha ~ '^[0-9a-f]{40}$');
alter table releases add column build_id bigint references builds (id) on delete set null;

-- Per-app properties of the plugins (Dokku's `git:set APP deploy-branch B`, `builds:set APP timeout`):
-- "namespace.key" -> value; unset means the platform default.
create table app_settings (
    app_id      bigint not null references apps (id) on delete cascade,
    key         text not null check (key ~ '^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$'),
    value       text not null,
    updated_at  timestamptz not null default now(),
    primary key (app_id, key)
);
