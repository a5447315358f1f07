#!/usr/bin/env bash
# Build hazedesk_<version>_amd64.deb from the one-folder bundle (README, "Desktop bundle"):
#   bash scripts/build-deb.sh [BUNDLE_DIR] [OUT_DIR]     (defaults: dist/hazedesk, dist)
# The program goes to /opt/hazedesk; hazedesk (the window) and hazedesk-cli on PATH; a desktop entry in Chinese
# and English; icons in the hicolor sizes; MIME types for .hazedesk sessions and .hzcase cases (double-click
# opens them in the desk); man pages; the system libraries the bundle does not carry as dependencies (from
# dpkg-shlibdeps over every ELF file of the bundle, its own libraries as private ones). Removing or purging the
# package leaves the users' state (~/.local/state/hazedesk) alone: the package never writes there.
# HAZEDESK_DEB_DEPENDS="a, b" replaces the dpkg-shlibdeps run (tests, or a machine without dpkg-dev). Compressed
# with gzip: every dpkg reads it (older UOS/Kylin ones too), and xz took minutes for the 616 MiB bundle.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bundle=$(cd "${1:-$root/dist/hazedesk}" && pwd)
out=${2:-$root/dist}
mkdir -p "$out"; out=$(cd "$out" && pwd)
[ -x "$bundle/hazedesk" ] && [ -x "$bundle/hazedesk-cli" ] || {
  echo "build-deb: $bundle is not a HazeDesk bundle (no hazedesk and hazedesk-cli programs)" >&2; exit 2; }
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/pyproject.toml" | head -1)
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
PY=${PYTHON:-$root/.venv/bin/python}
[ -x "$PY" ] || PY=$(command -v python3)
stage=$(mktemp -d "${TMPDIR:-/tmp}/hazedesk-deb.XXXXXX")
trap 'rm -rf "$stage"' EXIT
pkg=$stage/pkg
echo "[build-deb] staging hazedesk $version ($arch)"

# the program
install -d "$pkg/opt" "$pkg/usr/bin"
cp -a "$bundle" "$pkg/opt/hazedesk"
for program in hazedesk hazedesk-cli; do  # wrappers, not symlinks: the bundle finds _internal beside its real path
  printf '#!/bin/sh\nexec /opt/hazedesk/%s "$@"\n' "$program" > "$pkg/usr/bin/$program"
  chmod 0755 "$pkg/usr/bin/$program"
done

# desktop entry, MIME types, icons
install -d "$pkg/usr/share/applications" "$pkg/usr/share/mime/packages"
install -m 0644 "$root/build/linux/hazedesk.desktop" "$pkg/usr/share/applications/hazedesk.desktop"
install -m 0644 "$root/build/linux/hazedesk-mime.xml" "$pkg/usr/share/mime/packages/hazedesk.xml"
for size in 16 24 32 48 64 128 256 512; do
  dir=$pkg/usr/share/icons/hicolor/${size}x${size}
  install -d "$dir/apps" "$dir/mimetypes"
  install -m 0644 "$root/resources/icons/hazedesk-$size.png" "$dir/apps/hazedesk.png"
  install -m 0644 "$root/resources/icons/hazedesk-session-$size.png" "$dir/mimetypes/application-x-hazedesk-session.png"
  install -m 0644 "$root/resources/icons/hazedesk-case-$size.png" "$dir/mimetypes/application-x-hazedesk-case.png"
done

# documentation: man pages, copyright, changelog
install -d "$pkg/usr/share/man/man1" "$pkg/usr/share/doc/hazedesk"
"$PY" "$root/tools/make_manpage.py" --out "$stage/man" --date "$(date -u -d "@$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)" +%F)"
for page in hazedesk hazedesk-cli; do gzip -9n < "$stage/man/$page.1" > "$pkg/usr/share/man/man1/$page.1.gz"; done
install -m 0644 "$root/build/linux/copyright" "$pkg/usr/share/doc/hazedesk/copyright"
{ echo "hazedesk ($version) stable; urgency=medium"; echo
  echo "  * HazeDesk $version, from $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'a source tree')."
  echo; echo " -- HazeDesk developers <hazedesk@localhost>  $(date -uR)"; } | gzip -9n > "$pkg/usr/share/doc/hazedesk/changelog.gz"

# dependencies: the system libraries the bundle's ELF files need and it does not carry
if [ -n "${HAZEDESK_DEB_DEPENDS:-}" ]; then
  depends=$HAZEDESK_DEB_DEPENDS
else
  command -v dpkg-shlibdeps >/dev/null || { echo "build-deb: needs dpkg-shlibdeps (apt-get install dpkg-dev)" >&2; exit 2; }
  mkdir -p "$stage/shlib/debian"
  printf 'Source: hazedesk\n\nPackage: hazedesk\nArchitecture: any\n' > "$stage/shlib/debian/control"
  mapfile -t elves < <(find "$pkg/opt/hazedesk" -type f \( -name '*.so*' -o -perm -u+x \) -exec sh -c \
    'head -c4 "$1" | grep -q "ELF" && echo "$1"' _ {} \;)
  mapfile -t private < <(printf '%s\n' "${elves[@]}" | grep '\.so' | xargs -n1 dirname | sort -u)
  (cd "$stage/shlib" && dpkg-shlibdeps -O --ignore-missing-info --warnings=0 "${private[@]/#/-l}" \
     "${elves[@]}" 2>"$stage/shlibdeps.log") > "$stage/substvars" || {
    tail -20 "$stage/shlibdeps.log" >&2; echo "build-deb: dpkg-shlibdeps failed" >&2; exit 1; }
  depends=$(sed -n 's/^shlibs:Depends=//p' "$stage/substvars")
  # the desktop integration the package relies on (xdg-open, the MIME database), and fonts for Qt's text
  depends="$depends, fontconfig, shared-mime-info, desktop-file-utils"
fi

install -d "$pkg/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: hazedesk
Version: $version
Architecture: $arch
Maintainer: HazeDesk developers <hazedesk@localhost>
Installed-Size: $size
Depends: $depends
Section: science
Priority: optional
Description: Sichuan-Chongqing heavy air pollution warning desk (川渝重污染天气预警会商台)
 HazeDesk is the offline desk of the duty officers of the Sichuan-Chongqing
 regional heavy-air-pollution warning mechanism. It draws the 59 units,
 derives their adjacency from shared borders, evaluates PM2.5/AQI forecasts
 against the linkage scheme, follows warnings over their life, writes the
 warning proposal and follow-up letters (GB/T 9704), meeting maps and
 consultation minutes, and keeps every episode in a case library for review.
 .
 Everything runs offline. The program lives in /opt/hazedesk; users' state
 stays in ~/.local/state/hazedesk and is never touched by the package.
CONTROL
find "$pkg" -type d -exec chmod 0755 {} +
deb="$out/hazedesk_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zgzip -z6 --build "$pkg" "$deb" >/dev/null
echo "[build-deb] $deb ($(du -h "$deb" | cut -f1)); depends: $depends"
