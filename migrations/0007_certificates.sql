-- certs:add APP CRT KEY (issue 10): the app's TLS certificate chain and private key, in PEM. paasd
-- writes them as files for paas-router (which reads no database); this table is what they come from.
create table certificates (
    app_id       bigint primary key references apps (id) on delete cascade,
    certificate  text not null,
    private_key  text not null,
    subject      text not null,
    names        text[] not null,
    not_after    timestamptz not null,
    created_at   timestamptz not null default now()
);

create trigger certificates_notify after insert or update or delete on certificates
    for each row execute function notify_state_change('app_id');
