"""The address a request came from, for sign-in throttling and the access log alike.

Behind a reverse proxy every request arrives from the proxy, so the client's own address
is in a header the proxy adds. Anyone can send that header too, so it is read only when
the deployment names it (TRUSTED_PROXY_HEADER), and only the entry the trusted proxies
appended is believed: the TRUSTED_PROXY_COUNT-th from the right. Entries to its left are
whatever the client chose to send.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _meta_key(header: str) -> str:
    return "HTTP_" + header.strip().upper().replace("-", "_")


def client_address(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the trusted proxy's entry in its header when one is configured."""
    remote = request.META.get("REMOTE_ADDR") or None
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "")
    if not header:
        return remote
    count = max(1, int(getattr(settings, "TRUSTED_PROXY_COUNT", 1)))
    hops = [hop.strip() for hop in request.META.get(_meta_key(header), "").split(",") if hop.strip()]
    if len(hops) < count:
        # Fewer entries than proxies: the request did not come through them all, so the header is not theirs.
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
