-- Ownership decided by constraints, not by a check before the insert (two requests could both pass the check).
-- Domains were already unique by name; host ports get an exclusion constraint, and names get length limits.

-- Config keys: the primary key's btree cannot hold a key of a few kB (an insert failed with "index row
-- size exceeds maximum"); paasd refuses keys over 256 characters, and so does the table. NOT VALID: rows
-- written before this migration are not rechecked, so an existing install upgrades whatever it holds.
alter table config_vars add constraint config_vars_key_length check (length(key) <= 256) not valid;
alter table domains add constraint domains_name_length check (length(name) <= 253) not valid;

-- Host ports. HTTP(S) mappings share a host port (the proxy routes by host name); a host port with a tcp
-- or udp mapping belongs to one app and to nothing else. lane is 0 for shared mappings and the app's id
-- for exclusive ones; two rows on one host port must be in the same lane. So: shared + shared is fine,
-- one app's tcp + udp on a port is fine, anything else on a port another app holds with tcp/udp is refused.
-- btree_gist gives gist indexes the = and <> of integers; it is a trusted extension, so the database's
-- owner (the install script's paas role) may create it.
create extension if not exists btree_gist;

alter table port_mappings add column lane bigint not null
    generated always as (case when scheme in ('tcp', 'udp') then app_id else 0 end) stored;

-- The check-then-insert this replaces let concurrent ports:add calls all succeed. Keep, per host port,
-- only the lane of the oldest app holding it, and record in the audit log what had to go.
with ranked as (
    select p.app_id, p.scheme, p.host_port, p.container_port, p.lane,
           first_value(p.lane) over (partition by p.host_port order by p.app_id, p.lane) as keep_lane
    from port_mappings p
    where exists (select 1 from port_mappings o where o.host_port = p.host_port and o.lane <> p.lane)
),
removed as (
    delete from port_mappings p
    using ranked r
    where r.lane <> r.keep_lane
      and p.app_id = r.app_id and p.scheme = r.scheme and p.host_port = r.host_port and p.container_port = r.container_port
    returning p.app_id, p.scheme, p.host_port, p.container_port
)
insert into events (actor, action, app, details)
select 'paasd', 'ports:remove', a.name,
       jsonb_build_object('mappings', r.scheme || ':' || r.host_port || ':' || r.container_port,
                          'reason', 'the host port was also claimed by an older app (migration 0003)')
from removed r join apps a on a.id = r.app_id;

alter table port_mappings add constraint port_mappings_host_port_owner
    exclude using gist (host_port with =, lane with <>);
