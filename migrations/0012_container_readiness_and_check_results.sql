-- Liveness/readiness checks (issue 10): what the last check said about each instance, kept with the
-- instance so it survives a paasd restart. An instance whose readiness check failed stays out of the
-- routes (not_ready_since is set) until a probe passes, also across paasd restarts: the routing table
-- is built from these rows. The columns change only when a check's outcome changes (the containers
-- trigger of 0006 announces it, so the routing table writer rebuilds the table on commit), never on
-- every probe.
alter table containers add column not_ready_since timestamptz;
alter table containers add column last_check text;
alter table containers add column last_check_ok boolean;
alter table containers add column last_check_at timestamptz;
