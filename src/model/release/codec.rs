//! A release's parsed front matter as bytes, for the parse cache on disk
//! ([`crate::markdown::cache::FrontCache`]): a build in a new process takes the front matter of
//! an unchanged release from there instead of parsing its TOML again (TOML was the largest part
//! of reading a site whose bodies come from the cache).
//!
//! Everything [`FrontMatter`] holds is written, spans included (they point into the front
//! matter, whose text is the entry's key), so a decoded front matter is the parsed one and the
//! checks that follow report exactly the same problems. A front matter with `extra` values
//! (free-form TOML) is not kept: it is parsed each time.

use toml::value::{Date, Datetime, Offset, Time};
use toml::Spanned;

use super::{Contact, FrontMatter, RawAttachment, RawEvent, RawImage};
use crate::model::history::{RawChange, RawWithdrawn};

/// Layout of an entry; part of the cache file's fingerprint through this file's text.
const FORMAT: u8 = 1;

/// `fm` as bytes; `None` when it cannot be kept (it has `extra` values, or a span or text
/// beyond 4 GiB).
pub(crate) fn encode(fm: &FrontMatter) -> Option<Vec<u8>> {
    if !fm.extra.is_empty() {
        return None;
    }
    let mut e = Enc(Vec::with_capacity(1024));
    e.u8(FORMAT);
    e.spanned_str(&fm.title)?;
    e.spanned_date(&fm.date)?;
    e.opt(fm.subtitle.as_ref(), Enc::spanned_str)?;
    e.opt(fm.kicker.as_ref(), Enc::spanned_str)?;
    e.opt(fm.number.as_deref(), Enc::str)?;
    e.bool(fm.joint);
    e.list(&fm.issuers, |e, s| e.str(s))?;
    e.list(&fm.programmes, Enc::spanned_str)?;
    e.list(&fm.municipalities, Enc::spanned_str)?;
    e.opt(fm.location.as_deref(), Enc::str)?;
    e.opt(fm.summary.as_ref(), Enc::spanned_str)?;
    e.bool(fm.draft);
    e.opt(fm.embargo.as_ref(), Enc::spanned_date)?;
    e.opt(fm.updated.as_ref(), Enc::spanned_date)?;
    e.opt(fm.change_note.as_deref(), Enc::str)?;
    e.opt(fm.slug.as_ref(), Enc::spanned_str)?;
    e.list(&fm.aliases, Enc::spanned_str)?;
    e.opt(fm.image.as_ref(), |e, i| {
        e.spanned_str(&i.src)?;
        e.opt(i.alt.as_ref(), Enc::spanned_str)?;
        e.opt(i.caption.as_deref(), Enc::str)?;
        e.opt(i.credit.as_deref(), Enc::str)
    })?;
    e.list(&fm.attachments, |e, a| {
        e.str(&a.title)?;
        e.spanned_str(&a.file)
    })?;
    e.list(&fm.contacts, |e, c| {
        e.str(&c.name)?;
        e.opt(c.role.as_deref(), Enc::str)?;
        e.opt(c.phone.as_deref(), Enc::str)?;
        e.opt(c.email.as_deref(), Enc::str)
    })?;
    e.opt(fm.event.as_ref(), |e, v| {
        e.str(&v.name)?;
        e.spanned_date(&v.start)?;
        e.opt(v.end.as_ref(), Enc::spanned_date)?;
        e.opt(v.place.as_deref(), Enc::str)
    })?;
    e.opt(fm.withdrawn.as_ref(), |e, w| {
        e.spanned_date(&w.date)?;
        e.spanned_str(&w.reason)
    })?;
    e.list(&fm.changes, |e, c| {
        e.spanned_date(&c.date)?;
        e.spanned_str(&c.note)
    })?;
    Some(e.0)
}

