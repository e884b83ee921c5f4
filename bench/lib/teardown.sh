# shellcheck shell=bash
# Removing what a benchmark's paasd left on the host once it is stopped. Apps' containers outlive
# paasd (conmon keeps them), so they are taken down here the way the runtime does it
# (ContainerRemover, CniContainerNetwork.DetachAsync), then the paasd's own bridge and its firewall
# table (as tests/Paas.Testing/TestNetwork.cs does). Everything is found from the paasd's root and
# bridge name alone, so this also cleans up after a run that failed half-way.

CNI_PLUGINS=/usr/lib/cni
CNI_LOCK=/run/lock/paas-cni.lock

# Every container under the paasd root $1: runc's containers killed and deleted, their conmons
# and any other process naming the root (a conmon started ahead of time waits for a create that
# never comes), their network attachments, cgroups and network namespaces. Mounts below the root
# go with unmount_below.
remove_containers() {
  local paas_root="$1" state="$1/run/runtime" id dir
  [ -d "$paas_root" ] || return 0
  if [ -d "$state" ]; then
    for id in $(runc --root "$state" list -q 2>/dev/null); do
      runc --root "$state" delete --force "$id" >/dev/null 2>&1 || true
    done
  fi
  # conmon writes the exit file once its container is gone and then exits; give it a moment.
  for _ in $(seq 1 20); do
    [ -z "$(pids_naming "$paas_root/")" ] && break
    sleep 0.1
  done
  kill_pids_naming "$paas_root/"
  detach_all "$paas_root/cni"
  for dir in "$paas_root"/run/containers/*/; do
    [ -d "$dir" ] || continue
    id="$(basename "$dir")"
    remove_cgroup "/paas/$id"
    ip netns delete "paas-$id" 2>/dev/null || true
  done
}

# Processes whose command line names $1 (pids, one a line). One grep over every cmdline; grep's
# own process may name it too, but has exited by the time its output is read.
pids_naming() {
  local files file pid
  files="$(grep -laF -- "$1" /proc/[0-9]*/cmdline 2>/dev/null)"
  while read -r file; do
    pid="${file#/proc/}"
    pid="${pid%/cmdline}"
    if [ -n "$pid" ] && [ "$pid" != "$$" ] && [ -e "/proc/$pid" ]; then echo "$pid"; fi
  done <<<"$files"
  return 0
}

kill_pids_naming() {
  local pid
  for pid in $(pids_naming "$1"); do kill -KILL "$pid" 2>/dev/null || true; done
}

