//! Events and registrations: kinds, formats, who may sign up, and how a staff form becomes a
//! checked [`EventInput`]. Pure and shared by browser and server.

use crate::accounts::model::Email;
use crate::codes::code_enum;
use crate::error::AppError;
use crate::i18n::Key;
use crate::time::{from_local, parse_local, Local};
use serde::{Deserialize, Serialize};

code_enum! {
    pub enum EventKind {
        Masterclass = "masterclass" => EventKindMasterclass,
        Workshop = "workshop" => EventKindWorkshop,
        Webinar = "webinar" => EventKindWebinar,
        NetworkMeeting = "network" => EventKindNetwork,
        CompanyVisit = "visit" => EventKindVisit,
    }
}

code_enum! {
    pub enum EventFormat {
        Physical = "physical" => EventFormatPhysical,
        Online = "online" => EventFormatOnline,
        Hybrid = "hybrid" => EventFormatHybrid,
    }
}

code_enum! {
    pub enum Eligibility {
        Open = "open" => EligibilityOpen,
        Assessed = "assessed" => EligibilityAssessed,
        Invitation = "invitation" => EligibilityInvitation,
    }
}

code_enum! {
    pub enum EventStatus {
        Draft = "draft" => EventStatusDraft,
        Published = "published" => EventStatusPublished,
        Cancelled = "cancelled" => EventStatusCancelled,
    }
}

code_enum! {
    pub enum RegistrationStatus {
        Unconfirmed = "unconfirmed" => RegistrationUnconfirmed,
        Confirmed = "confirmed" => RegistrationConfirmed,
        Waiting = "waiting" => RegistrationWaiting,
        Cancelled = "cancelled" => RegistrationCancelled,
    }
}

/// One session of an event (a multi-day masterclass has several).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub starts_at: i64,
    pub ends_at: i64,
}

/// How many session rows the staff form offers.
pub const MAX_SESSIONS: usize = 4;

/// An event as staff enter it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventInput {
    pub kind: String,
    pub title_nl: String,
    pub title_en: String,
    pub description_nl: String,
    pub description_en: String,
    pub themes: Vec<String>,
    pub speakers: String,
    pub format: String,
    pub location: String,
    pub online_link: String,
    pub capacity: i32,
    pub per_organisation_limit: Option<i32>,
    pub registration_deadline: i64,
    pub language: String,
    pub eligibility: String,
    pub sessions: Vec<Session>,
    /// Lower-case addresses invited (for invitation-only events).
    pub invites: Vec<String>,
}

fn one<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    crate::text::posted(fields, name)
}

fn text(value: &str, field: &str, min: usize, max: usize, key: Key) -> Result<String, AppError> {
    crate::text::multi_line_field(value, field, min, max, key)
}

