-- Jobs (issue 10): an operation asks for a job in the transaction of its change, as a row here; a
-- dispatcher in paasd hands pending rows to Hangfire (schema "hangfire", its own tables) once that
-- transaction committed, and marks them. A change that rolls back asks for nothing.
create table job_outbox (
    id             bigint generated always as identity primary key,
    job            text not null,
    argument       bigint not null,
    created_at     timestamptz not null default now(),
    dispatched_at  timestamptz,
    hangfire_job   text,
    check ((dispatched_at is null) = (hangfire_job is null))
);
create index job_outbox_pending on job_outbox (id) where dispatched_at is null;

-- The dispatcher wakes on commit ("job_outbox:ARGUMENT", the same channel as every state change).
create trigger job_outbox_notify after insert on job_outbox
    for each row execute function notify_state_change('argument');
