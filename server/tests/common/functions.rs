//! Every server function with arguments it decodes: the authorization test calls each as
//! every role, the bad-input test sends each a corpus of refused text.

pub use Body::{Form, Json};

pub enum Body {
    Form(&'static [(&'static str, &'static str)]),
    Json(&'static str),
}

/// Every server function with arguments it decodes. `logout` is last: it ends the session.
pub const FUNCTIONS: &[(&str, Body)] = &[
    ("current_user", Form(&[])),
    (
        "login",
        Form(&[
            ("email", "niemand@hub.test"),
            ("password", "verkeerd-wachtwoord-1"),
            ("next", "/"),
        ]),
    ),
    (
        "register",
        Form(&[
            ("kind", "company"),
            ("name", "Test"),
            ("organisation", "Test BV"),
            ("email", "nieuw@authz.test"),
            ("password", "kort"),
        ]),
    ),
    ("verify_email", Form(&[("token", "vals")])),
    (
        "resend_verification",
        Form(&[("email", "niemand@hub.test")]),
    ),
    ("forgot_password", Form(&[("email", "niemand@hub.test")])),
    (
        "reset_password",
        Form(&[("token", "vals"), ("password", "x")]),
    ),
    ("invitation_info", Form(&[("token", "vals")])),
    (
        "accept_invitation",
        Form(&[("token", "vals"), ("name", "X"), ("password", "x")]),
    ),
    (
        "change_password",
        Form(&[("current", "verkeerd"), ("password", "x")]),
    ),
    ("delete_account", Form(&[("password", "verkeerd")])),
    ("sessions", Form(&[])),
    ("sessions/end", Form(&[("id", "0000")])),
    ("sessions/end_others", Form(&[])),
    ("invite_colleague", Form(&[("email", "collega@authz.test")])),
    ("organisation_members", Form(&[])),
    (
        "assessment/start",
        Form(&[
            ("variant", "process"),
            ("company_name", "Zuivel BV"),
            ("sector", "food"),
            ("size_class", "50-99"),
            ("province", "friesland"),
            ("respondent_role", "Plantmanager"),
        ]),
    ),
    ("assessment/overview", Form(&[("reference", "rvals")])),
    (
        "assessment/transition",
        Form(&[("reference", "rvals"), ("transition", "data")]),
    ),
    (
        "assessment/save_answer",
        Json(
            r#"{"reference":"rvals","item_key":"data.sources","current":2,"ambition":3,"not_applicable":false,"comment":""}"#,
        ),
    ),
    (
        "assessment/save_priority",
        Json(r#"{"reference":"rvals","transition":"data","priority":"high"}"#),
    ),
    ("assessment/finalise", Form(&[("reference", "rvals")])),
    ("assessment/claim", Form(&[("reference", "rvals")])),
    ("assessment/results", Form(&[("reference", "rvals")])),
    ("assessment/matches", Form(&[("reference", "rvals")])),
    (
        "assessment/mail_resume_link",
        Form(&[("reference", "rvals"), ("email", "iemand@bedrijf.test")]),
    ),
    ("plan/get", Form(&[("reference", "rvals")])),
    ("staff/plans", Form(&[])),
    (
        "plan/version",
        Form(&[("reference", "rvals"), ("number", "1")]),
    ),
    (
        "plan/request_guidance",
        Form(&[
            ("reference", "rvals"),
            ("consultant", ""),
            ("message", "Hulp bij de eerste stap"),
        ]),
    ),
    ("plan/withdraw_guidance", Form(&[("reference", "rvals")])),
    (
        "plan/log_days",
        Form(&[
            ("reference", "rvals"),
            ("day", "2026-12-01"),
            ("days", "1"),
            ("note", ""),
        ]),
    ),
    (
        "plan/add_note",
        Form(&[("reference", "rvals"), ("body", "Afspraak gemaakt")]),
    ),
    ("plan/sign_off", Form(&[("reference", "rvals")])),
    ("plan/guided", Form(&[])),
    ("plan/mine", Form(&[])),
    (
        "plan/reminders_toggle",
        Form(&[("reference", "rvals"), ("on", "off")]),
    ),
    ("staff/guidance", Form(&[])),
    (
        "staff/assign_guidance",
        Form(&[("guidance", "1"), ("consultant", "1"), ("days", "4")]),
    ),
    (
        "staff/voucher_budget",
        Form(&[("guidance", "1"), ("days", "5")]),
    ),
    ("staff/end_guidance", Form(&[("guidance", "1")])),
    (
        "staff/voucher_period",
        Form(&[
            ("name", "2027"),
            ("starts_on", "2027-01-01"),
            ("ends_on", "2027-12-31"),
            ("days", "4"),
        ]),
    ),
    (
        "plan/save_step",
        Form(&[
            ("reference", "rvals"),
            ("step", "1"),
            ("title", "Orders digitaal"),
            ("horizon", "now"),
            ("status", "planned"),
            ("owner", ""),
            ("target_date", ""),
            ("budget", ""),
            ("dropped_reason", ""),
        ]),
    ),
    (
        "plan/add_event_step",
        Form(&[("reference", "rvals"), ("event", "geen")]),
    ),
    (
        "plan/add_step",
        Form(&[
            ("reference", "rvals"),
            ("title", "Masterclass data"),
            ("transition", "data"),
            ("horizon", "now"),
        ]),
    ),
    (
        "plan/reminders",
        Form(&[
            ("reference", "rvals"),
            ("reminders", "on"),
            ("reassess_on", ""),
        ]),
    ),
    ("plan/reminders_off", Form(&[("token", "x.y.z")])),
    (
        "plan/remove_step",
        Form(&[("reference", "rvals"), ("step", "1")]),
    ),
    (
        "plan/move_step",
        Form(&[("reference", "rvals"), ("step", "1"), ("direction", "up")]),
    ),
    ("assessment/mine", Form(&[])),
    ("assessment/prefill", Form(&[])),
    ("contact/mine", Form(&[])),
    (
        "assessment/hand_over",
        Form(&[("reference", "o999"), ("email", "iemand@bedrijf.test")]),
    ),
    ("staff/assessments", Form(&[])),
    (
        "contact/target",
        Form(&[("reference", "rvals"), ("slug", "niemand")]),
    ),
    (
        "contact/send",
        Form(&[
            ("reference", "rvals"),
            ("slug", "niemand"),
            ("message", "Graag kennismaken"),
        ]),
    ),
    ("contact/inbox", Form(&[])),
    ("contact/reply", Form(&[("id", "999"), ("reply", "Dank")])),
    ("staff/requests", Form(&[])),
    (
        "staff/request_status",
        Form(&[("id", "999"), ("status", "closed")]),
    ),
    ("profile/mine", Form(&[])),
    (
        "directory/search",
        Form(&[
            ("query[q]", ""),
            ("query[kind]", ""),
            ("query[transition]", ""),
            ("query[variant]", ""),
            ("query[region]", ""),
            ("query[technology]", ""),
            ("query[sort]", ""),
            ("query[page]", "1"),
        ]),
    ),
    ("directory/profile", Form(&[("slug", "niemand")])),
    ("staff/profiles", Form(&[])),
    ("staff/profile", Form(&[("id", "999")])),
    (
        "staff/review_profile",
        Form(&[("id", "999"), ("decision", "approve"), ("reason", "")]),
    ),
    (
        "events/agenda",
        Form(&[
            ("query[kind]", ""),
            ("query[theme]", ""),
            ("query[past]", "false"),
        ]),
    ),
    ("events/suggestions", Form(&[("themes", "data")])),
    (
        "practices/list",
        Form(&[
            ("filter[transition]", "data"),
            ("filter[variant]", ""),
            ("filter[size_class]", ""),
            ("filter[province]", ""),
        ]),
    ),
    ("practices/get", Form(&[("slug", "geen")])),
    (
        "practices/suggested",
        Form(&[("themes", "data"), ("size_class", "20-49")]),
    ),
    ("staff/practices", Form(&[])),
    ("staff/practice_form", Form(&[("id", "0")])),
    (
        "staff/practice_status",
        Form(&[("id", "1"), ("action", "publish")]),
    ),
    ("staff/practice_delete", Form(&[("id", "1")])),
    (
        "staff/practice_photo_remove",
        Form(&[("id", "1"), ("hash", "00")]),
    ),
    ("events/event", Form(&[("slug", "geen")])),
    (
        "events/sign_up",
        Form(&[
            ("event_id", "999"),
            ("slug", "geen"),
            ("name", "Jan"),
            ("email", "jan@bedrijf.test"),
            ("organisation", "Bedrijf"),
            ("consent", "on"),
        ]),
    ),
    ("events/confirm", Form(&[("token", "vals")])),
    ("events/cancel_preview", Form(&[("token", "vals")])),
    ("events/cancel_by_link", Form(&[("token", "vals")])),
    (
        "events/cancel_mine",
        Form(&[("registration_id", "999"), ("back", "/")]),
    ),
    ("events/mine", Form(&[])),
    ("staff/events", Form(&[])),
    ("staff/event", Form(&[("id", "999")])),
    ("staff/event_form", Form(&[("id", "999")])),
    (
        "staff/event_action",
        Form(&[("id", "999"), ("action", "publish")]),
    ),
    (
        "staff/event_add_participant",
        Form(&[
            ("event_id", "999"),
            ("name", "Jan"),
            ("email", "jan@bedrijf.test"),
            ("organisation", "Bedrijf"),
        ]),
    ),
    (
        "staff/event_check_in",
        Form(&[
            ("event_id", "999"),
            ("registration_id", "999"),
            ("present", "1"),
        ]),
    ),
    ("staff/outbox", Form(&[])),
    ("staff/outbox/retry", Form(&[("id", "999")])),
    ("staff/companies", Form(&[("filter[search]", "")])),
    ("staff/company", Form(&[("id", "999")])),
    (
        "staff/company/note",
        Form(&[("organisation_id", "999"), ("body", "Gebeld")]),
    ),
    (
        "staff/company/dma_support_finished",
        Form(&[("organisation_id", "999")]),
    ),
    ("staff/users", Form(&[("search", ""), ("role", "")])),
    (
        "staff/users/change",
        Form(&[("user_id", "999"), ("role", "staff")]),
    ),
    ("staff/users/resend", Form(&[("user_id", "999")])),
    ("staff/audit", Form(&[("kind", "")])),
    ("staff/questionnaires", Form(&[])),
    ("staff/questionnaires/import_refusal", Form(&[])),
    (
        "staff/questionnaires/newest",
        Form(&[("variant", "Process")]),
    ),
    (
        "staff/questionnaires/step_templates",
        Form(&[("variant", "Process"), ("item", "data.analysis")]),
    ),
    ("staff/dashboard", Form(&[("filter[segment]", "Province")])),
    ("staff/indicators", Form(&[])),
    ("staff/reassessed", Form(&[])),
    ("staff/export_rows", Form(&[])),
    (
        "staff/indicators/save",
        Form(&[
            ("metric", "assessments"),
            ("label_nl", ""),
            ("label_en", ""),
            ("target", "275"),
            ("reach_target", ""),
            ("period_start", "2026-01-01"),
            ("period_end", "2026-12-31"),
        ]),
    ),
    ("staff/indicators/delete", Form(&[("id", "999")])),
    ("logout", Form(&[])),
];