/// The front matter `bytes` were made from by [`encode`]; `None` when they are not such bytes.
pub(crate) fn decode(bytes: &[u8]) -> Option<FrontMatter> {
    let mut d = Dec { bytes, at: 0 };
    if d.u8()? != FORMAT {
        return None;
    }
    let fm = FrontMatter {
        title: d.spanned_str()?,
        date: d.spanned_date()?,
        subtitle: d.opt(Dec::spanned_str)?,
        kicker: d.opt(Dec::spanned_str)?,
        number: d.opt(Dec::string)?,
        joint: d.bool()?,
        issuers: d.list(Dec::string)?,
        programmes: d.list(Dec::spanned_str)?,
        municipalities: d.list(Dec::spanned_str)?,
        location: d.opt(Dec::string)?,
        summary: d.opt(Dec::spanned_str)?,
        draft: d.bool()?,
        embargo: d.opt(Dec::spanned_date)?,
        updated: d.opt(Dec::spanned_date)?,
        change_note: d.opt(Dec::string)?,
        slug: d.opt(Dec::spanned_str)?,
        aliases: d.list(Dec::spanned_str)?,
        image: d.opt(|d| {
            Some(RawImage {
                src: d.spanned_str()?,
                alt: d.opt(Dec::spanned_str)?,
                caption: d.opt(Dec::string)?,
                credit: d.opt(Dec::string)?,
            })
        })?,
        attachments: d.list(|d| {
            Some(RawAttachment {
                title: d.string()?,
                file: d.spanned_str()?,
            })
        })?,
        contacts: d.list(|d| {
            Some(Contact {
                name: d.string()?,
                role: d.opt(Dec::string)?,
                phone: d.opt(Dec::string)?,
                email: d.opt(Dec::string)?,
            })
        })?,
        event: d.opt(|d| {
            Some(RawEvent {
                name: d.string()?,
                start: d.spanned_date()?,
                end: d.opt(Dec::spanned_date)?,
                place: d.opt(Dec::string)?,
            })
        })?,
        withdrawn: d.opt(|d| {
            Some(RawWithdrawn {
                date: d.spanned_date()?,
                reason: d.spanned_str()?,
            })
        })?,
        changes: d.list(|d| {
            Some(RawChange {
                date: d.spanned_date()?,
                note: d.spanned_str()?,
            })
        })?,
        extra: toml::Table::new(),
    };
    (d.at == bytes.len()).then_some(fm)
}

/// Writes the parts of an entry; each returns `None` for what does not fit its field.
struct Enc(Vec<u8>);

impl Enc {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }

    fn bool(&mut self, v: bool) {
        self.u8(u8::from(v));
    }

    fn u32(&mut self, v: usize) -> Option<()> {
        self.0
            .extend_from_slice(&u32::try_from(v).ok()?.to_le_bytes());
        Some(())
    }

    fn str(&mut self, s: &str) -> Option<()> {
        self.u32(s.len())?;
        self.0.extend_from_slice(s.as_bytes());
        Some(())
    }

    fn span<T>(&mut self, v: &Spanned<T>) -> Option<()> {
        let span = v.span();
        self.u32(span.start)?;
        self.u32(span.end)
    }

    fn spanned_str(&mut self, v: &Spanned<String>) -> Option<()> {
        self.span(v)?;
        self.str(v.get_ref())
    }

    fn spanned_date(&mut self, v: &Spanned<Datetime>) -> Option<()> {
        self.span(v)?;
        let d = v.get_ref();
        self.opt(d.date.as_ref(), |e, x| {
            e.0.extend_from_slice(&x.year.to_le_bytes());
            e.0.extend_from_slice(&[x.month, x.day]);
            Some(())
        })?;
        self.opt(d.time.as_ref(), |e, t| {
            e.0.extend_from_slice(&[t.hour, t.minute]);
            e.opt(t.second.as_ref(), |e, s| {
                e.u8(*s);
                Some(())
            })?;
            e.opt(t.nanosecond.as_ref(), |e, n| e.u32(*n as usize))
        })?;
        self.opt(d.offset.as_ref(), |e, o| {
            match o {
                Offset::Z => e.u8(0),
                Offset::Custom { minutes } => {
                    e.u8(1);
                    e.0.extend_from_slice(&minutes.to_le_bytes());
                }
            }
            Some(())
        })
    }

    fn opt<T: ?Sized>(
        &mut self,
        v: Option<&T>,
        f: impl FnOnce(&mut Self, &T) -> Option<()>,
    ) -> Option<()> {
        match v {
            Some(x) => {
                self.u8(1);
                f(self, x)
            }
            None => {
                self.u8(0);
                Some(())
            }
        }
    }

    fn list<T>(&mut self, v: &[T], mut f: impl FnMut(&mut Self, &T) -> Option<()>) -> Option<()> {
        self.u32(v.len())?;
        v.iter().try_for_each(|x| f(self, x))
    }
}

