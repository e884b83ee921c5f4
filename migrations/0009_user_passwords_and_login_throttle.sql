-- Accounts (issue 11): users log in to the dashboard with a password.
-- password_hash is ASP.NET Core's PasswordHasher format (PBKDF2, salted, versioned); null means no password
-- was set yet, so the user cannot log in with one (tokens and SSH keys still work).
-- security_stamp changes with the password and is copied into every login cookie: a cookie whose stamp no
-- longer matches (password changed, user removed) is refused.
alter table users
    add column password_hash   text,
    add column security_stamp  text not null default md5(random()::text || clock_timestamp()::text),
    add constraint users_name_format check (name ~ '^[a-z][a-z0-9._-]{0,31}$');

-- Failed logins, kept here so that restarting paasd does not reset them.
-- subject is 'user:NAME' (consecutive failures; locks 30 s, doubling up to 1 h) or
-- 'address:IP' (failures within a 15-minute window from first_failure_at).
create table login_throttle (
    subject           text primary key check (length(subject) <= 200),
    failures          integer not null check (failures > 0),
    first_failure_at  timestamptz not null,
    last_failure_at   timestamptz not null,
    locked_until      timestamptz
);
create index login_throttle_last_failure on login_throttle (last_failure_at);
