"""What a per-address limit counts: one IPv4 address, or one IPv6 /64.

An IPv6 subscriber usually gets a whole /64 (2^64 addresses) and can pick a
new address for every request: counting single IPv6 addresses would give
each request a limit of its own. A /64 is what one home, phone or server
holds, so the limits on anonymous clients and on failed logins count that.
"""

from __future__ import annotations

import ipaddress


def client_network(host: str) -> str:
    """The address a per-address limit counts for ``host`` (anything else unchanged)."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)
