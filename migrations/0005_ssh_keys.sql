-- SSH keys for git push and plain commands over SSH (issue 9). Each key belongs to a user; paasd writes
-- every key into the paas user's authorized_keys with the forced command `paas ssh-command KEYID`, so the
-- id is what identifies the key (and so its user) at login.
-- Names are unique across users, as Dokku's are: `ssh-keys:remove NAME` never has to ask whose.
-- A key (its SHA256 fingerprint) belongs to one user only: sshd would always pick the first matching line.
create table ssh_keys (
    id           bigint generated always as identity primary key,
    user_id      bigint not null references users (id) on delete cascade,
    name         text not null check (length(name) between 1 and 63),
    public_key   text not null,         -- normalised `TYPE BASE64`: no options, no comment
    fingerprint  text not null check (fingerprint like 'SHA256:%'),
    created_at   timestamptz not null default now(),
    constraint ssh_keys_name_key unique (name),
    constraint ssh_keys_fingerprint_key unique (fingerprint)
);
create index ssh_keys_user on ssh_keys (user_id);
