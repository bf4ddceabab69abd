//! Records: funding programmes (`content/programmes/SLUG.toml`) and municipalities
//! (`content/municipalities/SLUG.toml`). The file stem is the slug.

use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

use super::dates::{Accept, DateValue};
use super::{shift, Checker, Reference};
use crate::diag::Diagnostics;
use crate::markdown;
use crate::msg;
use crate::slug::{is_slug, slugify};
use crate::source::SourceText;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgramme {
    name: Spanned<String>,
    #[serde(default)]
    short: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    parent: Option<Spanned<String>>,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    start: Option<Spanned<Datetime>>,
    #[serde(default)]
    end: Option<Spanned<Datetime>>,
    #[serde(default)]
    website: Option<Spanned<String>>,
    #[serde(default)]
    budget_eur: Option<Spanned<i64>>,
    #[serde(default)]
    participants: Vec<RawParticipant>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParticipant {
    municipality: Spanned<String>,
    #[serde(default)]
    year: Option<Spanned<i64>>,
    #[serde(default)]
    funding_eur: Option<Spanned<i64>>,
    #[serde(default)]
    project: Option<String>,
}

/// A funding programme, or a module/pillar of one (`parent`).
#[derive(Debug, Clone)]
pub struct Programme {
    /// Fingerprint of everything read from its files, so a rebuild can tell it changed.
    pub version: u64,
    /// Source file.
    pub source: String,
    /// Slug (file stem).
    pub slug: String,
    /// Full name.
    pub name: String,
    /// Short name or acronym.
    pub short: Option<String>,
    /// Description as HTML (written as Markdown).
    pub description_html: Option<String>,
    /// Parent programme (this is a module of it).
    pub parent: Option<Reference>,
    /// Responsible body.
    pub owner: Option<String>,
    /// Start of the programme.
    pub start: Option<DateValue>,
    /// End of the programme.
    pub end: Option<DateValue>,
    /// Official web page.
    pub website: Option<String>,
    /// Budget in euros.
    pub budget_eur: Option<u64>,
    /// Funded municipalities.
    pub participants: Vec<Participant>,
}

/// One funded municipality of a programme.
#[derive(Debug, Clone)]
pub struct Participant {
    /// The municipality (checked in resolve).
    pub municipality: Reference,
    /// Year of the funding.
    pub year: Option<i32>,
    /// Funding in euros.
    pub funding_eur: Option<u64>,
    /// Name of the funded project.
    pub project: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMunicipality {
    name: Spanned<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    ags: Option<Spanned<String>>,
    #[serde(default)]
    district: Option<Spanned<String>>,
    #[serde(default)]
    members: Vec<Spanned<String>>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    population: Option<Spanned<i64>>,
    #[serde(default)]
    coordinates: Option<Spanned<Vec<f64>>>,
    #[serde(default)]
    website: Option<Spanned<String>>,
    #[serde(default)]
    description: Option<String>,
}

/// A town, municipality, district or municipal association.
#[derive(Debug, Clone)]
pub struct Municipality {
    /// Fingerprint of everything read from its files, so a rebuild can tell it changed.
    pub version: u64,
    /// Source file.
    pub source: String,
    /// Slug (file stem).
    pub slug: String,
    /// Name.
    pub name: String,
    /// Kind as written: Stadt, Gemeinde, Landkreis, Gemeindeverwaltungsverband, …
    pub kind: Option<String>,
    /// Amtlicher Gemeindeschlüssel (8 digits).
    pub ags: Option<String>,
    /// The district (Landkreis) it belongs to.
    pub district: Option<Reference>,
    /// Members (for associations).
    pub members: Vec<Reference>,
    /// Federal state.
    pub state: Option<String>,
    /// Inhabitants.
    pub population: Option<u64>,
    /// Latitude and longitude.
    pub coordinates: Option<(f64, f64)>,
    /// Official web page.
    pub website: Option<String>,
    /// Description as HTML.
    pub description_html: Option<String>,
}

/// The slug of a record file, which must already be a valid slug.
fn record_slug(file: &SourceText, c: &Checker<'_>, diags: &mut Diagnostics) -> Option<String> {
    let name = file.rel.rsplit('/').next().unwrap_or(&file.rel);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    if is_slug(stem) {
        return Some(stem.to_string());
    }
    let suggestion = slugify(stem);
    diags.push(
        c.error(0..0, msg!("record-bad-file-name", name = name.to_string()))
            .with_help(if suggestion.is_empty() {
                msg!("record-bad-file-name-help")
            } else {
                msg!("record-rename-help", suggestion = suggestion)
            }),
    );
    None
}

fn non_negative(
    v: &Option<Spanned<i64>>,
    key: &str,
    c: &Checker<'_>,
    diags: &mut Diagnostics,
) -> Result<Option<u64>, ()> {
    match v {
        None => Ok(None),
        Some(x) => u64::try_from(*x.get_ref()).map(Some).map_err(|_| {
            diags.push(
                c.error(
                    x.span(),
                    msg!(
                        "record-negative",
                        key = key.to_string(),
                        value = x.get_ref().to_string()
                    ),
                )
                .with_help(msg!("record-negative-help", key = key.to_string())),
            );
        }),
    }
}

fn website(
    v: &Option<Spanned<String>>,
    c: &Checker<'_>,
    diags: &mut Diagnostics,
) -> Result<Option<String>, ()> {
    match v {
        None => Ok(None),
        Some(w) if w.get_ref().starts_with("https://") || w.get_ref().starts_with("http://") => {
            Ok(Some(w.get_ref().clone()))
        }
        Some(w) => {
            diags.push(
                c.error(w.span(), msg!("record-website", value = w.get_ref()))
                    .with_help(msg!("record-website-help")),
            );
            Err(())
        }
    }
}

/// Parses and checks a programme record.
pub fn load_programme(
    file: &SourceText,
    base_path: &str,
    diags: &mut Diagnostics,
) -> Option<Programme> {
    let c = Checker::new(&file.rel, &file.text);
    let slug = record_slug(file, &c, diags);
    let raw: RawProgramme =
        match crate::toml_de::parse(&file.rel, &file.text, &file.text, 0, || {
            msg!("toml-in-programme")
        }) {
            Ok(r) => r,
            Err(d) => {
                diags.push(*d);
                return None;
            }
        };
    let mut ok = slug.is_some();
    if raw.name.get_ref().trim().is_empty() {
        diags.push(
            c.error(raw.name.span(), msg!("record-name-empty"))
                .with_help(msg!("record-programme-name-help")),
        );
        ok = false;
    }
    let start = raw
        .start
        .as_ref()
        .and_then(|d| c.date(d, 0, || "start".into(), Accept::DateOrInstant, diags));
    let end = raw
        .end
        .as_ref()
        .and_then(|d| c.date(d, 0, || "end".into(), Accept::DateOrInstant, diags));
    ok &= raw.start.is_none() || start.is_some();
    ok &= raw.end.is_none() || end.is_some();
    if let (Some(s), Some(e), Some(raw_end)) = (start, end, &raw.end) {
        if e.instant < s.instant {
            diags.push(
                c.error(
                    raw_end.span(),
                    msg!(
                        "record-end-before-start",
                        end = e.date.to_string(),
                        start = s.date.to_string()
                    ),
                )
                .with_help(msg!("record-end-before-start-help")),
            );
            ok = false;
        }
    }
    let budget = non_negative(&raw.budget_eur, "budget_eur", &c, diags);
    let web = website(&raw.website, &c, diags);
    let mut participants = Vec::new();
    for p in &raw.participants {
        let funding = non_negative(&p.funding_eur, "funding_eur", &c, diags);
        let year = match &p.year {
            Some(y) if !(1900..=2200).contains(y.get_ref()) => {
                diags.push(
                    c.error(
                        y.span(),
                        msg!("record-year", value = y.get_ref().to_string()),
                    )
                    .with_help(msg!("record-year-help")),
                );
                ok = false;
                None
            }
            Some(y) => i32::try_from(*y.get_ref()).ok(),
            None => None,
        };
        match funding {
            Ok(funding_eur) => participants.push(Participant {
                municipality: c.reference(&p.municipality, 0),
                year,
                funding_eur,
                project: p.project.clone(),
            }),
            Err(()) => ok = false,
        }
    }
    let (Ok(budget_eur), Ok(website)) = (budget, web) else {
        return None;
    };
    if !ok {
        return None;
    }
    Some(Programme {
        version: super::version(&file.rel, &file.text, &[]),
        source: file.rel.clone(),
        slug: slug?,
        name: raw.name.get_ref().trim().to_string(),
        short: raw.short,
        description_html: raw
            .description
            .map(|d| markdown::render(&d, base_path).html),
        parent: raw.parent.as_ref().map(|p| c.reference(p, 0)),
        owner: raw.owner,
        start,
        end,
        website,
        budget_eur,
        participants,
    })
}

/// Parses and checks a municipality record.
pub fn load_municipality(
    file: &SourceText,
    base_path: &str,
    diags: &mut Diagnostics,
) -> Option<Municipality> {
    let c = Checker::new(&file.rel, &file.text);
    let slug = record_slug(file, &c, diags);
    let raw: RawMunicipality =
        match crate::toml_de::parse(&file.rel, &file.text, &file.text, 0, || {
            msg!("toml-in-municipality")
        }) {
            Ok(r) => r,
            Err(d) => {
                diags.push(*d);
                return None;
            }
        };
    let mut ok = slug.is_some();
    if raw.name.get_ref().trim().is_empty() {
        diags.push(
            c.error(raw.name.span(), msg!("record-name-empty"))
                .with_help(msg!("record-municipality-name-help")),
        );
        ok = false;
    }
    if let Some(ags) = &raw.ags {
        let a = ags.get_ref();
        if a.len() != 8 || !a.bytes().all(|b| b.is_ascii_digit()) {
            diags.push(
                c.error(ags.span(), msg!("record-ags", value = a))
                    .with_help(msg!("record-ags-help")),
            );
            ok = false;
        }
    }
    let population = non_negative(&raw.population, "population", &c, diags);
    let coordinates = match &raw.coordinates {
        None => None,
        Some(v) => match v.get_ref().as_slice() {
            [lat, lon] if (-90.0..=90.0).contains(lat) && (-180.0..=180.0).contains(lon) => {
                Some((*lat, *lon))
            }
            [lat, lon] => {
                diags.push(
                    c.error(
                        v.span(),
                        msg!(
                            "record-coordinates-range",
                            lat = lat.to_string(),
                            lon = lon.to_string()
                        ),
                    )
                    .with_help(msg!("record-coordinates-range-help")),
                );
                ok = false;
                None
            }
            _ => {
                diags.push(
                    c.error(v.span(), msg!("record-coordinates-count"))
                        .with_help(msg!("record-coordinates-count-help")),
                );
                ok = false;
                None
            }
        },
    };
    let web = website(&raw.website, &c, diags);
    let (Ok(population), Ok(website)) = (population, web) else {
        return None;
    };
    if !ok {
        return None;
    }
    let _ = shift;
    Some(Municipality {
        version: super::version(&file.rel, &file.text, &[]),
        source: file.rel.clone(),
        slug: slug?,
        name: raw.name.get_ref().trim().to_string(),
        kind: raw.kind,
        ags: raw.ags.map(Spanned::into_inner),
        district: raw.district.as_ref().map(|d| c.reference(d, 0)),
        members: raw.members.iter().map(|m| c.reference(m, 0)).collect(),
        state: raw.state,
        population,
        coordinates,
        website,
        description_html: raw
            .description
            .map(|d| markdown::render(&d, base_path).html),
    })
}
