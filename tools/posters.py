#!/usr/bin/env python3
"""Write templates/poster-*.toml: one poster design at every paper size.

The design is drawn once on A4 (a 186 x 273 mm margin box); regions are shares
of the margin box and sizes scale with the square root of the page's area, so
every size keeps the same proportions. Run it after changing the design:
    python3 tools/posters.py
"""
import math
from pathlib import Path

SIZES = {
    "poster-a5": ("A5 poster", "148mm", "210mm", 148, 210),
    "poster-a4": ("A4 poster", "210mm", "297mm", 210, 297),
    "poster-a3": ("A3 poster", "297mm", "420mm", 297, 420),
    "poster-a2": ("A2 poster", "420mm", "594mm", 420, 594),
    "poster-a1": ("A1 poster", "594mm", "841mm", 594, 841),
    "poster-letter": ("US Letter poster", "8.5in", "11in", 215.9, 279.4),
    "poster-tabloid": ("US Tabloid poster", "11in", "17in", 279.4, 431.8),
}
HEIGHT = 273.0  # the A4 margin box, mm

# Contact ids in the order printed. A record that applies only in some
# nations (Meic in Wales, Scotland's local social work, Northern Ireland's
# Gateway teams) is printed only in those nations' editions.
# `gateway-finder` (where to find Northern Ireland's Gateway numbers) is
# printed only on a poster that has no room for the numbers themselves.
ALL = '["emergency", "social-work", "nspcc", "childline", "meic", "ceop", "police", "gateway-finder"]'
# With an organisation's panel, posters smaller than A3 have no room for a
# nation's extra pathway (Meic) in every language: they leave it off, and
# say so.
ORG = '["emergency", "nspcc", "childline", "ceop", "gateway-finder"]'
ORG_LARGE = '["emergency", "nspcc", "childline", "meic", "ceop", "gateway-finder"]'
LARGE = {"poster-a3", "poster-a2", "poster-a1", "poster-tabloid"}

# What the organisation's panel carries, most important first: the lead
# always; the rest is printed if it fits at the smallest size (each detail
# left off is a warning). A3 and larger carry the deputy and the
# out-of-hours number right after the lead.
PRIORITY_SMALL = [
    "dsl", "name", "childrens-services", "dsl.photo", "dsl.email", "website",
    "deputy-dsl", "out-of-hours", "dsl.where", "childrens-services.name",
    "deputy-dsl.photo", "deputy-dsl.email", "out-of-hours.name", "deputy-dsl.where",
]
PRIORITY_LARGE = [
    "dsl", "name", "deputy-dsl", "childrens-services", "out-of-hours", "website",
    "dsl.photo", "deputy-dsl.photo", "dsl.email", "deputy-dsl.email",
    "childrens-services.name", "out-of-hours.name", "dsl.where", "deputy-dsl.where",
]
# Bilingual: the national numbers keep their size; the smaller posters'
# panel carries the lead, the local children's services and the website.
PRIORITY_BILINGUAL = ["dsl", "name", "childrens-services", "website", "dsl.email"]
# The web address under the QR code: readable from a metre on the smaller
# posters (14 pt), from two metres on A3 and larger (24 pt).
WEBSITE_NEAR_PT = 14.0
WEBSITE_FAR_PT = 24.0
# A3 and larger carry four contacts in their panel: its text may go down to
# 8 pt on A4's scale (23 pt on A1), still legible from two metres.
LARGE_LOCAL_MIN_PT = 8.0
GATEWAY = '["gateway-belfast", "gateway-northern", "gateway-south-eastern", "gateway-southern", "gateway-western", "resws"]'
# (component, options, y mm, h mm, padding mm, min pt, max pt)
REGIONS = [
    ("header", {"fill": "primary", "bleed": True}, 0, 40, 6, 20, 50),
    ("block", {"block": "definition", "when": '"monolingual"'}, 44, 106, 0, 14, 17),
    ("block", {"block": "definition", "when": '["bilingual", "no-org"]'}, 44, 136, 0, 14, 17),
    ("block", {"block": "definition", "when": '["bilingual", "org"]'}, 44, 106, 0, 14, 17),
    ("quote", {"quote": "jackson", "when": '["no-org", "monolingual", "england"]', "fill": "surface"}, 153, 27, 4, 9, 15),
    # Northern Ireland: the five Gateway teams and the out-of-hours service
    # take the quote's place, three to a row.
    ("contacts", {"when": '["no-org", "monolingual", "northern-ireland"]', "contacts": GATEWAY, "heading": "nation.gateway-heading", "columns": 3, "show-descriptions": "false", "fill": "surface"}, 153, 27, 4, 8, 13),
    ("local", {"when": '["org", "monolingual"]', "priority": "full", "qr": 20, "fill": "surface"}, 153, 43, 4, 9.5, 15),
    ("local", {"when": '["org", "bilingual"]', "priority": "bilingual", "qr": 20, "fill": "surface"}, 153, 43, 4, 9.5, 15),
    ("contacts", {"when": '["no-org", "monolingual", "not-wales", "not-scotland"]', "contacts": ALL, "fill": "accent"}, 183, 79, 5, 10, 16),
    # Wales and Scotland print one pathway more (Meic; local social work):
    # the panel takes the quote's room.
    ("contacts", {"when": '["no-org", "monolingual", "not-england", "not-northern-ireland"]', "contacts": ALL, "fill": "accent"}, 153, 109, 5, 10, 16),
    ("contacts", {"when": '["no-org", "bilingual"]', "contacts": ALL, "fill": "accent"}, 183, 79, 5, 10, 16),
    ("contacts", {"when": '["org", "monolingual"]', "contacts": ORG, "fill": "accent"}, 200, 62, 5, 9, 16),
    # Bilingual with an organisation's panel: the labels in both languages
    # and the numbers, without descriptions (they would be set at 5 pt on A4).
    ("contacts", {"when": '["org", "bilingual"]', "contacts": ORG, "fill": "accent", "show-descriptions": "false"}, 200, 62, 5, 9, 16),
    ("footer", {}, 263, 10, 0, 6.5, 8),
]


