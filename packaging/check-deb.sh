#!/usr/bin/env bash
# CI check of the .deb: build it with cargo-deb, install it with apt on a bare Debian 12
# (debootstrap minbase) chroot, then, inside that chroot, run `saq check` on a scam and on a
# harmless message (exit status 1 and 0) and start the menu entry's command under Xvfb and
# check the screenshot is not blank. Any failure exits non-zero.
#
# Needs root (debootstrap, chroot, mounts). The bare root filesystem is cached as a tarball in
# $SAQ_CI_CACHE (default /var/cache/saq-ci) and the packages apt downloads in a folder beside
# it, so a second run skips debootstrap and the downloads. Each run unpacks a fresh copy and
# deletes it at the end.
#
# The Debian mirror is the host's own (its apt sources, the first `bookworm` entry), or
# $SAQ_DEBIAN_MIRROR when set (e.g. on an Ubuntu host).
#
# Usage: packaging/check-deb.sh [--no-build]   (--no-build: use the existing target/debian/*.deb)
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
if [ "${1-}" = "--no-build" ]; then build=0; fi

export DEBIAN_FRONTEND=noninteractive
cache="${SAQ_CI_CACHE:-/var/cache/saq-ci}"
target="${CARGO_TARGET_DIR:-target}"
arch="$(dpkg --print-architecture)"
# cargo-deb is pinned so CI builds the package the same way every time.
cargo_deb_version="3.8.0"
start=$SECONDS

step() { echo "== deb check [$((SECONDS - start)) s]: $*"; }
fail() { echo "deb check FAILED: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot and mounts)"

need=()
for pair in debootstrap:debootstrap Xvfb:xvfb import:imagemagick \
  desktop-file-validate:desktop-file-utils dpkg-shlibdeps:dpkg-dev zstd:zstd python3:python3; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair#*:}")
done
if [ "${#need[@]}" -gt 0 ]; then
  step "installing on the host: ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

step "desktop entry is valid"
desktop-file-validate packaging/saq.desktop

if [ "$build" -eq 1 ]; then
  if ! cargo deb --version 2>/dev/null | grep -qF "$cargo_deb_version"; then
    step "installing cargo-deb $cargo_deb_version"
    cargo install cargo-deb --locked --version "$cargo_deb_version"
  fi
  step "cargo deb"
  rm -f "$target"/debian/saq_*.deb
  cargo deb --locked
fi
debs=("$target"/debian/saq_*_"$arch".deb)
[ "${#debs[@]}" -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one $target/debian/saq_*_$arch.deb"
deb="${debs[0]}"
echo "package: $deb ($(du -k "$deb" | cut -f1) KiB)"
dpkg-deb --info "$deb" | sed -n '/Depends:/p;/Recommends:/p;/Installed-Size:/p'

mirror="${SAQ_DEBIAN_MIRROR:-$(python3 - <<'EOF'
# The first apt source (one-line or deb822 format) that serves the suite `bookworm`.
import glob, re
found = []
for path in ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")):
    try:
        lines = open(path).read().splitlines()
    except OSError:
        continue
    for line in lines:
        line = re.sub(r"\[[^]]*\]", "", line.split("#")[0]).split()
        if len(line) >= 3 and line[0] == "deb" and line[2].rstrip("/") == "bookworm":
            found.append(line[1])
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
    for stanza in re.split(r"\n\s*\n", open(path).read()):
        fields = {}
        for line in stanza.splitlines():
            if line.startswith("#") or ":" not in line or line[0].isspace():
                continue
            key, value = line.split(":", 1)
            fields[key.strip().lower()] = value.split()
        if fields.get("enabled", ["yes"])[0] == "no":
            continue
        if "deb" in fields.get("types", []) and "bookworm" in fields.get("suites", []):
            found.extend(fields.get("uris", []))
print(found[0] if found else "")
EOF
)}"
[ -n "$mirror" ] || fail "no bookworm source in the host's apt sources; set SAQ_DEBIAN_MIRROR"
echo "Debian mirror: $mirror"

mkdir -p "$cache/apt-archives"
tarball="$cache/bookworm-minbase-$arch-$(printf '%s' "$mirror" | sha256sum | cut -c1-12).tar.zst"
if [ ! -f "$tarball" ]; then
  step "debootstrap --variant=minbase bookworm (cached as $tarball)"
  fresh="$(mktemp -d /var/tmp/saq-debootstrap.XXXXXX)"
  if ! debootstrap --variant=minbase --arch="$arch" bookworm "$fresh" "$mirror" \
    >"$fresh.log" 2>&1; then
    tail -n 30 "$fresh.log" >&2
    rm -rf --one-file-system "$fresh" "$fresh.log"
    fail "debootstrap"
  fi
  rm -f "$fresh.log"
  chmod 755 "$fresh"
  tar -C "$fresh" --numeric-owner -cf - . | zstd -q -T0 -o "$tarball.part"
  mv "$tarball.part" "$tarball"
  rm -rf --one-file-system "$fresh"
fi

