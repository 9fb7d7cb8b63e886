"""Places on a map drawn from boundary data shipped with the site: no tile server, no request elsewhere.

The base maps (``static/maps/<region>.svg``) are built once from Natural
Earth's public-domain country borders by ``scripts/build_region_map.py``; both
use the projections below. A page draws its places over one of them in an
inline SVG: the base map as an image, a dot and the place's name (in the page's
language) for each place, the names of the countries in view (translated like
any text of the site), cropped to the places with some land around them.

The map is the smallest region that holds all the places: the Western Balkans,
Belarus with Lithuania and Poland, or both together for a project that works
in both.
"""

import math
from dataclasses import dataclass

from core.countries import COUNTRY_NAMES


@dataclass(frozen=True)
class Region:
    """A base map: its file and the part of the world it covers, in degrees."""

    slug: str
    west: float
    east: float
    south: float
    north: float
    width: float = 600.0  # the base map's width in its own units; its height follows from the projection

    @property
    def cos_mid(self):
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def scale(self):
        """Map units per degree of latitude."""
        return self.width / ((self.east - self.west) * self.cos_mid)

    @property
    def height(self):
        return round((self.north - self.south) * self.scale, 1)

    @property
    def base_map(self):
        return f"maps/{self.slug}.svg"

    def project(self, latitude, longitude):
        """(x, y) on the base map of a point, by an equirectangular projection true at the region's middle."""
        x = (float(longitude) - self.west) * self.scale * self.cos_mid
        y = (self.north - float(latitude)) * self.scale
        return round(x, 2), round(y, 2)

    def contains(self, latitude, longitude):
        return self.south <= float(latitude) <= self.north and self.west <= float(longitude) <= self.east


# Smallest first: a page takes the first that holds all its places.
WESTERN_BALKANS = Region("western-balkans", 13.3, 24.0, 39.5, 46.6)
NORTH_EAST = Region("belarus-lithuania-poland", 13.8, 33.0, 48.9, 56.9)
CENTRAL_EAST = Region("central-eastern-europe", 12.8, 33.0, 39.5, 56.9)
REGIONS = (WESTERN_BALKANS, NORTH_EAST, CENTRAL_EAST)

# Where a country's name may go, first choice first (latitude, longitude inside it), by ISO code:
# core.countries has its name in every language. A small piece of the map shows a country's
# name at the first of its points in view that leaves the places' names clear.
COUNTRIES = {
    "AL": ((40.65, 20.1), (41.95, 20.0)),
    "BY": ((53.5, 28.0), (52.6, 26.3), (54.5, 26.5), (53.2, 24.9)),
    "BA": ((44.25, 17.75), (43.5, 18.3)),
    "BG": ((42.75, 25.2), (43.35, 23.4)),
    "HR": ((45.65, 16.0), (43.75, 16.5)),
    "GR": ((39.75, 21.9), (40.9, 23.2)),
    "HU": ((47.1, 19.4), (46.3, 19.0)),
    "IT": ((41.6, 14.9),),
    "XK": ((42.45, 20.75), (42.75, 20.45), (42.3, 21.2)),
    "LV": ((56.55, 25.4),),
    "LT": ((55.35, 23.9), (55.3, 25.6), (54.95, 25.55), (54.4, 24.0)),
    "MK": ((41.5, 21.7), (41.3, 21.1)),
    "ME": ((42.8, 19.25),),
    "PL": ((52.1, 19.2), (52.6, 20.1), (51.75, 21.8), (53.5, 22.0), (50.5, 21.5), (52.6, 16.5)),
    "RO": ((45.8, 24.9), (44.7, 23.4)),
    "RS": ((43.95, 20.9), (45.4, 20.2), (43.0, 21.9)),
    "SK": ((48.75, 19.6),),
    "SI": ((46.1, 14.8),),
    "UA": ((50.0, 29.5), (51.2, 25.5)),
}

# The smallest piece of the map a page shows (degrees of longitude), and the land around the places.
MIN_SPAN = 3.2
MARGIN = 0.45