def pct(v):
    return f"{v / HEIGHT * 100:.3f}%"


def main():
    out = Path(__file__).resolve().parent.parent / "templates"
    for pid, (name, w, h, wmm, hmm) in SIZES.items():
        k = math.sqrt((wmm * hmm) / (210 * 297))
        margin = max(10.0, round(12 * k, 1))
        lines = [
            f"# {name}, portrait. Written by tools/posters.py: edit that, not this.",
            "# Title band; the definition; a quote card (or, with an organisation, its own",
            "# contacts and QR code); the \"who to call\" panel, the largest thing after the",
            "# title. A bilingual poster gives the quote's room to the definition in both",
            f"# languages. Sizes are the A4 design's scaled by {k:.3f}.",
            f'id = "{pid}"',
            f'name = "{name}"',
            'family = "poster"',
            "",
            "[page]",
            f'width = "{w}"',
            f'height = "{h}"',
            f'margin = "{margin:g}mm"',
            "",
        ]
        for comp, opts, y, hh, pad, lo, hi in REGIONS:
            lines += ["[[region]]", f'component = "{comp}"']
            if "when" in opts:
                lines.append(f"when = {opts['when']}")
            for key in ("block", "quote"):
                if key in opts:
                    lines.append(f'{key} = "{opts[key]}"')
            if "contacts" in opts:
                contacts = opts["contacts"]
                if contacts == ORG and pid in LARGE:
                    contacts = ORG_LARGE
                lines.append(f"contacts = {contacts}")
            if "heading" in opts:
                lines.append(f'heading = "{opts["heading"]}"')
            if "columns" in opts:
                lines.append(f"columns = {opts['columns']}")
            if "show-descriptions" in opts:
                lines.append(f"show-descriptions = {opts['show-descriptions']}")
            if "priority" in opts:
                items = PRIORITY_LARGE if pid in LARGE else (
                    PRIORITY_BILINGUAL if opts["priority"] == "bilingual" else PRIORITY_SMALL)
                lines.append("priority = [")
                lines += [f'    "{i}",' for i in items]
                lines.append("]")
                size = WEBSITE_FAR_PT if pid in LARGE else WEBSITE_NEAR_PT
                lines.append(f'website-size = "{size:.1f}pt"')
                if pid in LARGE:
                    # Four contacts: two columns of two across the wide panel.
                    lines.append("list-columns = 2")
            if "qr" in opts:
                lines.append(f'qr-size = "{max(20, round(opts["qr"] * k))}mm"')
            lines += ['x = "0%"', f'y = "{pct(y)}"', 'w = "100%"', f'h = "{pct(hh)}"']
            if pad:
                lines.append(f'padding = "{pad * k:.1f}mm"')
            if "fill" in opts:
                lines.append(f'fill = "{opts["fill"]}"')
                lines.append(f'radius = "{3 * k:.1f}mm"')
            if opts.get("bleed"):
                lines.append("bleed = true")
            # A4 body text never below 14 pt; other sizes scale from 13.5 pt.
            low = lo if (comp != "block" or pid == "poster-a4") else 13.5
            if comp == "local" and pid in LARGE:
                low = LARGE_LOCAL_MIN_PT
            lines.append(f'min-size = "{low * k:.1f}pt"')
            lines.append(f'max-size = "{hi * k:.1f}pt"')
            lines.append("")
        (out / f"{pid}.toml").write_text("\n".join(lines))


if __name__ == "__main__":
    main()
