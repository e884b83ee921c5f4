-- Liveness/readiness checks (issue 10): what each of an instance's running checks said last, so that with two
-- checks (two readiness checks, or liveness and readiness) ps:report shows both, not whichever changed last. One
-- entry per check, keyed by the check's position among its process type's liveness/readiness checks:
--   {"0": {"type": "readiness", "name": "ready", "ok": false, "message": "failed 2 times in a row (status 500)",
--          "at": "2026-12-03T12:00:00+00:00", "container": "<the runtime container it was said of>"}}
-- An entry changes only when its check's outcome changes (as 0012's columns, which stay: the last of them, for
-- older readers). not_ready_since is set while any readiness entry of the instance's current container failed.
alter table containers add column check_results jsonb not null default '{}';
