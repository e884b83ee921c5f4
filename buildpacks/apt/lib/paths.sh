#!/usr/bin/env bash
# Where the unpacked packages' programs, libraries, headers and pkg-config files are, as the
# environment variables Heroku's apt buildpack sets (programs and build tools read them).

# Debian's multiarch directory name for the stack's architecture (usr/lib/x86_64-linux-gnu).
multiarch_triplet() {
  case "$(dpkg --print-architecture 2>/dev/null || uname -m)" in
    amd64 | x86_64) echo x86_64-linux-gnu ;;
    arm64 | aarch64) echo aarch64-linux-gnu ;;
    armhf) echo arm-linux-gnueabihf ;;
    i386) echo i386-linux-gnu ;;
    ppc64el) echo powerpc64le-linux-gnu ;;
    s390x) echo s390x-linux-gnu ;;
    riscv64) echo riscv64-linux-gnu ;;
    *) echo "$(uname -m)-linux-gnu" ;;
  esac
}

# path_exports ROOT TRIPLET: a sourceable script that puts ROOT's dirs before the current values.
path_exports() {
  local root triplet="$2" libs includes
  printf -v root '%q' "$1"
  libs="$root/usr/lib/$triplet:$root/usr/lib:$root/lib/$triplet:$root/lib"
  includes="$root/usr/include/$triplet:$root/usr/include"
  cat <<SCRIPT
# Written by the apt buildpack: the Aptfile's Debian packages, unpacked into $root.
export PATH=$root/usr/local/bin:$root/usr/bin:$root/usr/sbin:$root/bin:$root/sbin:"\$PATH"
export LD_LIBRARY_PATH=$libs"\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
export LIBRARY_PATH=$libs"\${LIBRARY_PATH:+:\$LIBRARY_PATH}"
export INCLUDE_PATH=$includes"\${INCLUDE_PATH:+:\$INCLUDE_PATH}"
export CPATH="\$INCLUDE_PATH"
export CPPPATH="\$INCLUDE_PATH"
export PKG_CONFIG_PATH=$root/usr/lib/$triplet/pkgconfig:$root/usr/lib/pkgconfig:$root/usr/share/pkgconfig"\${PKG_CONFIG_PATH:+:\$PKG_CONFIG_PATH}"
SCRIPT
}
