//! The views of the index pages: the home page's programme, municipality and topic lists,
//! the topic index and the municipality index.

use serde::Serialize;

use super::{
    municipality_card, municipality_map, programme_card, strings, MunicipalityCard,
    MunicipalityGroup, ProgrammeCard, TopicCard,
};
use crate::render::map::MapView;
use crate::site::{MunicipalityId, ProgrammeId, Site};
use crate::urls::Urls;

/// The municipality index view.
#[derive(Debug, Serialize)]
pub struct MunicipalityIndex<'a> {
    /// Number of municipalities.
    pub count: usize,
    /// Grouped by first letter.
    pub by_letter: Vec<MunicipalityGroup<'a>>,
    /// Grouped by kind (town, district, …).
    pub by_kind: Vec<MunicipalityGroup<'a>>,
    /// Grouped by district.
    pub by_district: Vec<MunicipalityGroup<'a>>,
    /// Map of every municipality with coordinates (when maps are on).
    pub map: Option<MapView<'a>>,
}

/// The programmes of the home page: the twelve top-level ones with most releases.
pub fn top_programmes<'a>(s: &'a Site, urls: &Urls) -> Vec<ProgrammeCard<'a>> {
    let mut ids: Vec<ProgrammeId> = (0..s.programmes.len())
        .map(|i| ProgrammeId(i as u32))
        .filter(|p| s.links.programme_parent[p.index()].is_none())
        .collect();
    ids.sort_by_key(|p| std::cmp::Reverse(s.links.programme_releases[p.index()].len()));
    ids.into_iter()
        .take(12)
        .map(|p| programme_card(s, urls, p, 0))
        .collect()
}

/// The municipalities of the home page: the 24 named in most releases, in name order.
pub fn busy_municipalities<'a>(s: &'a Site, urls: &Urls) -> Vec<MunicipalityCard<'a>> {
    let mut ids: Vec<MunicipalityId> = (0..s.municipalities.len())
        .map(|i| MunicipalityId(i as u32))
        .filter(|m| !s.links.municipality_releases[m.index()].is_empty())
        .collect();
    ids.sort_by_key(|m| std::cmp::Reverse(s.links.municipality_releases[m.index()].len()));
    ids.truncate(24);
    ids.sort();
    ids.into_iter()
        .map(|m| municipality_card(s, urls, m))
        .collect()
}

/// Every topic with its number of releases.
pub fn topic_cards<'a>(s: &'a Site, urls: &Urls) -> Vec<TopicCard<'a>> {
    s.links
        .topics
        .iter()
        .map(|t| TopicCard {
            name: &t.name,
            url: urls.topic_path(&t.slug),
            count: t.releases.len(),
        })
        .collect()
}

/// The municipality index: all municipalities by letter, by kind and by district.
pub fn municipality_index<'a>(s: &'a Site, urls: &Urls) -> MunicipalityIndex<'a> {
    let t = strings(s.config.language);
    let all = || (0..s.municipalities.len()).map(|i| MunicipalityId(i as u32));
    let group = |name: String, id: String, ids: Vec<MunicipalityId>| MunicipalityGroup {
        name,
        id,
        items: ids
            .into_iter()
            .map(|m| municipality_card(s, urls, m))
            .collect(),
    };
    let mut by_letter: std::collections::BTreeMap<String, Vec<MunicipalityId>> = Default::default();
    let mut by_kind: std::collections::BTreeMap<String, Vec<MunicipalityId>> = Default::default();
    let mut by_district: std::collections::BTreeMap<(u8, String), Vec<MunicipalityId>> =
        Default::default();
    for m in all() {
        let rec = s.municipality(m);
        let letter = crate::slug::slugify(&rec.name)
            .chars()
            .next()
            .map_or('#', |c| c.to_ascii_uppercase());
        by_letter.entry(letter.to_string()).or_default().push(m);
        by_kind
            .entry(rec.kind.clone().unwrap_or_else(|| "–".into()))
            .or_default()
            .push(m);
        let key = match s.links.municipality_district[m.index()] {
            Some(d) => (0, s.municipality(d).name.clone()),
            None => (1, t.no_district.to_string()),
        };
        by_district.entry(key).or_default().push(m);
    }
    MunicipalityIndex {
        count: s.municipalities.len(),
        map: municipality_map(s, urls, t.municipalities, all()),
        by_letter: by_letter
            .into_iter()
            .map(|(l, ids)| group(l.clone(), format!("buchstabe-{}", l.to_lowercase()), ids))
            .collect(),
        by_kind: by_kind
            .into_iter()
            .map(|(k, ids)| group(k.clone(), format!("art-{}", crate::slug::slugify(&k)), ids))
            .collect(),
        by_district: by_district
            .into_iter()
            .map(|((_, d), ids)| {
                group(
                    d.clone(),
                    format!("kreis-{}", crate::slug::slugify(&d)),
                    ids,
                )
            })
            .collect(),
    }
}
