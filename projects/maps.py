"""Places on a map drawn from boundary data shipped with the site: no tile server, no request elsewhere.

The base map (``static/maps/western-balkans.svg``) is built once from Natural
Earth's public-domain country borders by ``scripts/build_region_map.py``; both
use the projection below. A page draws its places over it in an inline SVG:
the base map as an image, a dot and the place's name (in the page's language)
for each place, cropped to the places with some land around them.
"""

import math
from dataclasses import dataclass

# The region the base map covers, in degrees: the Western Balkans and their neighbours.
WEST, EAST, SOUTH, NORTH = 13.3, 24.0, 39.5, 46.6
MID_LATITUDE = (SOUTH + NORTH) / 2
# The base map's width in its own units; its height follows from the projection.
WIDTH = 600.0
SCALE = WIDTH / ((EAST - WEST) * math.cos(math.radians(MID_LATITUDE)))
HEIGHT = round((NORTH - SOUTH) * SCALE, 1)
BASE_MAP = "maps/western-balkans.svg"

# The smallest piece of the map a page shows (degrees of longitude), and the land around the places.
MIN_SPAN = 3.2
MARGIN = 0.45


def project(latitude, longitude):
    """(x, y) on the base map of a point, by an equirectangular projection true at the region's middle."""
    x = (float(longitude) - WEST) * SCALE * math.cos(math.radians(MID_LATITUDE))
    y = (NORTH - float(latitude)) * SCALE
    return round(x, 2), round(y, 2)


def in_region(latitude, longitude):
    return SOUTH <= float(latitude) <= NORTH and WEST <= float(longitude) <= EAST


@dataclass
class Point:
    name: str
    x: float
    y: float
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "start"
    lang: str = ""


def layout(places, lang_of=lambda place: ""):
    """The map of `places` (objects with name, latitude, longitude, kind): its viewBox, points and sizes; or None.

    Places of the kind "country" are drawn only when there is nothing more
    precise (a country's point is its capital, where a city of the project may
    lie too). Labels sit beside their dot and are nudged down so that no two
    overlap.
    """
    located = [p for p in places if p.latitude is not None and p.longitude is not None]
    located = [p for p in located if in_region(p.latitude, p.longitude)]
    precise = [p for p in located if getattr(p, "kind", "") != "country"]
    chosen = precise or located
    if not chosen:
        return None
    xs, ys = zip(*(project(p.latitude, p.longitude) for p in chosen), strict=True)
    unit = SCALE * math.cos(math.radians(MID_LATITUDE))  # map units per degree of longitude
    left, right = min(xs) - MARGIN * unit, max(xs) + MARGIN * unit
    top, bottom = min(ys) - MARGIN * SCALE, max(ys) + MARGIN * SCALE
    width = max(right - left, MIN_SPAN * unit)
    height = max(bottom - top, width * 0.62)
    width = max(width, height / 0.9)
    centre_x, centre_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    box_x = min(max(centre_x - width / 2, 0), max(WIDTH - width, 0))
    box_y = min(max(centre_y - height / 2, 0), max(HEIGHT - height, 0))
    font = width / 22
    points, taken = [], []
    for place, x, y in sorted(zip(chosen, xs, ys, strict=True), key=lambda item: (item[2], item[1])):
        point = Point(name=str(place.name), x=x, y=y, lang=lang_of(place))
        point.label_x, point.label_y, point.anchor = _label_position(
            point, font, taken, xs, ys, (box_x, box_y, box_x + width, box_y + height)
        )
        points.append(point)
    return {
        "view_box": f"{box_x:.1f} {box_y:.1f} {width:.1f} {height:.1f}",
        "points": points,
        "font": round(font, 2),
        "radius": round(width / 110, 2),
        "stroke": round(width / 300, 2),
        "halo": round(font * 0.25, 2),
        "base_width": WIDTH,
        "base_height": HEIGHT,
        "base_map": BASE_MAP,
    }


def _overlaps(box, other):
    return box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]


def _label_position(point, font, taken, xs, ys, bounds):
    """Where `point`'s name goes: beside its dot (right, left, then a line lower or higher), clear of the others.

    `taken` holds the boxes of the names already placed and is extended; `bounds`
    is the visible part of the map. A name that fits nowhere takes its first choice.
    """
    length = len(point.name) * font * 0.56
    gap, rise = font * 0.6, font * 0.35
    candidates = []
    for shift in (0, 1, -1, 2, -2):
        dy = shift * font * 1.1
        candidates.append((point.x + gap, point.y + rise + dy, "start"))
        candidates.append((point.x - gap, point.y + rise + dy, "end"))
    dots = [(x - font * 0.3, y - font * 0.3, x + font * 0.3, y + font * 0.3) for x, y in zip(xs, ys, strict=True)]
    for label_x, label_y, anchor in candidates:
        left = label_x if anchor == "start" else label_x - length
        box = (left, label_y - font * 0.8, left + length, label_y + font * 0.2)
        inside = bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1] and box[3] <= bounds[3]
        if inside and not any(_overlaps(box, other) for other in taken + dots):
            taken.append(box)
            return round(label_x, 2), round(label_y, 2), anchor
    label_x, label_y, anchor = candidates[0]
    taken.append((label_x, label_y - font * 0.8, label_x + length, label_y + font * 0.2))
    return round(label_x, 2), round(label_y, 2), anchor