impl EventInput {
    /// Checks the staff form. `known_themes` are the transition keys that exist.
    pub fn from_form(
        fields: &[(String, String)],
        known_themes: &[String],
    ) -> Result<EventInput, AppError> {
        let kind = one(fields, "kind");
        EventKind::parse(kind).ok_or_else(|| AppError::field("kind", Key::ErrChoiceInvalid))?;
        let title_nl = text(
            one(fields, "title_nl"),
            "title_nl",
            3,
            200,
            Key::ErrEventTitle,
        )?;
        let title_en = match one(fields, "title_en") {
            "" => title_nl.clone(),
            t => text(t, "title_en", 3, 200, Key::ErrEventTitle)?,
        };
        let description_nl = text(
            one(fields, "description_nl"),
            "description_nl",
            0,
            8000,
            Key::ErrEventDescription,
        )?;
        let description_en = text(
            one(fields, "description_en"),
            "description_en",
            0,
            8000,
            Key::ErrEventDescription,
        )?;
        let themes: Vec<String> = fields
            .iter()
            .filter(|(k, v)| k == "themes" && !v.is_empty())
            .map(|(_, v)| v.clone())
            .collect();
        if themes.iter().any(|t| !known_themes.contains(t)) {
            return Err(AppError::field("themes", Key::ErrChoiceInvalid));
        }
        let speakers = text(
            one(fields, "speakers"),
            "speakers",
            0,
            1000,
            Key::ErrEventDescription,
        )?;
        let format = one(fields, "format");
        let format_kind = EventFormat::parse(format)
            .ok_or_else(|| AppError::field("format", Key::ErrChoiceInvalid))?;
        let location = text(
            one(fields, "location"),
            "location",
            0,
            300,
            Key::ErrEventLocation,
        )?;
        let online_link = one(fields, "online_link").to_string();
        if format_kind != EventFormat::Online && location.is_empty() {
            return Err(AppError::field("location", Key::ErrEventLocation));
        }
        if format_kind != EventFormat::Physical
            && !crate::providers::model::is_web_address(&online_link)
        {
            return Err(AppError::field("online_link", Key::ErrEventOnlineLink));
        }
        if !online_link.is_empty() && !crate::providers::model::is_web_address(&online_link) {
            return Err(AppError::field("online_link", Key::ErrEventOnlineLink));
        }
        let capacity: i32 = one(fields, "capacity")
            .parse()
            .ok()
            .filter(|c| (1..=5000).contains(c))
            .ok_or_else(|| AppError::field("capacity", Key::ErrEventCapacity))?;
        let per_organisation_limit = match one(fields, "per_organisation_limit") {
            "" => None,
            v => Some(
                v.parse::<i32>()
                    .ok()
                    .filter(|n| (1..=capacity).contains(n))
                    .ok_or_else(|| {
                        AppError::field("per_organisation_limit", Key::ErrEventCapacity)
                    })?,
            ),
        };
        let language = one(fields, "language");
        if !matches!(language, "nl" | "en") {
            return Err(AppError::field("language", Key::ErrChoiceInvalid));
        }
        let eligibility = one(fields, "eligibility");
        Eligibility::parse(eligibility)
            .ok_or_else(|| AppError::field("eligibility", Key::ErrChoiceInvalid))?;

        let mut sessions = Vec::new();
        for n in 1..=MAX_SESSIONS {
            let date = one(fields, &format!("session{n}_date"));
            let start = one(fields, &format!("session{n}_start"));
            let end = one(fields, &format!("session{n}_end"));
            if date.is_empty() && start.is_empty() && end.is_empty() {
                continue;
            }
            let field = format!("session{n}_date");
            let bad = || AppError::field(&field, Key::ErrEventSession);
            let moment = |time: &str| parse_local(date, time).and_then(from_local);
            let session = Session {
                starts_at: moment(start).ok_or_else(bad)?,
                ends_at: moment(end).ok_or_else(bad)?,
            };
            if session.ends_at <= session.starts_at {
                return Err(bad());
            }
            sessions.push(session);
        }
        if sessions.is_empty() {
            return Err(AppError::field(
                "session1_date",
                Key::ErrEventSessionMissing,
            ));
        }
        sessions.sort_by_key(|s| s.starts_at);
        let registration_deadline =
            match (one(fields, "deadline_date"), one(fields, "deadline_time")) {
                ("", _) => sessions[0].starts_at,
                (date, time) => parse_local(date, if time.is_empty() { "23:59" } else { time })
                    .and_then(from_local)
                    .ok_or_else(|| AppError::field("deadline_date", Key::ErrEventDeadline))?,
            };
        if registration_deadline > sessions[0].starts_at {
            return Err(AppError::field("deadline_date", Key::ErrEventDeadline));
        }
        let mut invites = Vec::new();
        for line in one(fields, "invites").split(['\n', ',', ';']) {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let email =
                Email::parse(line).map_err(|_| AppError::field("invites", Key::ErrEventInvites))?;
            if !invites.contains(&email.as_str().to_string()) {
                invites.push(email.as_str().to_string());
            }
        }
        Ok(EventInput {
            kind: kind.to_string(),
            title_nl,
            title_en,
            description_nl,
            description_en,
            themes,
            speakers,
            format: format.to_string(),
            location,
            online_link,
            capacity,
            per_organisation_limit,
            registration_deadline,
            language: language.to_string(),
            eligibility: eligibility.to_string(),
            sessions,
            invites,
        })
    }
}

/// Why someone may not sign up, checked before any seat is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignUpFacts {
    pub status: EventStatus,
    pub eligibility: Eligibility,
    pub deadline: i64,
    pub now: i64,
    pub already_signed_up: bool,
    pub has_final_assessment: bool,
    pub invited: bool,
    /// Active registrations of the same organisation, and the event's limit per organisation.
    pub organisation_count: u64,
    pub per_organisation_limit: Option<i32>,
}

/// The first reason a sign-up is refused, as the message to show.
pub fn check_sign_up(f: &SignUpFacts) -> Result<(), Key> {
    match f.status {
        EventStatus::Draft => return Err(Key::ErrEventNotOpen),
        EventStatus::Cancelled => return Err(Key::ErrEventCancelled),
        EventStatus::Published => {}
    }
    if f.now > f.deadline {
        return Err(Key::ErrEventDeadlinePassed);
    }
    if f.already_signed_up {
        return Err(Key::ErrEventAlreadySignedUp);
    }
    match f.eligibility {
        Eligibility::Open => {}
        Eligibility::Assessed if f.has_final_assessment => {}
        Eligibility::Assessed => return Err(Key::ErrEventNeedsAssessment),
        Eligibility::Invitation if f.invited => {}
        Eligibility::Invitation => return Err(Key::ErrEventInvitationOnly),
    }
    if let Some(limit) = f.per_organisation_limit {
        if f.organisation_count >= limit.max(0) as u64 {
            return Err(Key::ErrEventOrganisationLimit);
        }
    }
    Ok(())
}

