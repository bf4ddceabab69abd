//! SVG maps of municipalities, drawn by herold from their `coordinates`: no tiles, no script,
//! no external request.
//!
//! A [`MapView`] holds the geometry (view box, outline path, points with x, y, name and URL)
//! and the `map` macro of the theme's `macros.html` draws it, so a theme can restyle it. When
//! every point lies in Baden-Württemberg the map shows the state's outline ([`outline`],
//! compiled in); otherwise it spans the points' bounding box with a margin. The projection is
//! equirectangular, longitudes scaled by the cosine of the middle latitude, so distances
//! look alike in both directions at the latitudes of the map.

pub mod outline;

use serde::Serialize;

use crate::locale::Strings;
use crate::render::views::Link;

/// Width of every map's view box; its height follows from the area shown.
pub const WIDTH: f64 = 800.0;
/// A map of the points' bounding box leaves this share of its span free on each side.
const MARGIN: f64 = 0.1;
/// The smallest span (degrees of latitude) a bounding-box map shows, so that one point, or a
/// few close together, do not fill the whole map.
const MIN_SPAN: f64 = 0.2;
/// A point this close to the state's outline (degrees, about 2 km) counts as inside: the
/// outline is simplified, and towns lie right on the border.
const BORDER_TOLERANCE: f64 = 0.02;
/// Where the outline's source note links to (its licence asks for it).
pub const ATTRIBUTION_URL: &str = "https://www.bkg.bund.de";

/// A place to draw: its name, page and coordinates, if it has any.
#[derive(Debug, Clone)]
pub struct Place<'a> {
    /// Name, the point's accessible name.
    pub name: &'a str,
    /// Page URL.
    pub url: String,
    /// `(latitude, longitude)`.
    pub coordinates: Option<(f64, f64)>,
}

/// A map: what the `map` macro draws.
#[derive(Debug, Serialize)]
pub struct MapView<'a> {
    /// What the map shows ("Geförderte Kommunen"), for its heading.
    pub heading: &'a str,
    /// The SVG's title.
    pub title: String,
    /// The SVG's text alternative.
    pub description: String,
    /// `0 0 WIDTH HEIGHT`.
    pub view_box: String,
    /// View box width.
    #[serde(serialize_with = "crate::render::views::whole_number")]
    pub width: f64,
    /// View box height.
    #[serde(serialize_with = "crate::render::views::whole_number")]
    pub height: f64,
    /// The state's outline as a path (`d`), when the map shows it.
    pub outline: Option<String>,
    /// The Bodensee as a path, with the outline.
    pub water: Option<String>,
    /// The outline's source note, with the outline.
    pub attribution: Option<&'static str>,
    /// Where the source note links to.
    pub attribution_url: &'static str,
    /// Radius of the points in view-box units (smaller when there are many).
    #[serde(serialize_with = "crate::render::views::whole_number")]
    pub radius: f64,
    /// The places with coordinates, in the order given.
    pub points: Vec<MapPoint<'a>>,
    /// The places without coordinates: not drawn, named beside the map.
    pub missing: Vec<Link<'a>>,
}

/// A drawn place.
#[derive(Debug, Serialize, PartialEq)]
pub struct MapPoint<'a> {
    /// x in view-box units (one decimal).
    #[serde(serialize_with = "crate::render::views::whole_number")]
    pub x: f64,
    /// y in view-box units, down (one decimal).
    #[serde(serialize_with = "crate::render::views::whole_number")]
    pub y: f64,
    /// Name.
    pub name: &'a str,
    /// Page URL.
    pub url: String,
}

/// The area a map shows, in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Southern edge.
    pub min_lat: f64,
    /// Northern edge.
    pub max_lat: f64,
    /// Western edge.
    pub min_lon: f64,
    /// Eastern edge.
    pub max_lon: f64,
}

impl Bounds {
    /// The smallest bounds holding every point (`None` for none).
    fn around(points: impl Iterator<Item = (f64, f64)>) -> Option<Bounds> {
        points.fold(None, |b, (lat, lon)| {
            Some(match b {
                None => Bounds {
                    min_lat: lat,
                    max_lat: lat,
                    min_lon: lon,
                    max_lon: lon,
                },
                Some(b) => Bounds {
                    min_lat: b.min_lat.min(lat),
                    max_lat: b.max_lat.max(lat),
                    min_lon: b.min_lon.min(lon),
                    max_lon: b.max_lon.max(lon),
                },
            })
        })
    }

    /// These bounds grown by `share` of their span on each side, and to at least `min_span`
    /// degrees of latitude (and as many kilometres of longitude).
    fn widened(self, share: f64, min_span: f64) -> Bounds {
        let cos = mid_cos(self.min_lat, self.max_lat);
        let lat_pad = ((self.max_lat - self.min_lat) * share)
            .max((min_span - (self.max_lat - self.min_lat)).max(0.0) / 2.0);
        let lon_span = self.max_lon - self.min_lon;
        let lon_pad = (lon_span * share).max((min_span / cos - lon_span).max(0.0) / 2.0);
        Bounds {
            min_lat: self.min_lat - lat_pad,
            max_lat: self.max_lat + lat_pad,
            min_lon: self.min_lon - lon_pad,
            max_lon: self.max_lon + lon_pad,
        }
    }
}

/// The cosine of the latitude halfway between two, at least 0.1 (the poles stay drawable).
fn mid_cos(a: f64, b: f64) -> f64 {
    ((a + b) / 2.0).to_radians().cos().max(0.1)
}

/// Equirectangular projection of `bounds` onto a view box [`WIDTH`] wide.
#[derive(Debug, Clone, Copy)]
pub struct Projection {
    bounds: Bounds,
    /// View-box units per degree of latitude.
    scale: f64,
    /// The cosine of the middle latitude: a degree of longitude is this much shorter.
    cos: f64,
}

