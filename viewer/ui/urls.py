"""The one way the viewer opens a web page: checked https URLs only, through the desktop.

Every URL comes from ``viewer.links`` (built from checked ids); this function checks again that
it is https on a known host before handing it to the system browser. Tests catch the opening
with ``QDesktopServices.setUrlHandler("https", ...)`` or patch ``viewer.ui.urls.open_url``;
callers therefore use ``urls.open_url(...)`` through the module, never a copied reference.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

ALLOWED_HOSTS = frozenset(
    {
        "www.ncbi.nlm.nih.gov",
        "europepmc.org",
        "www.genenames.org",
        "www.ndexbio.org",
        "www.wikipathways.org",
        "id.nlm.nih.gov",
        "bioregistry.io",
        "pfocr.wikipathways.org",
    }
)


def is_openable(url: str | None) -> bool:
    """Tell whether ``url`` is an https URL on one of the hosts the viewer links to."""
    if not url:
        return False
    parts = urlsplit(url)
    return (
        parts.scheme == "https"
        and parts.hostname in ALLOWED_HOSTS
        and parts.username is None
        and parts.port is None
    )


def open_url(url: str | None) -> bool:
    """Open ``url`` in the browser if it passes the check; return whether it was handed on."""
    if not is_openable(url):
        return False
    return QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode))