root="$(mktemp -d /var/tmp/saq-deb-check.XXXXXX)"
xvfb_pid=""
saq_pid=""
mounts=()
cleanup() {
  set +e
  [ -n "$saq_pid" ] && kill "$saq_pid" 2>/dev/null && wait "$saq_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  local i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}"
  done
  # Never delete through a mount that is still there (the host's X socket folder).
  if findmnt -rn -o TARGET | grep -qF "$root"; then
    echo "deb check: mounts remain under $root; not deleting it" >&2
  else
    rm -rf --one-file-system "$root"
  fi
  echo "deb check: $((SECONDS - start)) s in all"
}
trap cleanup EXIT
mount_in() { # mount_in TARGET MOUNT-ARGS...: mount inside the chroot and remember it
  local at="$root$1"
  shift
  mkdir -p "$at"
  mount "$@" "$at"
  mounts+=("$at")
}

step "unpacking a fresh Debian 12 root"
# On a tmpfs: deleting the installed root (~0.7 GB, Mesa and LLVM) from disk took 30 s.
mount_in "" -t tmpfs -o size=3g,mode=755 saq-root
zstd -q -d -c "$tarball" | tar -C "$root" --numeric-owner -xf -
chmod 755 "$root" # mktemp's 0700 would lock out the chroot's unprivileged users (apt's _apt)
# A private /dev with the usual nodes: binding the host's /dev would share its /dev/shm.
mount_in /dev -t tmpfs -o mode=755,nosuid saq-dev
for node in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
  IFS=: read -r name major minor <<<"$node"
  mknod -m 666 "$root/dev/$name" c "$major" "$minor"
done
mount_in /dev/shm -t tmpfs -o mode=1777,nosuid,nodev saq-shm
mount_in /dev/pts -t devpts -o newinstance,ptmxmode=0666 saq-devpts
ln -s pts/ptmx "$root/dev/ptmx"
mount_in /proc -t proc saq-proc
mount_in /sys -t sysfs -o ro saq-sys
mount_in /var/cache/apt/archives --bind "$cache/apt-archives"
cp /etc/resolv.conf "$root/etc/resolv.conf"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
  LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

step "apt-get install ./$(basename "$deb") (no recommends: the Depends alone must suffice)"
cp "$deb" "$root/tmp/"
in_root apt-get update -qq
in_root apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$deb")" \
  >"$root/tmp/apt.log" 2>&1 || { tail -n 30 "$root/tmp/apt.log" >&2; fail "apt-get install"; }
for f in /usr/bin/saq /usr/share/applications/saq.desktop \
  /usr/share/icons/hicolor/256x256/apps/saq.png /usr/share/icons/hicolor/scalable/apps/saq.svg \
  /usr/share/doc/saq/copyright /usr/share/doc/saq/README.md /usr/share/man/man1/saq.1.gz; do
  [ -f "$root$f" ] || fail "the package did not install $f"
done
desktop-file-validate "$root/usr/share/applications/saq.desktop"

step "saq check in the chroot: a scam exits 1, a harmless message 0"
status=0
echo "Здравствуйте, служба безопасности банка. Продиктуйте код из СМС, иначе карту заблокируют." |
  in_root saq check --lang ru || status=$?
[ "$status" -eq 1 ] || fail "saq check on a scam message exited $status, expected 1"
status=0
echo "Привет! Встретимся завтра в шесть у входа в парк?" | in_root saq check --lang ru >/dev/null ||
  status=$?
[ "$status" -eq 0 ] || fail "saq check on a harmless message exited $status, expected 0"

step "the menu entry's command starts the window under Xvfb"
exec_line="$(sed -n 's/^Exec=//p' "$root/usr/share/applications/saq.desktop" | head -n 1)"
exec_line="${exec_line//%[fFuU]/}"
read -r -a exec_argv <<<"$exec_line"
# Xvfb runs on the host (it picks a free display and writes its number to fd 3); the chroot
# reaches it through the bind-mounted socket folder.
display_file="$root/tmp/xvfb-display"
Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$display_file" 2>"$root/tmp/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 50); do [ -s "$display_file" ] && break; sleep 0.1; done
[ -s "$display_file" ] || fail "Xvfb did not start"
display=":$(head -n 1 "$display_file")"
mount_in /tmp/.X11-unix --bind /tmp/.X11-unix
# Kazakh, so the screenshot also shows the Kazakh letters drawn by the bundled font.
chroot "$root" env -i PATH=/usr/bin:/bin HOME=/root LANG=kk_KZ.UTF-8 DISPLAY="$display" \
  "${exec_argv[@]}" >"$root/tmp/saq-window.log" 2>&1 &
saq_pid=$!
sleep 10
kill -0 "$saq_pid" 2>/dev/null || { cat "$root/tmp/saq-window.log" >&2; saq_pid=""; fail "the window exited"; }
shot="$target/debian/check-deb-window.png"
DISPLAY="$display" import -window root "$shot"
sd="$(convert "$shot" -format '%[fx:standard_deviation]' info:)"
echo "screenshot $shot: standard deviation $sd"
python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) > 0.01 else 1)' "$sd" ||
  { cat "$root/tmp/saq-window.log" >&2; fail "the screenshot is blank"; }

step "passed"
