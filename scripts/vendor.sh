#!/usr/bin/env bash
# Re-fetch the browser files vendored under src/newsgraph/web/static/vendor/ from the npm registry.
# Run by hand when upgrading them; the app and its tests never download anything (the pages work offline).
set -euo pipefail
cd "$(dirname "$0")/.."

SWAGGER_UI_VERSION=5.35.0   # swagger-ui-dist: the page at /docs (Apache-2.0)

dest=src/newsgraph/web/static/vendor/swagger_ui
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "swagger-ui-dist@${SWAGGER_UI_VERSION}" >/dev/null && tar xzf swagger-ui-dist-*.tgz)
mkdir -p "$dest"
# drop the source-map comments: the maps are not vendored
sed '/^\/\/# sourceMappingURL=/d' "$tmp/package/swagger-ui-bundle.js" >"$dest/swagger-ui-bundle.js"
sed '/sourceMappingURL=/d' "$tmp/package/swagger-ui.css" >"$dest/swagger-ui.css"
cp "$tmp/package/LICENSE" "$dest/LICENSE.txt"
cp "$tmp/package/NOTICE" "$dest/NOTICE.txt"
cp "$tmp/package/swagger-ui-bundle.js.LICENSE.txt" "$dest/swagger-ui-bundle.js.LICENSE.txt"
printf 'swagger-ui-dist %s from the npm registry (Apache-2.0); re-fetch with scripts/vendor.sh\n' \
    "$SWAGGER_UI_VERSION" >"$dest/VERSION.txt"
echo "vendored swagger-ui-dist ${SWAGGER_UI_VERSION} into $dest"
