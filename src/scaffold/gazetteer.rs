//! The municipalities and districts of Baden-Württemberg, compiled into herold so that
//! `herold new municipality --ags KEY` can fill a record with official facts (`data/`, with its
//! licence in `data/SOURCES.md`).

/// One official entry: a Gemeinde (8-digit key) or a Land-/Stadtkreis (5-digit key, written as
/// `KKKKK000`).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Amtlicher Gemeindeschlüssel, 8 digits.
    pub ags: String,
    /// Name as used in everyday text ("Löffingen", "Landkreis Lörrach").
    pub name: String,
    /// Stadt, Gemeinde, Stadtkreis or Landkreis.
    pub kind: String,
    /// The Landkreis it lies in (none for a district itself and for a Stadtkreis).
    pub district: Option<String>,
    /// Inhabitants (Zensus 2022); districts have none in the table.
    pub population: Option<u64>,
    /// Latitude and longitude as written in the table.
    pub coordinates: (String, String),
}

const MUNICIPALITIES: &str = include_str!("../../data/bw-municipalities.csv");
const DISTRICTS: &str = include_str!("../../data/bw-districts.csv");

/// The entry with key `ags`: 8 digits for a municipality, 5 (or `KKKKK000`) for a district.
pub fn lookup(ags: &str) -> Option<Entry> {
    let ags = ags.trim();
    if !ags.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match ags.len() {
        8 => municipality(ags).or_else(|| ags.strip_suffix("000").and_then(district)),
        5 => district(ags),
        _ => None,
    }
}

/// Municipality rows: `ags,name,kind,district_ags,district_name,population,lat,lon`.
fn municipality(ags: &str) -> Option<Entry> {
    let row = rows(MUNICIPALITIES).find(|r| r.first() == Some(&ags))?;
    let [ags, name, kind, _district_ags, district_name, population, lat, lon] = row[..] else {
        return None;
    };
    Some(Entry {
        ags: ags.to_string(),
        name: name.to_string(),
        kind: kind.to_string(),
        // A Stadtkreis is its own district.
        district: (kind != "Stadtkreis").then(|| district_name.to_string()),
        population: population.parse().ok(),
        coordinates: (lat.to_string(), lon.to_string()),
    })
}

/// District rows: `ags,name,kind,lat,lon`.
fn district(key: &str) -> Option<Entry> {
    let row = rows(DISTRICTS).find(|r| r.first() == Some(&key))?;
    let [key, name, kind, lat, lon] = row[..] else {
        return None;
    };
    Some(Entry {
        ags: format!("{key}000"),
        name: name.to_string(),
        kind: kind.to_string(),
        district: None,
        population: None,
        coordinates: (lat.to_string(), lon.to_string()),
    })
}

/// The data rows of a table (no field of these tables holds a comma or a quote).
fn rows(table: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    table.lines().skip(1).map(|l| l.split(',').collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_municipality_is_found_with_its_district() {
        let e = lookup("08315070").expect("Löffingen");
        assert_eq!(e.name, "Löffingen");
        assert_eq!(e.kind, "Stadt");
        assert_eq!(
            e.district.as_deref(),
            Some("Landkreis Breisgau-Hochschwarzwald")
        );
        assert_eq!(e.population, Some(7675));
        assert_eq!(e.coordinates, ("47.883793".into(), "8.343862".into()));
    }

    #[test]
    fn districts_answer_to_five_and_eight_digits() {
        let e = lookup("08336").expect("Lörrach");
        assert_eq!(e.name, "Landkreis Lörrach");
        assert_eq!(e.ags, "08336000");
        assert_eq!(lookup("08336000"), Some(e));
        let stuttgart = lookup("08111000").expect("Stuttgart");
        assert_eq!(stuttgart.kind, "Stadtkreis");
        assert_eq!(stuttgart.district, None);
    }

    #[test]
    fn unknown_and_malformed_keys_find_nothing() {
        assert_eq!(
            lookup("09162000"),
            None,
            "München is not in Baden-Württemberg"
        );
        assert_eq!(lookup("0831507"), None);
        assert_eq!(lookup("08a15070"), None);
        assert_eq!(lookup(""), None);
    }

    #[test]
    fn every_row_of_both_tables_reads() {
        assert_eq!(rows(MUNICIPALITIES).filter(|r| r.len() == 8).count(), 1101);
        assert_eq!(rows(DISTRICTS).filter(|r| r.len() == 5).count(), 44);
    }
}
