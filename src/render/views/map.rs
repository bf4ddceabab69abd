//! The maps of record pages and the municipality index: which municipalities they show.

use crate::render::map::{map, MapView, Place};
use crate::site::{MunicipalityId, Site};
use crate::urls::Urls;

use super::strings;

/// The map of the municipalities `ids` (each once, in name order) under `heading`; `None`
/// when maps are switched off (`[outputs] map = false`) or none of them has coordinates.
pub fn municipality_map<'a>(
    site: &'a Site,
    urls: &Urls,
    heading: &'a str,
    ids: impl IntoIterator<Item = MunicipalityId>,
) -> Option<MapView<'a>> {
    if !site.config.outputs.map {
        return None;
    }
    let mut ids: Vec<MunicipalityId> = ids.into_iter().collect();
    // Ids follow the name order of the records.
    ids.sort_unstable();
    ids.dedup();
    let places = ids
        .into_iter()
        .map(|id| {
            let m = site.municipality(id);
            Place {
                name: &m.name,
                url: urls.municipality_path(&m.slug),
                coordinates: m.coordinates,
            }
        })
        .collect();
    map(heading, places, strings(site.config.language))
}
