//! SeaORM entities, one module per table (see the `migrations` crate for the schema).

pub mod setting {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "setting")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub value: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod organisation {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "organisation")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub kind: String,
        pub name: String,
        pub created_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod user_account {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "user_account")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        #[sea_orm(unique)]
        pub email: String,
        pub password_hash: String,
        pub display_name: String,
        pub role: String,
        pub organisation_id: Option<i64>,
        pub locale: String,
        pub email_verified_at: Option<i64>,
        pub active: bool,
        pub created_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod session {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "session")]
    pub struct Model {
        /// SHA-256 of the cookie value: a copy of the table does not hand out live sessions.
        #[sea_orm(primary_key, auto_increment = false)]
        pub id_hash: String,
        pub user_id: i64,
        pub created_at: i64,
        /// Absolute end, set at log-in by role.
        pub expires_at: i64,
        /// Updated at most once a minute; the idle timeout counts from here.
        pub last_seen_at: i64,
        /// "Firefox on Windows": what the "your sessions" list shows.
        pub user_agent: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod invitation {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "invitation")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub organisation_id: i64,
        pub email: String,
        pub token_hash: String,
        pub invited_by: i64,
        pub created_at: i64,
        pub expires_at: i64,
        pub accepted_at: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod email_outbox {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "email_outbox")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub recipient: String,
        pub subject: String,
        pub body_text: String,
        /// `pending`, `sent` or `failed` (gave up after the last retry).
        pub status: String,
        pub attempts: i32,
        pub next_attempt_at: i64,
        /// Set while one server process is sending it, so no other process sends it too.
        pub locked_until: Option<i64>,
        pub last_error: Option<String>,
        pub created_at: i64,
        pub sent_at: Option<i64>,
        pub attachment_name: Option<String>,
        pub attachment_type: Option<String>,
        pub attachment_body: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod questionnaire_version {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "questionnaire_version")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub variant: String,
        pub version: i32,
        /// The parsed questionnaire as JSON: an answer refers to this row forever.
        pub content: String,
        pub content_hash: String,
        pub created_at: i64,
        /// The staff member who published this version; `None` for versions from the files.
        pub published_by: Option<i64>,
        pub change_note: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod assessment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "assessment")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        /// SHA-256 of the secret resume token (the token itself is only in the resume link).
        pub resume_token_hash: String,
        pub organisation_id: Option<i64>,
        pub created_by: Option<i64>,
        pub questionnaire_version_id: i64,
        pub variant: String,
        pub company_name: String,
        pub sector: String,
        pub size_class: String,
        pub province: String,
        pub respondent_role: String,
        /// `draft` or `final`.
        pub status: String,
        pub created_at: i64,
        pub updated_at: i64,
        pub finalised_at: Option<i64>,
        /// Passed the plausibility gate at finalising: counts in benchmarks and figures.
        pub counted: bool,
        /// A DMA prefilled from this Smart Factory Assessment (`assessment::dma_prefill`).
        pub prefilled_from: Option<i64>,
        /// The overall current score (0-100) shown on the results page, stored at finalising.
        pub overall_score: Option<i16>,
        /// The EU DMA's company data (`assessment::company_data`); `None` where not given.
        pub employees: Option<i32>,
        pub sbi_code: Option<String>,
        pub enterprise_id: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod assessment_answer {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "assessment_answer")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub assessment_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub item_key: String,
        pub current_level: Option<i16>,
        pub ambition_level: Option<i16>,
        pub not_applicable: bool,
        pub comment: String,
        /// The logged-in user who gave this answer, if any (staff-assisted assessments).
        pub answered_by: Option<i64>,
        pub updated_at: i64,
        /// A typed question's answer as JSON (`question_kind::AnswerValue`); `None` for levels.
        pub answer_value: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod assessment_priority {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "assessment_priority")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub assessment_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub transition_key: String,
        pub priority: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod assessment_score {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "assessment_score")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub assessment_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub transition_key: String,
        pub current_score: i16,
        pub ambition_score: i16,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod provider_profile {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "provider_profile")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub kind: String,
        pub organisation_id: Option<i64>,
        pub user_id: Option<i64>,
        pub slug: String,
        pub draft: String,
        pub review_state: String,
        pub review_note: Option<String>,
        pub published: Option<String>,
        pub published_at: Option<i64>,
        pub search_text: String,
        pub name_sort: String,
        pub tags: String,
        pub created_at: i64,
        pub updated_at: i64,
        pub submitted_at: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod profile_logo {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "profile_logo")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub hash: String,
        pub profile_id: i64,
        pub content_type: String,
        pub bytes: Vec<u8>,
        pub created_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod contact_request {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "contact_request")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub assessment_id: i64,
        pub company_organisation_id: i64,
        pub profile_id: i64,
        pub sender_user_id: i64,
        pub message: String,
        pub share_results: bool,
        pub results_summary: Option<String>,
        pub status: String,
        pub reply: Option<String>,
        pub created_at: i64,
        pub updated_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod event {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "event")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub slug: String,
        pub kind: String,
        pub title_nl: String,
        pub title_en: String,
        pub description_nl: String,
        pub description_en: String,
        pub themes: String,
        pub speakers: String,
        pub format: String,
        pub location: String,
        pub online_link: String,
        pub capacity: i32,
        pub seats_taken: i32,
        pub per_organisation_limit: Option<i32>,
        pub registration_deadline: i64,
        pub language: String,
        pub eligibility: String,
        pub status: String,
        pub starts_at: i64,
        pub created_at: i64,
        pub updated_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod event_session {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "event_session")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub event_id: i64,
        pub starts_at: i64,
        pub ends_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod event_registration {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "event_registration")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub event_id: i64,
        pub user_id: Option<i64>,
        pub organisation_id: Option<i64>,
        pub name: String,
        pub email: String,
        pub organisation_name: String,
        pub status: String,
        pub created_at: i64,
        pub confirmed_at: Option<i64>,
        pub cancelled_at: Option<i64>,
        pub checked_in_at: Option<i64>,
        pub reminder_sent_at: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod event_invite {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "event_invite")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub event_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub email: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod audit_log {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_log")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub actor_id: Option<i64>,
        pub actor_name: String,
        pub action: String,
        pub subject_kind: String,
        pub subject_id: Option<i64>,
        pub before: Option<String>,
        pub after: Option<String>,
        pub at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod staff_note {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "staff_note")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub organisation_id: i64,
        pub author_id: Option<i64>,
        pub author_name: String,
        pub body: String,
        pub created_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod programme_indicator {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "programme_indicator")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub metric: String,
        pub label_nl: String,
        pub label_en: String,
        pub target: i32,
        /// A second target some indicators carry: companies or participants reached.
        pub reach_target: Option<i32>,
        pub period_start: i64,
        pub period_end: i64,
        pub created_at: i64,
        pub updated_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod rate_limit {
    use sea_orm::entity::prelude::*;

    /// One bucket of a rate limit (`db::rate_limit`): when it is full again, in milliseconds.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "rate_limit")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub bucket: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub tat: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod retired_resume_link {
    use sea_orm::entity::prelude::*;

    /// A resume link that no longer opens its assessment: the assessment moved into a
    /// company's account. Kept so the old link can say so.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "retired_resume_link")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub token_hash: String,
        pub assessment_id: i64,
        pub retired_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod login_throttle {
    use sea_orm::entity::prelude::*;

    /// Failed log-ins counted for one key (an account and address pair, an address, or an
    /// account), and until when the next attempt must wait (`accounts::throttle`).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "login_throttle")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub failures: i32,
        pub last_at: i64,
        pub blocked_until: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod kept_form {
    use sea_orm::entity::prelude::*;

    /// The fields of a refused plain form post, kept for the page it returns to
    /// (`multipart::kept`). `key_hash` is the SHA-256 of the key in the browser's cookie.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "kept_form")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub key_hash: String,
        pub page: String,
        pub user_id: Option<i64>,
        /// JSON: the form's (name, value) pairs in order.
        pub fields: String,
        pub expires_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod plan {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "plan")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        #[sea_orm(unique)]
        pub assessment_id: i64,
        pub step_count: i32,
        pub followups_sent: i32,
        pub next_followup_at: Option<i64>,
        pub followups_off: bool,
        /// `YYYY-MM-DD`: when the company is invited to repeat the assessment.
        pub reassess_on: Option<String>,
        pub created_at: i64,
        pub updated_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod plan_step {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "plan_step")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub plan_id: i64,
        pub position: i32,
        pub transition_key: String,
        pub item_key: Option<String>,
        pub title: Option<String>,
        pub goal_nl: Option<String>,
        pub goal_en: Option<String>,
        pub from_level: Option<i16>,
        pub to_level: Option<i16>,
        pub horizon: String,
        pub status: String,
        pub owner: String,
        pub target_date: Option<String>,
        pub budget: Option<String>,
        pub dropped_reason: String,
        pub created_at: i64,
        pub updated_at: i64,
        /// The event this step is (a masterclass added from the plan), if it is one.
        pub event_id: Option<i64>,
        /// Staff's advice for the company's size class when the step was drafted.
        pub advice_nl: Option<String>,
        pub advice_en: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod plan_change {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "plan_change")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub plan_id: i64,
        pub at: i64,
        pub user_id: Option<i64>,
        pub who: Option<String>,
        pub kind: String,
        pub step_title: String,
        /// Comma-separated codes of the fields an edit changed.
        pub fields: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod plan_guidance {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "plan_guidance")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub plan_id: i64,
        /// The plan's id while open, NULL once ended (unique: one open guidance per plan).
        #[sea_orm(unique)]
        pub open_plan_id: Option<i64>,
        pub state: String,
        pub requested_at: i64,
        pub requested_by: Option<i64>,
        pub requested_by_name: String,
        pub message: String,
        pub preferred_profile_id: Option<i64>,
        pub consultant_profile_id: Option<i64>,
        pub consultant_user_id: Option<i64>,
        pub consultant_name: Option<String>,
        pub assigned_at: Option<i64>,
        pub period: Option<String>,
        pub budget_half_days: i32,
        pub used_half_days: i32,
        pub company_signed_change: Option<i64>,
        pub company_signed_by: Option<String>,
        pub consultant_signed_change: Option<i64>,
        pub consultant_signed_by: Option<String>,
        pub ended_at: Option<i64>,
        pub updated_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod plan_work_log {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "plan_work_log")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub guidance_id: i64,
        pub user_id: Option<i64>,
        pub who: String,
        /// `YYYY-MM-DD`: the day the work was done.
        pub day: String,
        pub half_days: i32,
        pub note: String,
        pub created_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod plan_note {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "plan_note")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub plan_id: i64,
        pub user_id: Option<i64>,
        pub who: String,
        pub side: String,
        pub body: String,
        pub created_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod plan_version {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "plan_version")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub plan_id: i64,
        pub number: i32,
        pub change_id: i64,
        pub agreed_at: i64,
        pub company_signed_by: String,
        pub consultant_signed_by: String,
        /// The steps as agreed, as JSON.
        pub steps: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod voucher_period {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "voucher_period")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        #[sea_orm(unique)]
        pub name: String,
        pub starts_on: String,
        pub ends_on: String,
        pub default_half_days: i32,
        pub created_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod best_practice {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "best_practice")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub slug: String,
        pub status: String,
        pub title_nl: String,
        pub title_en: String,
        pub company_name: String,
        pub variant: String,
        pub size_class: String,
        pub province: String,
        pub transitions: String,
        pub profiles: String,
        pub before_nl: String,
        pub before_en: String,
        pub done_nl: String,
        pub done_en: String,
        pub result_nl: String,
        pub result_en: String,
        pub photo_count: i32,
        pub created_at: i64,
        pub updated_at: i64,
        pub published_at: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod practice_photo {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "practice_photo")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub practice_id: i64,
        pub hash: String,
        pub bytes: Vec<u8>,
        pub created_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod dma_support {
    use sea_orm::entity::prelude::*;

    /// A company's support by the hub, finished: the company is invited to take the EU DMA
    /// again (T1). `invited_at` is set when the invitation went out (once).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "dma_support")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub organisation_id: i64,
        pub finished_at: i64,
        pub finished_by: Option<i64>,
        pub invited_at: Option<i64>,
        /// How many members the invitation was mailed to.
        pub invited: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
