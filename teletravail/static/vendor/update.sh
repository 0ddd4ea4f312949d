#!/bin/sh
# Refresh the front-end libraries vendored from npm: the exact versions below, checked against the registry's
# integrity hash, unpacked here with their licences. Run from the repository root: sh teletravail/static/vendor/update.sh
# No CDN: the pages load these files from our own origin.
set -eu
VENDOR=teletravail/static/vendor
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fetch() {  # name version integrity
    (cd "$WORK" && npm pack --silent "$1@$2" >/dev/null)
    file="$WORK/$(echo "$1" | tr -d '@' | tr '/' '-')-$2.tgz"
    actual="sha512-$(openssl dgst -sha512 -binary "$file" | openssl base64 -A)"
    [ "$actual" = "$3" ] || { echo "$1@$2: integrity $actual, expected $3" >&2; exit 1; }
    rm -rf "$WORK/$1" && mkdir -p "$WORK/$1" && tar xzf "$file" -C "$WORK/$1"
}

fetch leaflet 1.9.4 sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==
rm -rf "$VENDOR/leaflet" && mkdir -p "$VENDOR/leaflet/images"
cp "$WORK/leaflet/package/dist/leaflet.js" "$WORK/leaflet/package/dist/leaflet.css" "$WORK/leaflet/package/LICENSE" \
    "$VENDOR/leaflet/"
cp "$WORK/leaflet/package/dist/images/"*.png "$VENDOR/leaflet/images/"

fetch leaflet.markercluster 1.5.3 sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA==
rm -rf "$VENDOR/leaflet.markercluster" && mkdir -p "$VENDOR/leaflet.markercluster"
cp "$WORK/leaflet.markercluster/package/dist/leaflet.markercluster.js" \
    "$WORK/leaflet.markercluster/package/dist/MarkerCluster.css" \
    "$WORK/leaflet.markercluster/package/dist/MarkerCluster.Default.css" \
    "$WORK/leaflet.markercluster/package/MIT-LICENCE.txt" \
    "$VENDOR/leaflet.markercluster/"
# Source maps point at files we do not ship: drop the comment so that browsers do not ask for them.
sed -i '/^\/\/# sourceMappingURL=/d' "$VENDOR/leaflet/leaflet.js" "$VENDOR/leaflet.markercluster/leaflet.markercluster.js"
chmod 644 "$VENDOR"/leaflet/*.* "$VENDOR"/leaflet/images/* "$VENDOR"/leaflet.markercluster/*

# The hashes of the files shipped, at the end of SOURCES.md (tests/test_vendor.py checks them).
sed -i '/^## Files shipped/,$d' "$VENDOR/SOURCES.md"
{
    echo "## Files shipped (SHA-256, checked by tests/test_vendor.py)"
    echo
    echo '```'
    (cd "$VENDOR" && find leaflet leaflet.markercluster -type f | LC_ALL=C sort | xargs sha256sum)
    echo '```'
} >> "$VENDOR/SOURCES.md"
