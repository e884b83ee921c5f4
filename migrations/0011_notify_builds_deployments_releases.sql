-- Dashboard live updates (issue 11): a build queued, running or finished, a deploy moving through its
-- phases and a new release (a push, config:set, a rollback) are announced like the state of 0006, by
-- pg_notify in the transaction that makes them, with the same "table:app id" payload. The scheduler
-- and the routing table writer do not read these tables and let these payloads pass.
create trigger builds_notify after insert or update or delete on builds
    for each row execute function notify_state_change('app_id');
create trigger deployments_notify after insert or update or delete on deployments
    for each row execute function notify_state_change('app_id');
create trigger releases_notify after insert or update or delete on releases
    for each row execute function notify_state_change('app_id');