/// Reads what [`Enc`] wrote; `None` at the end of the bytes or on a value that cannot be.
struct Dec<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Dec<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let part = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(part)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn bool(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }

    fn u32(&mut self) -> Option<usize> {
        let n = u32::from_le_bytes(self.take(4)?.try_into().ok()?);
        usize::try_from(n).ok()
    }

    fn string(&mut self) -> Option<String> {
        let n = self.u32()?;
        simdutf8::basic::from_utf8(self.take(n)?)
            .ok()
            .map(str::to_owned)
    }

    fn span(&mut self) -> Option<std::ops::Range<usize>> {
        let (start, end) = (self.u32()?, self.u32()?);
        (start <= end).then_some(start..end)
    }

    fn spanned_str(&mut self) -> Option<Spanned<String>> {
        let span = self.span()?;
        Some(Spanned::new(span, self.string()?))
    }

    fn spanned_date(&mut self) -> Option<Spanned<Datetime>> {
        let span = self.span()?;
        let date = self.opt(|d| {
            Some(Date {
                year: d.u16()?,
                month: d.u8()?,
                day: d.u8()?,
            })
        })?;
        let time = self.opt(|d| {
            Some(Time {
                hour: d.u8()?,
                minute: d.u8()?,
                second: d.opt(Dec::u8)?,
                nanosecond: d.opt(|d| u32::try_from(d.u32()?).ok())?,
            })
        })?;
        let offset = self.opt(|d| match d.u8()? {
            0 => Some(Offset::Z),
            1 => Some(Offset::Custom {
                minutes: i16::from_le_bytes(d.take(2)?.try_into().ok()?),
            }),
            _ => None,
        })?;
        Some(Spanned::new(span, Datetime { date, time, offset }))
    }

    /// An optional value: `Some(None)` when it is absent, `None` when the bytes are wrong.
    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.u8()? {
            0 => Some(None),
            1 => f(self).map(Some),
            _ => None,
        }
    }

    fn list<T>(&mut self, mut f: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.u32()?;
        // Each item takes at least one byte: a damaged count cannot reserve more than is there.
        let mut out = Vec::with_capacity(n.min(self.bytes.len() - self.at));
        for _ in 0..n {
            out.push(f(self)?);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(front: &str) -> FrontMatter {
        toml::from_str(front).unwrap()
    }

    const FULL: &str = r#"
title = "Land fördert \"Radwege\""
date = 2024-03-05T10:30:00+01:00
subtitle = "Zweite Zeile"
kicker = "Verkehr"
number = "12/2024"
joint = true
issuers = ["Ministerium A", "Ministerium B"]
programmes = ["radwege", "laendlicher-raum"]
municipalities = ["loeffingen"]
location = "Stuttgart"
summary = "Kurz."
draft = true
embargo = 2024-03-05T08:00:00Z
updated = 2024-03-06
change_note = "Zahl korrigiert"
slug = "eigener-slug"
aliases = ["/alt/", "/aelter/"]
image = { src = "bild.jpg", alt = "Ein Bild", caption = "Unterschrift", credit = "Foto: X" }
attachments = [{ title = "Bescheid", file = "bescheid.pdf" }]
contacts = [{ name = "Erika Muster", role = "Sprecherin", phone = "0711 1", email = "e@example.org" }]
event = { name = "Spatenstich", start = 2024-04-01T09:15:30.25, end = 2024-04-01T11:00:00-05:30, place = "Rathaus" }
withdrawn = { date = 2024-05-01, reason = "Doppelt" }
changes = [{ date = 2024-03-06, note = "Zahl" }, { date = 2024-03-07T12:00:00Z, note = "Ort" }]
"#;

    #[test]
    fn a_front_matter_comes_back_as_it_was_parsed_spans_included() {
        for front in [
            FULL,
            "title = \"T\"\ndate = 2020-01-01\n",
            "title = \"\"\ndate = 10:00:00\n",
        ] {
            let fm = parse(front);
            let bytes = encode(&fm).unwrap();
            let back = decode(&bytes).unwrap();
            assert_eq!(format!("{back:?}"), format!("{fm:?}"));
        }
    }

    #[test]
    fn free_form_values_are_not_kept_and_damaged_bytes_are_not_read() {
        assert!(encode(&parse(
            "title = \"T\"\ndate = 2020-01-01\nextra = { a = 1 }\n"
        ))
        .is_none());
        let bytes = encode(&parse(FULL)).unwrap();
        for cut in [0, 1, 7, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_none(), "{cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_none());
        let mut other = bytes;
        other[0] = FORMAT + 1;
        assert!(decode(&other).is_none());
    }
}
