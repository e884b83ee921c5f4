-- Platform-wide settings chosen by an administrator (for example the default stack).
create table settings (
    key         text primary key check (key ~ '^[a-z][a-z0-9-]*$'),
    value       text not null,
    updated_at  timestamptz not null default now()
);
