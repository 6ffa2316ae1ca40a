//! Every page by its route name, in the groups a visitor meets them: public pages, the
//! assessment itself, member pages and the staff workspace. `shell::App` maps paths to these.
//!
//! Pages are rendered on the server only (Leptos islands): their code never reaches the
//! browser. What needs Rust in the browser (the questionnaire's runner, the overview's
//! "Finalise") is an `#[island]`, and only islands are compiled into the WASM, which only a
//! page with an island downloads. Smaller behaviours (file-upload forms, filters, the check-in
//! filter, print and copy buttons) are a few lines of inline script (docs/architecture.md).

// Public pages
pub use crate::accounts::pages::CheckEmailPage as CheckEmail;
pub use crate::accounts::pages::ForgotPasswordPage as ForgotPassword;
pub use crate::accounts::pages::LoginPage as Login;
pub use crate::accounts::pages::RegisterPage as Register;
pub use crate::accounts::pages::ResetPasswordPage as ResetPassword;
pub use crate::accounts::pages::VerifyEmailPage as VerifyEmail;
pub use crate::assessment::pages::AssessmentHome as AssessmentStart;
pub use crate::events::pages::AgendaPage as Agenda;
pub use crate::events::pages::EventCancelPage as SignUpCancel;
pub use crate::events::pages::EventConfirmPage as SignUpConfirm;
pub use crate::events::pages::EventDetailPage as EventDetail;
pub use crate::practices::pages::PracticePageView as Practice;
pub use crate::practices::pages::PracticesPage as Practices;
pub use crate::providers::pages::DirectoryPage as Directory;
pub use crate::providers::pages::PublicProfilePage as PublicProfile;

// The assessment
pub use crate::assessment::pages::OverviewPage as AssessmentOverview;
pub use crate::assessment::transition_pages::TransitionPage as AssessmentTransition;
pub use crate::contact::pages::ContactPage as Contact;
pub use crate::matching::pages::MatchesPage as Matches;
pub use crate::plan::guidance_pages::VersionPage as PlanVersion;
pub use crate::plan::pages::PlanPage as Plan;
pub use crate::plan::pages::RemindersOffPage as PlanRemindersOff;
pub use crate::results::pages::ResultsPage as AssessmentResults;

// Member pages
pub use crate::accounts::pages::InvitePage as Invite;
pub use crate::contact::pages::InboxPage as ProfileInbox;
pub use crate::my_account::pages::AccountPage as Account;
pub use crate::plan::guidance_pages::GuidedPage as Guided;
pub use crate::providers::edit_pages::ProfileEditPage as ProfileEdit;

// Staff workspace
pub use crate::analytics::pages::DashboardPage as StaffDashboard;
pub use crate::analytics::pages::FiguresPage as StaffFigures;
pub use crate::assessment::staff_pages::StaffAssessmentsPage as StaffAssessments;
pub use crate::contact::pages::StaffRequestsPage as StaffRequests;
pub use crate::events::staff_pages::CheckInPage as StaffCheckIn;
pub use crate::events::staff_pages::StaffEventEditPage as StaffEventEdit;
pub use crate::events::staff_pages::StaffEventPage as StaffEvent;
pub use crate::events::staff_pages::StaffEventsPage as StaffEvents;
pub use crate::plan::guidance_pages::StaffGuidancePage as StaffGuidance;
pub use crate::plan::staff_pages::StaffPlansPage as StaffPlans;
pub use crate::practices::staff_pages::StaffPracticeEditPage as StaffPracticeEdit;
pub use crate::practices::staff_pages::StaffPracticesPage as StaffPractices;
pub use crate::providers::staff_pages::ReviewListPage as StaffProfiles;
pub use crate::providers::staff_pages::ReviewPage as StaffProfileReview;
pub use crate::staff::account_pages::AuditPage as StaffAudit;
pub use crate::staff::account_pages::UsersPage as StaffUsers;
pub use crate::staff::company_pages::CompaniesPage as StaffCompanies;
pub use crate::staff::company_pages::CompanyPage as StaffCompany;
pub use crate::staff::pages::ExportsPage as StaffExports;
pub use crate::staff::pages::OutboxPage as StaffOutbox;
pub use crate::staff::questionnaire_pages::QuestionnaireEditPage as StaffQuestionnaireEdit;
pub use crate::staff::questionnaire_pages::QuestionnaireImportPage as StaffQuestionnaireImport;
pub use crate::staff::questionnaire_pages::QuestionnairesPage as StaffQuestionnaires;
pub use crate::staff::step_pages::StepTemplatePage as StaffStepTemplate;
pub use crate::staff::step_pages::StepTemplatesPage as StaffStepTemplates;