/// A session's date and times in Amsterdam, e.g. ("03-12-2026", "14:00", "17:00").
pub fn session_text(s: &Session) -> (String, String, String) {
    let start: Local = crate::time::to_local(s.starts_at);
    let end = crate::time::to_local(s.ends_at);
    (start.date_nl(), start.time(), end.time())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn base() -> Vec<(&'static str, &'static str)> {
        vec![
            ("kind", "masterclass"),
            ("title_nl", "Masterclass data in de procesindustrie"),
            ("format", "physical"),
            ("location", "Zernike Campus, Groningen"),
            ("capacity", "12"),
            ("language", "nl"),
            ("eligibility", "open"),
            ("themes", "data"),
            ("session1_date", "2026-12-10"),
            ("session1_start", "13:30"),
            ("session1_end", "17:00"),
            ("session2_date", "2026-12-03"),
            ("session2_start", "13:30"),
            ("session2_end", "17:00"),
        ]
    }

    fn with(extra: &[(&'static str, &'static str)]) -> Vec<(String, String)> {
        let mut all: Vec<_> = base()
            .into_iter()
            .filter(|(k, _)| !extra.iter().any(|(e, _)| e == k))
            .collect();
        all.extend_from_slice(extra);
        form(&all)
    }

    fn known() -> Vec<String> {
        vec!["data".to_string()]
    }

    #[test]
    fn a_two_day_masterclass() {
        let e = EventInput::from_form(&with(&[]), &known()).unwrap();
        assert_eq!(e.sessions.len(), 2);
        // Sorted, in Amsterdam time (CET in December: 13:30 local is 12:30 UTC).
        assert_eq!(e.sessions[0].starts_at, 1_796_301_000);
        assert_eq!(e.registration_deadline, e.sessions[0].starts_at);
        assert_eq!(e.title_en, e.title_nl, "English title falls back to Dutch");
    }

    #[test]
    fn bad_forms_name_their_field() {
        let field = |extra: &[(&'static str, &'static str)]| match EventInput::from_form(
            &with(extra),
            &known(),
        ) {
            Err(AppError::Invalid { field, key }) => (field.unwrap_or_default(), key),
            other => panic!("{other:?}"),
        };
        assert_eq!(field(&[("capacity", "0")]).0, "capacity");
        assert_eq!(field(&[("capacity", "veel")]).0, "capacity");
        assert_eq!(field(&[("session1_end", "12:00")]).0, "session1_date");
        assert_eq!(field(&[("format", "online")]).0, "online_link");
        assert_eq!(
            field(&[("online_link", "javascript:alert(1)"), ("format", "hybrid")]).0,
            "online_link"
        );
        assert_eq!(field(&[("themes", "astrology")]).0, "themes");
        assert_eq!(
            field(&[("deadline_date", "2026-12-20")]).1,
            Key::ErrEventDeadline
        );
        assert_eq!(field(&[("invites", "a@b.nl\nnot-an-address")]).0, "invites");
        assert_eq!(
            field(&[("per_organisation_limit", "13")]).0,
            "per_organisation_limit"
        );
        let none = form(&[
            ("kind", "webinar"),
            ("title_nl", "Webinar OEE"),
            ("format", "online"),
            ("online_link", "https://meet.example.nl/oee"),
            ("capacity", "100"),
            ("language", "nl"),
            ("eligibility", "open"),
        ]);
        assert_eq!(
            EventInput::from_form(&none, &known()).unwrap_err().key(),
            Key::ErrEventSessionMissing
        );
    }

    fn facts() -> SignUpFacts {
        SignUpFacts {
            status: EventStatus::Published,
            eligibility: Eligibility::Open,
            deadline: 1000,
            now: 500,
            already_signed_up: false,
            has_final_assessment: false,
            invited: false,
            organisation_count: 0,
            per_organisation_limit: None,
        }
    }

    #[test]
    fn sign_up_rules() {
        assert_eq!(check_sign_up(&facts()), Ok(()));
        let f = |change: &dyn Fn(&mut SignUpFacts)| {
            let mut x = facts();
            change(&mut x);
            check_sign_up(&x)
        };
        assert_eq!(
            f(&|x| x.status = EventStatus::Draft),
            Err(Key::ErrEventNotOpen)
        );
        assert_eq!(
            f(&|x| x.status = EventStatus::Cancelled),
            Err(Key::ErrEventCancelled)
        );
        assert_eq!(f(&|x| x.now = 1001), Err(Key::ErrEventDeadlinePassed));
        assert_eq!(
            f(&|x| x.already_signed_up = true),
            Err(Key::ErrEventAlreadySignedUp)
        );
        assert_eq!(
            f(&|x| x.eligibility = Eligibility::Assessed),
            Err(Key::ErrEventNeedsAssessment)
        );
        assert_eq!(
            f(&|x| {
                x.eligibility = Eligibility::Assessed;
                x.has_final_assessment = true;
            }),
            Ok(())
        );
        assert_eq!(
            f(&|x| x.eligibility = Eligibility::Invitation),
            Err(Key::ErrEventInvitationOnly)
        );
        assert_eq!(
            f(&|x| {
                x.per_organisation_limit = Some(2);
                x.organisation_count = 2;
            }),
            Err(Key::ErrEventOrganisationLimit)
        );
    }
}
