"""Links as identities: one normal form per publication, whatever decorations a feed or a
reader added (fragments, utm_* tags, Blogger's ?m=1 and ?showComment=...)."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

# Query parameters that say how someone arrived, not what they read.
_TRACKING = re.compile(r"^(utm_[a-z_]+|fbclid|gclid|mc_cid|mc_eid|showcomment)$", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SECOND_LEVEL = {"gov", "co", "org", "ac", "net", "ltd", "plc", "nhs", "police", "sch", "mod"}


def normalise_link(url: str, base: str | None = None) -> str:
    """The identity form of a link: absolute, scheme and host lower-case, default port and
    fragment dropped, tracking parameters and Blogger's mobile switch (`m=0`/`m=1`) removed,
    the rest of the query kept in its order. Unparseable input comes back stripped."""
    url = (url or "").strip()
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if not host:
        return urlunsplit((scheme, parts.netloc, parts.path, parts.query, ""))
    netloc = host if ":" not in host else f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc += f":{port}"
    if parts.username:
        netloc = parts.username + (f":{parts.password}" if parts.password else "") + "@" + netloc
    kept = []
    for pair in parts.query.split("&"):
        if not pair:
            continue
        key, _, value = pair.partition("=")
        if _TRACKING.match(key) or (key == "m" and value in ("0", "1")):
            continue
        kept.append(pair)
    return urlunsplit((scheme, netloc, parts.path or "/", "&".join(kept), ""))


def site_of(host: str) -> str:
    """The registrable part of a host name, near enough: `www.justiceinspectorates.gov.uk`
    -> `justiceinspectorates.gov.uk`, `probationmatters.blogspot.com` -> `blogspot.com`."""
    labels = host.lower().strip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def same_site(a: str, b: str) -> bool:
    """Whether two URLs belong to the same site (see `site_of`); blogspot.com blogs are
    each their own site."""
    ha, hb = (urlsplit(a).hostname or "").lower(), (urlsplit(b).hostname or "").lower()
    if not ha or not hb:
        return False
    if ha.endswith(".blogspot.com") or hb.endswith(".blogspot.com"):
        return ha == hb
    return site_of(ha) == site_of(hb)


def is_http(url: str) -> bool:
    try:
        return urlsplit(url).scheme.lower() in ("http", "https")
    except ValueError:
        return False


def looks_like_pdf(url: str) -> bool:
    try:
        return urlsplit(url).path.lower().endswith(".pdf")
    except ValueError:
        return False