def region_for(places):
    """The region of the map for `places` (with latitude and longitude), and the places it holds; or (None, [])."""
    for region in REGIONS:
        if all(region.contains(p.latitude, p.longitude) for p in places):
            return region, list(places)
    best = max(REGIONS, key=lambda r: sum(r.contains(p.latitude, p.longitude) for p in places))
    inside = [p for p in places if best.contains(p.latitude, p.longitude)]
    return (best, inside) if inside else (None, [])


@dataclass
class Point:
    name: str
    x: float
    y: float
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "start"
    lang: str = ""


@dataclass
class Country:
    name: str
    x: float
    y: float


def layout(places, lang_of=lambda place: "", countries=True):
    """The map of `places` (objects with name, latitude, longitude, kind): its viewBox, points and sizes; or None.

    Places of the kind "country" are drawn only when there is nothing more
    precise (a country's point is its capital, where a city of the project may
    lie too). Labels sit beside their dot and are nudged down so that no two
    overlap. With `countries`, the names of the countries in view are added
    where they fit clear of the places.
    """
    located = [p for p in places if p.latitude is not None and p.longitude is not None]
    precise = [p for p in located if getattr(p, "kind", "") != "country"]
    region, chosen = region_for(precise)
    if not chosen:  # no city on any map: the countries, if any is on one
        region, chosen = region_for(located)
    if not chosen:
        return None
    xs, ys = zip(*(region.project(p.latitude, p.longitude) for p in chosen), strict=True)
    unit = region.scale * region.cos_mid  # map units per degree of longitude
    left, right = min(xs) - MARGIN * unit, max(xs) + MARGIN * unit
    top, bottom = min(ys) - MARGIN * region.scale, max(ys) + MARGIN * region.scale
    width = max(right - left, MIN_SPAN * unit)
    height = max(bottom - top, width * 0.62)
    width = max(width, height / 0.9)
    # Never wider or taller than the base map: past its edges there is nothing drawn.
    width, height = min(width, region.width), min(height, region.height)
    centre_x, centre_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    box_x = min(max(centre_x - width / 2, 0), max(region.width - width, 0))
    box_y = min(max(centre_y - height / 2, 0), max(region.height - height, 0))
    bounds = (box_x, box_y, box_x + width, box_y + height)
    font = width / 22
    points, taken = [], []
    for place, x, y in sorted(zip(chosen, xs, ys, strict=True), key=lambda item: (item[2], item[1])):
        point = Point(name=str(place.name), x=x, y=y, lang=lang_of(place))
        point.label_x, point.label_y, point.anchor = _label_position(point, font, taken, xs, ys, bounds)
        points.append(point)
    return {
        "view_box": f"{box_x:.1f} {box_y:.1f} {width:.1f} {height:.1f}",
        "points": points,
        "countries": _countries(region, font * 0.8, taken, xs, ys, bounds) if countries else [],
        "font": round(font, 2),
        "country_font": round(font * 0.8, 2),
        "radius": round(width / 110, 2),
        "stroke": round(width / 300, 2),
        "halo": round(font * 0.25, 2),
        "base_width": region.width,
        "base_height": region.height,
        "base_map": region.base_map,
    }


def _countries(region, font, taken, xs, ys, bounds):
    """The names of the countries in view, each centred on the first of its points where it fits clear of the rest."""
    dots = [(x - font * 0.4, y - font * 0.4, x + font * 0.4, y + font * 0.4) for x, y in zip(xs, ys, strict=True)]
    shown = []
    for code, choices in COUNTRIES.items():
        name = str(COUNTRY_NAMES[code])
        half = len(name) * font * 0.3
        for latitude, longitude in choices:
            if not region.contains(latitude, longitude):
                continue
            x, y = region.project(latitude, longitude)
            box = (x - half, y - font * 0.8, x + half, y + font * 0.2)
            inside = bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1] and box[3] <= bounds[3]
            if inside and not any(_overlaps(box, other) for other in taken + dots):
                taken.append(box)
                shown.append(Country(name=name, x=x, y=y))
                break
    return shown


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
