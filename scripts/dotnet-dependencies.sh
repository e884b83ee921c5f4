# shellcheck shell=bash
# The libraries the .NET SDK and runtime need that a fresh Debian or Ubuntu lacks (Microsoft's list:
# libicu, libssl3, libgssapi-krb5-2, zlib1g, libstdc++6). Only distribution dotnet packages bring them
# along; an SDK from dotnet-install.sh or a tarball does not, and without ICU `dotnet` aborts at once
# ("Couldn't find a valid ICU package"). ICU's package name carries its major version (libicu72 on
# Debian 12, libicu74 on Ubuntu 24.04), so it is looked up. Sourced by docker-free-install.sh and tests/run.sh.

# Prints the package names, one per line; 1 (with a message on stderr) when no libicuNN is known to apt.
dotnet_dependency_packages() {
  local icu
  printf '%s\n' libssl3 libgssapi-krb5-2 zlib1g libstdc++6
  if ldconfig -p | grep -q 'libicuuc\.so\.[0-9]'; then
    return 0
  fi
  icu="$(apt-cache pkgnames libicu 2>/dev/null | grep -E '^libicu[0-9]+$' | sort -V | tail -n 1 || true)"
  if [ -z "$icu" ]; then
    # A fresh machine may have no package lists yet.
    apt-get update -qq >&2 || true
    icu="$(apt-cache pkgnames libicu 2>/dev/null | grep -E '^libicu[0-9]+$' | sort -V | tail -n 1 || true)"
  fi
  if [ -z "$icu" ]; then
    echo " !     no libicuNN package is known to apt (apt-cache pkgnames libicu): .NET needs ICU" >&2
    return 1
  fi
  echo "$icu"
}
