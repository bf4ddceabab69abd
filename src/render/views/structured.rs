//! Structured data of a release page: the schema.org `NewsArticle` in JSON-LD, and the values
//! of the OpenGraph and Twitter card tags.
//!
//! Built by herold, not by the template, so it is valid by construction: serde_json writes the
//! JSON, and [`crate::escape::SafeFormatter`] makes it safe inside `<script type="application/ld+json">` (a
//! `</script>` in a headline cannot end the block; HTML comments cannot open).

use rayon::prelude::*;
use serde::Serialize;
use serde_json::value::RawValue;

use super::file_url;
use crate::site::{ReleaseId, Site};
use crate::urls::Urls;

/// The machine-readable description of one release. The parts that are the same in every
/// release naming them (a record, the publisher) come serialised already (see
/// [`LinkedData`]).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    alternative_headline: Option<&'a str>,
    description: &'a str,
    date_published: &'a str,
    date_modified: &'a str,
    url: &'a str,
    main_entity_of_page: &'a str,
    in_language: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    article_section: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<&'a str>,
    publisher: &'a RawValue,
    author: Authors<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<&'a RawValue>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    content_location: Vec<&'a RawValue>,
}

/// The authors: the issuers, or the site itself when there are none.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Authors<'a> {
    Issuers(Vec<Organization<'a>>),
    Site([&'a RawValue; 1]),
}

/// A schema.org `Organization` (the publisher and each issuer).
#[derive(Debug, Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// A programme the release is about.
#[derive(Debug, Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

/// A municipality the release is about.
#[derive(Debug, Serialize)]
struct Place<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    geo: Option<Geo>,
}

/// Coordinates of a place.
#[derive(Debug, Serialize)]
struct Geo {
    #[serde(rename = "@type")]
    kind: &'static str,
    latitude: f64,
    longitude: f64,
}

/// The JSON-LD of what every release page may name, serialised once per render: the site as
/// publisher (and author of releases without issuers), each programme as a `Thing` and each
/// municipality as a `Place`.
#[derive(Debug)]
pub struct LinkedData {
    publisher: Box<RawValue>,
    programmes: Vec<Box<RawValue>>,
    municipalities: Vec<Box<RawValue>>,
}

impl LinkedData {
    /// The parts of `site`.
    pub fn new(site: &Site, urls: &Urls) -> Self {
        let publisher = Organization {
            kind: "Organization",
            name: &site.config.title,
            url: Some(urls.permalink(&urls.home().path)),
        };
        let programmes = site
            .programmes
            .par_iter()
            .map(|p| {
                raw(&Thing {
                    kind: "Thing",
                    name: &p.name,
                    url: urls.permalink(&urls.programme_path(&p.slug)),
                })
            })
            .collect();
        let municipalities = site
            .municipalities
            .par_iter()
            .map(|m| {
                raw(&Place {
                    kind: "Place",
                    name: &m.name,
                    url: urls.permalink(&urls.municipality_path(&m.slug)),
                    geo: m.coordinates.map(|(latitude, longitude)| Geo {
                        kind: "GeoCoordinates",
                        latitude,
                        longitude,
                    }),
                })
            })
            .collect();
        LinkedData {
            publisher: raw(&publisher),
            programmes,
            municipalities,
        }
    }
}

/// `value` as JSON safe inside `<script>` (see [`crate::escape`]), as a raw JSON value.
fn raw(value: &impl Serialize) -> Box<RawValue> {
    let json = crate::escape::to_safe_json(value, 256, "{}");
    RawValue::from_string(json).unwrap_or_else(|_| empty_object())
}

/// `{}` as a raw JSON value.
fn empty_object() -> Box<RawValue> {
    serde_json::value::to_raw_value(&serde_json::Map::new())
        .unwrap_or_else(|_| RawValue::NULL.to_owned())
}

/// What a release page says about itself to search engines and social networks.
#[derive(Debug, Serialize)]
pub struct Structured {
    /// The `NewsArticle` JSON-LD, safe to put into a `<script>` block as it is.
    pub json_ld: String,
    /// Absolute URL of the lead image, for `og:image` and `twitter:image`.
    pub image_url: Option<String>,
    /// When the release was published, for `article:published_time`.
    pub published: String,
    /// When it was last corrected, for `article:modified_time`.
    pub modified: Option<String>,
}

/// The structured data of release `id`.
pub fn structured(site: &Site, urls: &Urls, parts: &LinkedData, id: ReleaseId) -> Structured {
    let r = site.release(id);
    let links = &site.links;
    let permalink = urls.permalink(&urls.release_path(r.date.date.year(), &r.slug));
    let image_url = r
        .image
        .as_ref()
        .map(|i| urls.permalink(&file_url(urls, r, &i.src)));
    let author = if r.issuers.is_empty() {
        Authors::Site([&*parts.publisher])
    } else {
        Authors::Issuers(
            r.issuers
                .iter()
                .map(|name| Organization {
                    kind: "Organization",
                    name,
                    url: None,
                })
                .collect(),
        )
    };
    let about = links.release_programmes[id.index()]
        .iter()
        .filter_map(|p| parts.programmes.get(p.index()).map(|v| &**v))
        .collect();
    let content_location = links.release_municipalities[id.index()]
        .iter()
        .filter_map(|m| parts.municipalities.get(m.index()).map(|v| &**v))
        .collect();
    let published = r.date.html();
    let modified = (r.modified().instant != r.date.instant).then(|| r.modified().html());
    let article = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &r.title,
        alternative_headline: r.subtitle.as_deref(),
        description: &r.summary,
        date_published: &published,
        date_modified: modified.as_deref().unwrap_or(&published),
        url: &permalink,
        main_entity_of_page: &permalink,
        in_language: site.config.language.tag(),
        identifier: r.number.as_deref(),
        article_section: r.kicker.as_deref(),
        image: image_url.iter().map(String::as_str).collect(),
        publisher: &parts.publisher,
        author,
        about,
        content_location,
    };
    // Serialising plain structs of strings and finite numbers cannot fail; an empty object
    // would still be valid JSON-LD should it ever.
    let json_ld = crate::escape::to_safe_json(&article, 2048, "{}");
    Structured {
        json_ld,
        image_url,
        published,
        modified,
    }
}
