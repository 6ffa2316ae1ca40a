//! What the profile, directory and review pages receive from the server.

use super::model::{ProfileContent, ProfileKind, ProfileStatus, TransitionChoice};
use serde::{Deserialize, Serialize};

/// The owners' view of their own profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyProfile {
    pub kind: ProfileKind,
    /// `None` until the profile is first saved.
    pub slug: Option<String>,
    pub status: ProfileStatus,
    pub review_note: Option<String>,
    pub draft: ProfileContent,
    pub choices: Vec<TransitionChoice>,
}

/// A profile in a directory list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileCard {
    pub slug: String,
    pub kind: ProfileKind,
    pub name: String,
    pub pitch: String,
    pub logo_url: Option<String>,
    pub transitions: Vec<String>,
    pub regions: Vec<String>,
    pub technologies: Vec<String>,
}

impl ProfileCard {
    pub fn new(slug: String, kind: ProfileKind, c: ProfileContent) -> ProfileCard {
        ProfileCard {
            slug,
            kind,
            logo_url: c.logo_url(),
            name: c.name,
            pitch: c.pitch,
            transitions: c.transitions,
            regions: c.regions,
            technologies: c.technologies,
        }
    }
}

/// The directory's filters, as they travel in the query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    pub q: String,
    /// "", "provider" or "consultant".
    pub kind: String,
    pub transition: String,
    pub variant: String,
    pub region: String,
    pub technology: String,
    /// "name" (default) or "newest".
    pub sort: String,
    /// 1-based.
    pub page: u32,
}

pub const PAGE_SIZE: u64 = 12;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub cards: Vec<ProfileCard>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub choices: Vec<TransitionChoice>,
}

/// A published profile's public page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicProfile {
    pub id: i64,
    pub slug: String,
    pub kind: ProfileKind,
    pub content: ProfileContent,
    /// The description, as sanitised HTML.
    pub description_html: String,
    pub choices: Vec<TransitionChoice>,
    pub published_at: i64,
}

/// A profile in the staff's review list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub id: i64,
    pub kind: ProfileKind,
    pub name: String,
    pub slug: String,
    pub status: ProfileStatus,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
}

/// One profile as staff review it: the proposed draft beside what is published now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewDetail {
    pub id: i64,
    pub kind: ProfileKind,
    pub slug: String,
    pub status: ProfileStatus,
    pub review_note: Option<String>,
    pub draft: ProfileContent,
    pub draft_html: String,
    pub published: Option<ProfileContent>,
    pub choices: Vec<TransitionChoice>,
}
