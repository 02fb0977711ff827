"""Site chrome in text form: the lines a saved or extracted page carries that are not the
publication (site header, share prompts, related posts, comment forms, sponsor blocks,
blog archives, the Open Government Licence notice, "(Back to top)" links).

Each rule is a pure function over a list of lines, so the plain-text reader, the HTML
profiles and the PDF reader can share them.
"""

from __future__ import annotations

import re

# A site header ends with the search box or the menu button.
_HEADER_END = re.compile(
    r"^\s*(search|search for:?|search this site|menu|main menu|skip to (main )?content|toggle navigation)\s*$",
    re.I,
)
# Where the trailing chrome of a post starts (only looked for in the second half).
_TRAILER = re.compile(
    r"^\s*("
    r"related (posts?|articles|stories|reading)|you (may|might) also like|more (posts|stories) like this"
    r"|leave a (reply|comment)|post a comment|add a comment|comments are closed\.?"
    # a comment form's privacy line, in its common wordings (e-mail or email; published, shown)
    r"|your e-?mail( address)? (will|won't)( not)? be (published|shown|displayed).*"
    r"|post navigation|add comment|load more(\.\.\.|…)?"
    r"|newer posts?( older posts?)?( home)?|older posts?( home)?"
    r"|(probation )?posts? sponsored by.*|sponsored by.*|subscribe to:? post comments.*"
    r"|get every (new )?(blog )?post.*|blog archive|about me|labels:?"
    r"|share this:?|like this:?|loading\.\.\.|follow by email"
    r"|posted by .{1,80} at \d{1,2}[:.]\d\d(\s?[ap]\.?m\.?)?|labels: .{1,200}|notes to editors:?"
    r")\s*$",
    re.I,
)
# Single lines that are chrome wherever they are.
_NOISE = re.compile(
    r"^\s*(share this( post| article| page)?:?|share on (twitter|facebook|linkedin|x)|tweet|print( this page)?"
    r"|email this|back to top|\(back to top\)|skip to (main )?content|cookie settings|accept( all)? cookies"
    r"|reject( all)? cookies|replydelete|reply\s*delete|delete|reply|replies)\s*$",
    re.I,
)
_BACK_TO_TOP = re.compile(r"\s*\(?\s*back to top\s*\)?\s*$", re.I)
_OGL_START = re.compile(r"open government licen[cs]e", re.I)
_OGL_END = re.compile(r"TW9\s*4DU|nationalarchives\.gov\.uk|psi@|national archives", re.I)


def drop_site_header(lines: list[str], window: int = 8) -> list[str]:
    """Drop a site header (title, tagline, "Search") when one of the first few non-blank
    lines is a search or menu prompt and the lines before it are short."""
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > window:
            break
        if _HEADER_END.match(line):
            if all(len(x) <= 200 for x in lines[:i]):
                return lines[i + 1 :]
            break
    return lines


def cut_trailer(lines: list[str], start_share: float = 0.5) -> list[str]:
    """Cut at the first trailer marker ("Related posts", "Leave a Reply", sponsor block,
    "Newer Post"...) that lies in the last part of the text, and drop trailing noise."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        return lines
    first = nonblank[int(len(nonblank) * start_share)] if len(nonblank) > 4 else nonblank[0]
    for i in range(first, len(lines)):
        if _TRAILER.match(lines[i]):
            lines = lines[:i]
            break
    while lines and (not lines[-1].strip() or _NOISE.match(lines[-1])):
        lines = lines[:-1]
    return lines


def drop_noise(lines: list[str]) -> list[str]:
    """Remove share prompts and similar one-line chrome, and "(Back to top)" after headings."""
    out = []
    for line in lines:
        if _NOISE.match(line):
            continue
        if "back to top" in line.lower():
            line = _BACK_TO_TOP.sub("", line)
            if not line.strip():
                continue
        out.append(line)
    return out


def drop_licence_notice(lines: list[str], span: int = 15) -> list[str]:
    """Remove the Open Government Licence boilerplate block (from the line naming the
    licence to the one giving The National Archives' address), whose "v3.0" and "TW9 4DU"
    are not figures."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if _OGL_START.search(lines[i]):
            end = None
            for j in range(i, min(len(lines), i + span)):
                if _OGL_END.search(lines[j]):
                    end = j
            if end is not None:
                i = end + 1
                continue
            if len(lines[i]) < 400:  # a lone licence line
                i += 1
                continue
        out.append(lines[i])
        i += 1
    return out


def clean_lines(lines: list[str], *, header: bool = True, trailer: bool = True) -> list[str]:
    """All the rules in their order: licence notice, site header, trailer, noise."""
    lines = drop_licence_notice(lines)
    if header:
        lines = drop_site_header(lines)
    if trailer:
        lines = cut_trailer(lines)
    lines = drop_noise(lines)
    while lines and not lines[0].strip():
        lines = lines[1:]
    return lines


def clean_text(text: str, **kw: bool) -> str:
    return "\n".join(clean_lines(text.split("\n"), **kw)).strip()
