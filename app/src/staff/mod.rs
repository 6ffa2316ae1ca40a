//! The hub staff's workspace. For now: the e-mail outbox, so the platform is usable without
//! an SMTP server (staff read the verification and reset mails there).

pub mod api;
pub mod pages;
