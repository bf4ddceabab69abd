//! Structured data of a release page: the schema.org `NewsArticle` in JSON-LD, and the values
//! of the OpenGraph and Twitter card tags.
//!
//! Built by herold, not by the template, so it is valid by construction: serde_json writes the
//! JSON, and [`crate::escape::SafeFormatter`] makes it safe inside `<script type="application/ld+json">` (a
//! `</script>` in a headline cannot end the block; HTML comments cannot open).

use serde::Serialize;

use super::file_url;
use crate::site::{ReleaseId, Site};
use crate::urls::Urls;

/// The machine-readable description of one release.
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
    date_published: String,
    date_modified: String,
    url: String,
    main_entity_of_page: String,
    in_language: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    article_section: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<String>,
    publisher: Organization<'a>,
    author: Vec<Organization<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<Thing<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    content_location: Vec<Place<'a>>,
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
pub fn structured(site: &Site, urls: &Urls, id: ReleaseId) -> Structured {
    let r = site.release(id);
    let links = &site.links;
    let permalink = urls.permalink(&urls.release(r.date.date.year(), &r.slug).path);
    let image_url = r
        .image
        .as_ref()
        .map(|i| urls.permalink(&file_url(urls, r, &i.src)));
    let publisher = Organization {
        kind: "Organization",
        name: &site.config.title,
        url: Some(urls.permalink(&urls.home().path)),
    };
    let author = if r.issuers.is_empty() {
        vec![Organization {
            kind: "Organization",
            name: &site.config.title,
            url: Some(urls.permalink(&urls.home().path)),
        }]
    } else {
        r.issuers
            .iter()
            .map(|name| Organization {
                kind: "Organization",
                name,
                url: None,
            })
            .collect()
    };
    let about = links.release_programmes[id.index()]
        .iter()
        .map(|p| {
            let p = site.programme(*p);
            Thing {
                kind: "Thing",
                name: &p.name,
                url: urls.permalink(&urls.programme(&p.slug).path),
            }
        })
        .collect();
    let content_location = links.release_municipalities[id.index()]
        .iter()
        .map(|m| {
            let m = site.municipality(*m);
            Place {
                kind: "Place",
                name: &m.name,
                url: urls.permalink(&urls.municipality(&m.slug).path),
                geo: m.coordinates.map(|(latitude, longitude)| Geo {
                    kind: "GeoCoordinates",
                    latitude,
                    longitude,
                }),
            }
        })
        .collect();
    let published = r.date.html();
    let modified = (r.modified().instant != r.date.instant).then(|| r.modified().html());
    let article = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &r.title,
        alternative_headline: r.subtitle.as_deref(),
        description: &r.summary,
        date_published: published.clone(),
        date_modified: modified.clone().unwrap_or_else(|| published.clone()),
        url: permalink.clone(),
        main_entity_of_page: permalink,
        in_language: site.config.language.tag(),
        identifier: r.number.as_deref(),
        article_section: r.kicker.as_deref(),
        image: image_url.iter().cloned().collect(),
        publisher,
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