remove_cgroup() {
  local path="$1" dir
  for dir in /sys/fs/cgroup/*"$path" /sys/fs/cgroup"$path"; do
    [ -d "$dir" ] && find "$dir" -depth -type d -exec rmdir {} \; 2>/dev/null
  done
  return 0
}

# CNI DEL of every attachment recorded under $1/results (libcni's cniCacheV1 files), under the
# host-wide CNI lock paasds take: the plugins in reverse order with the ADD's config, capability
# args and result, then the network namespace. The bridge plugin's DEL is what removes the
# container's outbound NAT chain (ipMasq), so it must run while the netns is still there.
detach_all() {
  local cni_dir="$1" file lock
  [ -d "$cni_dir/results" ] || return 0
  exec {lock}>"$CNI_LOCK"
  flock "$lock"
  for file in "$cni_dir"/results/*; do
    case "$file" in *.tmp) rm -f "$file"; continue ;; esac
    [ -f "$file" ] && cni_del "$file"
  done
  exec {lock}>&-
}

cni_del() {
  local entry="$1" id ifname list netns_path count i config type
  id="$(jq -r '.containerId' "$entry")" || return 0
  ifname="$(jq -r '.ifName // "eth0"' "$entry")"
  list="$(jq -r '.config' "$entry" | base64 -d)"
  netns_path=""
  [ -e "/run/netns/paas-$id" ] && netns_path="/run/netns/paas-$id"
  count="$(jq '.plugins | length' <<<"$list")"
  for ((i = count - 1; i >= 0; i--)); do
    # A plugin's stdin per the CNI spec, as CniConfigList.ForPlugin builds it.
    config="$(jq -c --argjson i "$i" --slurpfile entry "$entry" '
      . as $list | $list.plugins[$i] as $plugin | $entry[0] as $e
      | ([($plugin.capabilities // {}) | to_entries[] | select(.value == true) | .key
          | select($e.capabilityArgs[.] != null) | {(.): $e.capabilityArgs[.]}] | add) as $runtime
      | $plugin + {cniVersion: $list.cniVersion, name: $list.name} | del(.capabilities)
      | if $runtime then .runtimeConfig = $runtime else . end
      | if $e.result then .prevResult = $e.result else . end' <<<"$list")"
    type="$(jq -r '.type' <<<"$config")"
    CNI_COMMAND=DEL CNI_CONTAINERID="$id" CNI_NETNS="$netns_path" CNI_IFNAME="$ifname" \
      CNI_PATH="$CNI_PLUGINS" CNI_ARGS="IgnoreUnknown=1" \
      "$CNI_PLUGINS/$type" <<<"$config" >/dev/null 2>&1 || true
  done
  ip netns delete "paas-$id" 2>/dev/null || true
  rm -f "$entry"
}

# The bridge, its nftables table and, when no other container uses them any more, portmap's shared
# chains and empty nat tables: what TestNetwork.DisposeAsync removes.
remove_network() {
  local bridge="$1"
  ip link delete "$bridge" 2>/dev/null || true
  nft delete table inet "paas-$bridge" 2>/dev/null || true
  remove_unused_portmap_chains
  remove_empty_nat_table iptables-save ip
  remove_empty_nat_table ip6tables-save ip6
}

remove_unused_portmap_chains() {
  local nat chain
  nat="$(iptables-save -t nat 2>/dev/null)" || return 0
  if grep -qE -- '^-A (CNI-HOSTPORT-DNAT|CNI-DN-)' <<<"$nat"; then return 0; fi
  while iptables -t nat -D PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT 2>/dev/null; do :; done
  while iptables -t nat -D OUTPUT -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT 2>/dev/null; do :; done
  while iptables -t nat -D POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ 2>/dev/null; do :; done
  for chain in CNI-HOSTPORT-DNAT CNI-HOSTPORT-MASQ CNI-HOSTPORT-SETMARK; do
    iptables -t nat -F "$chain" 2>/dev/null || true
    iptables -t nat -X "$chain" 2>/dev/null || true
  done
}

remove_empty_nat_table() {
  local save="$1" family="$2" nat
  nat="$("$save" -t nat 2>/dev/null)" || return 0
  if grep -qE -- '^-A ' <<<"$nat"; then return 0; fi
  if grep -E '^:' <<<"$nat" | grep -qvE '^:(PREROUTING|INPUT|OUTPUT|POSTROUTING) '; then return 0; fi
  nft delete table "$family" nat 2>/dev/null || true
}

# What is still there after the teardown, one "N things" phrase each; nothing when all is gone.
leftovers() {
  local paas_root="$1" bridge="$2" n
  n="$(pids_naming "$paas_root/" | wc -l)"
  [ "$n" -gt 0 ] && echo "$n processes naming $paas_root"
  n="$(find /run/netns -maxdepth 1 -name 'paas-*' 2>/dev/null | while read -r ns; do
    [ -d "$paas_root/run/containers/${ns#/run/netns/paas-}" ] && echo "$ns"
  done | wc -l)"
  [ "$n" -gt 0 ] && echo "$n network namespaces"
  n="$(for dir in "$paas_root"/run/containers/*/; do
    [ -d "$dir" ] && compgen -G "/sys/fs/cgroup/*/paas/$(basename "$dir")" >/dev/null && echo "$dir"
  done | wc -l)"
  [ "$n" -gt 0 ] && echo "cgroups of $n containers"
  ip link show "$bridge" >/dev/null 2>&1 && echo "the bridge $bridge"
  ip -br link show master "$bridge" 2>/dev/null | grep -q . && echo "veths on $bridge"
  nft list table inet "paas-$bridge" >/dev/null 2>&1 && echo "nft table inet paas-$bridge"
  n="$(iptables-save -t nat 2>/dev/null | grep -cF "name: \"$bridge\"")"
  [ "$n" -gt 0 ] && echo "$n nat rules of $bridge"
  return 0
}
