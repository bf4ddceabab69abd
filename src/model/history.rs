//! A release's withdrawal (`[withdrawn]`) and public change history (`[[changes]]`, and
//! `updated` with its `change_note`), read from the front matter and checked: no empty reason
//! or note, no date before the release's own.

use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

use super::dates::{Accept, DateValue};
use super::Checker;
use crate::diag::{Diagnostics, Msg};
use crate::msg;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWithdrawn {
    pub(super) date: Spanned<Datetime>,
    pub(super) reason: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChange {
    pub(super) date: Spanned<Datetime>,
    pub(super) note: Spanned<String>,
}

/// Why and when a release was withdrawn: its page stays, with a banner.
#[derive(Debug, Clone)]
pub struct Withdrawal {
    /// When.
    pub date: DateValue,
    /// Why, as the office wrote it.
    pub reason: String,
}

/// One entry of a release's public change history.
#[derive(Debug, Clone)]
pub struct Change {
    /// When the release was changed.
    pub date: DateValue,
    /// What changed.
    pub note: String,
}

/// The checked `withdrawn` table.
pub(super) fn withdrawal(
    c: &Checker<'_>,
    w: &RawWithdrawn,
    release: Option<&DateValue>,
    off: usize,
    diags: &mut Diagnostics,
) -> Option<Withdrawal> {
    let key = || msg!("key-withdrawn-date").into();
    let date = c.date(&w.date, off, key, Accept::DateOrInstant, diags)?;
    let at = crate::model::shift(w.date.span(), off);
    if before_release(c, Before::Withdrawal, &date, release, at, diags) {
        return None;
    }
    let reason = w.reason.get_ref().trim();
    if reason.is_empty() {
        diags.push(
            c.error(
                crate::model::shift(w.reason.span(), off),
                msg!("history-reason-empty"),
            )
            .with_help(msg!("history-reason-empty-help")),
        );
        return None;
    }
    Some(Withdrawal {
        date,
        reason: reason.to_string(),
    })
}

/// The public change history: every `[[changes]]` entry and `updated` with its
/// `change_note`, newest first; `None` when an entry is broken.
pub(super) fn history(
    c: &Checker<'_>,
    raw_changes: &[RawChange],
    change_note: Option<&String>,
    release: Option<&DateValue>,
    updated: Option<&DateValue>,
    off: usize,
    diags: &mut Diagnostics,
) -> Option<Vec<Change>> {
    let mut changes = Vec::new();
    let mut ok = true;
    for raw in raw_changes {
        let key = || msg!("key-change-date").into();
        let date = c.date(&raw.date, off, key, Accept::DateOrInstant, diags);
        let note = raw.note.get_ref().trim();
        if note.is_empty() {
            diags.push(
                c.error(
                    crate::model::shift(raw.note.span(), off),
                    msg!("history-note-empty"),
                )
                .with_help(msg!("history-note-empty-help")),
            );
            ok = false;
        }
        let at = crate::model::shift(raw.date.span(), off);
        match date {
            Some(d) if before_release(c, Before::Change, &d, release, at, diags) => ok = false,
            Some(date) if ok => changes.push(Change {
                date,
                note: note.to_string(),
            }),
            _ => ok = false,
        }
    }
    if let (Some(u), Some(note)) = (updated, change_note) {
        let listed = changes.iter().any(|c| c.date.instant == u.instant);
        if !listed {
            changes.push(Change {
                date: *u,
                note: note.trim().to_string(),
            });
        }
    }
    // Newest first; entries of one instant keep the order they were written in.
    changes.sort_by_key(|c| std::cmp::Reverse(c.date.instant));
    ok.then_some(changes)
}

/// What may not be dated before the release.
#[derive(Clone, Copy)]
enum Before {
    Withdrawal,
    Change,
}

/// An error when `when` (a withdrawal or change at `span`) is before the release's `date`.
fn before_release(
    c: &Checker<'_>,
    what: Before,
    when: &DateValue,
    date: Option<&DateValue>,
    span: std::ops::Range<usize>,
    diags: &mut Diagnostics,
) -> bool {
    let Some(date) = date.filter(|d| when.date < d.date) else {
        return false;
    };
    let (when, date) = (when.date.to_string(), date.date.to_string());
    let message: Msg = match what {
        Before::Withdrawal => msg!("history-withdrawal-before", when = when, date = date),
        Before::Change => msg!("history-change-before", when = when, date = date),
    };
    diags.push(
        c.error(span, message)
            .with_help(msg!("history-before-help")),
    );
    true
}
