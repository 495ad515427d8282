"""Check-in location rules: IP ranges and a geofence around the site."""

import ipaddress
import math

from django.utils.translation import gettext as _

EARTH_RADIUS_METRES = 6_371_000


def parse_networks(text):
    """The networks of a policy (one per line); raises ValueError naming a bad line."""
    networks = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            networks.append(ipaddress.ip_network(line, strict=False))
        except ValueError:
            raise ValueError(
                _("“%(line)s” is not an IP address or range.") % {"line": line}
            ) from None
    return networks


def ip_allowed(ip, networks):
    if not networks:
        return True
    try:
        address = ipaddress.ip_address(ip)
    except (TypeError, ValueError):
        return False
    return any(address in network for network in networks)


def distance_metres(lat1, lng1, lat2, lng2):
    """Great-circle distance (haversine) between two positions in degrees."""
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    d_phi = phi2 - phi1
    d_lambda = math.radians(float(lng2) - float(lng1))
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_METRES * math.asin(math.sqrt(a))
