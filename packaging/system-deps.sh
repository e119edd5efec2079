#!/bin/sh
# Install the Debian packages named as arguments that are not installed yet.
# Does nothing on systems without dpkg; explains what to install when it may not install.
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=""
for pkg in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $pkg" ;;
    esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "Missing system packages:$missing (install them with apt-get)" >&2
    exit 0
fi
echo "Installing system packages:$missing" >&2
$SUDO apt-get update -qq >/dev/null || true
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null \
    || echo "Could not install:$missing" >&2