impl Projection {
    /// The projection showing `bounds` [`WIDTH`] wide.
    pub fn new(bounds: Bounds) -> Self {
        let cos = mid_cos(bounds.min_lat, bounds.max_lat);
        let lon_span = (bounds.max_lon - bounds.min_lon).max(1e-6);
        Projection {
            bounds,
            scale: WIDTH / (lon_span * cos),
            cos,
        }
    }

    /// Height of the view box.
    pub fn height(&self) -> f64 {
        round1((self.bounds.max_lat - self.bounds.min_lat) * self.scale)
    }

    /// The view-box point of `(lat, lon)`: x to the east, y to the south, one decimal.
    pub fn project(&self, lat: f64, lon: f64) -> (f64, f64) {
        (
            round1((lon - self.bounds.min_lon) * self.cos * self.scale),
            round1((self.bounds.max_lat - lat) * self.scale),
        )
    }

    /// An SVG path of closed rings of `(lon, lat)` points.
    fn path(&self, rings: &[&[(f64, f64)]]) -> String {
        use std::fmt::Write;
        let mut d = String::with_capacity(rings.iter().map(|r| r.len() * 12).sum());
        for ring in rings {
            for (i, &(lon, lat)) in ring.iter().enumerate() {
                let (x, y) = self.project(lat, lon);
                let _ = write!(d, "{}{x} {y}", if i == 0 { "M" } else { "L" });
            }
            d.push('Z');
        }
        d
    }
}

/// The radius of the points of a map of `n` (view-box units): large enough to hit when few,
/// small enough not to cover each other when many.
fn radius(n: usize) -> f64 {
    match n {
        0..=60 => 9.0,
        61..=200 => 6.0,
        _ => 4.0,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The bounds of the state's outline (computed once).
pub fn state_bounds() -> Bounds {
    static BOUNDS: std::sync::OnceLock<Bounds> = std::sync::OnceLock::new();
    *BOUNDS.get_or_init(outline_bounds)
}

fn outline_bounds() -> Bounds {
    let all = outline::STATE.iter().flat_map(|r| r.iter());
    Bounds::around(all.map(|&(lon, lat)| (lat, lon))).unwrap_or(Bounds {
        min_lat: 47.5,
        max_lat: 49.8,
        min_lon: 7.5,
        max_lon: 10.5,
    })
}

/// True when `(lat, lon)` lies in Baden-Württemberg: inside the outline, or within
/// [`BORDER_TOLERANCE`] of it.
pub fn in_state(lat: f64, lon: f64) -> bool {
    let edges = || {
        outline::STATE
            .iter()
            .flat_map(|ring| (0..ring.len()).map(|i| (ring[i], ring[(i + 1) % ring.len()])))
    };
    // Even-odd rule: a ray to the west crosses the outline an odd number of times.
    let crossings = edges()
        .filter(|&((lon_a, lat_a), (lon_b, lat_b))| {
            (lat_a > lat) != (lat_b > lat)
                && lon < lon_a + (lat - lat_a) / (lat_b - lat_a) * (lon_b - lon_a)
        })
        .count();
    if crossings % 2 == 1 {
        return true;
    }
    let b = state_bounds();
    let pad = BORDER_TOLERANCE * 2.0;
    if lat < b.min_lat - pad
        || lat > b.max_lat + pad
        || lon < b.min_lon - pad
        || lon > b.max_lon + pad
    {
        return false;
    }
    let cos = lat.to_radians().cos();
    let p = (lon * cos, lat);
    edges().any(|((lon_a, lat_a), (lon_b, lat_b))| {
        segment_distance(p, (lon_a * cos, lat_a), (lon_b * cos, lat_b)) < BORDER_TOLERANCE
    })
}

/// Distance of `p` from the segment `a`–`b`.
fn segment_distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = dx * dx + dy * dy;
    let t = if len == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len).clamp(0.0, 1.0)
    };
    ((p.0 - a.0 - t * dx).powi(2) + (p.1 - a.1 - t * dy).powi(2)).sqrt()
}

/// The map of `places` under the heading `heading`, or `None` when none has coordinates.
pub fn map<'a>(heading: &'a str, places: Vec<Place<'a>>, t: &Strings) -> Option<MapView<'a>> {
    let located = || places.iter().filter_map(|p| p.coordinates);
    let around = Bounds::around(located())?;
    let in_bw = located().all(|(lat, lon)| in_state(lat, lon));
    let bounds = if in_bw {
        state_bounds().widened(0.02, 0.0)
    } else {
        around.widened(MARGIN, MIN_SPAN)
    };
    let proj = Projection::new(bounds);
    let height = proj.height();
    let mut points = Vec::new();
    let mut missing = Vec::new();
    for p in places {
        match p.coordinates {
            Some((lat, lon)) => {
                let (x, y) = proj.project(lat, lon);
                points.push(MapPoint {
                    x,
                    y,
                    name: p.name,
                    url: p.url,
                });
            }
            None => missing.push(Link {
                title: p.name,
                url: p.url,
            }),
        }
    }
    Some(MapView {
        heading,
        title: format!("{}: {heading}", t.map),
        description: format!("{} {}.", t.map_summary, points.len()),
        view_box: format!("0 0 {WIDTH} {height}"),
        width: WIDTH,
        height,
        outline: in_bw.then(|| proj.path(outline::STATE)),
        water: in_bw.then(|| proj.path(outline::WATER)),
        attribution: in_bw.then_some(t.map_attribution),
        attribution_url: ATTRIBUTION_URL,
        radius: radius(points.len()),
        points,
        missing,
    })
}

#[cfg(test)]
mod tests;
