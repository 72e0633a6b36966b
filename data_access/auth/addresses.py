"""Which address a request came from, for the per-address throttle and the audit log.

X-Forwarded-For is written by whoever sent the request, so it is only believed for
as many hops as there are reverse proxies we run (`trusted_proxies`): with one
proxy, the last entry is the one our proxy appended and the only one we can trust.
"""

from __future__ import annotations

import ipaddress

LOCAL = "local"


def _valid(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(remote_ip: str | None, forwarded_for: str | None, trusted_proxies: int) -> str:
    """The client's address as far as it can be trusted; `local` when the connection
    came over loopback without a proxy (Streamlit reports no address then)."""
    if trusted_proxies > 0 and forwarded_for:
        hops = [part for part in (item.strip() for item in forwarded_for.split(",")) if part]
        if len(hops) >= trusted_proxies:
            address = _valid(hops[-trusted_proxies])
            if address is not None:
                return address
    if remote_ip:
        return _valid(remote_ip) or LOCAL
    return LOCAL
