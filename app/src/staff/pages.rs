//! Staff pages: companies and their timeline, accounts and roles, the audit log, questionnaire
//! versions and the editor, the e-mail outbox.

use super::api::*;
use super::editor::{item_field, title_field, transition_field};
use super::model::{
    AuditEntry, CompanyDetail, CompanyFilter, CompanyRow, TimelineEntry, TimelineItem, UserRow,
    VersionInfo,
};
use crate::accounts::model::Role;
use crate::analytics::model::Segment;
use crate::assessment::model::{Questionnaire, Text, Variant};
use crate::error::AppError;
use crate::i18n::{use_lang, Key, Lang};
use crate::mail::OutboxMail;
use crate::ui::Loaded;
use crate::ui::StaffNav;
use crate::ui::{
    action_error, format_date, query_value, url_error, ErrorAlert, FetchForm, FetchFormTexts,
    FormAlert, SelectField,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

fn is_admin(user: Result<Option<crate::accounts::model::CurrentUser>, AppError>) -> bool {
    matches!(user, Ok(Some(u)) if u.role.is_admin())
}

fn segment_text(lang: Lang, segment: Segment, code: Option<&str>) -> String {
    code.map(|c| {
        segment
            .value_label(c)
            .map(|k| lang.t(k).to_string())
            .unwrap_or_else(|| c.to_string())
    })
    .unwrap_or_else(|| "–".into())
}

fn role_text(lang: Lang, role: Role) -> &'static str {
    lang.t(role.label())
}

/// A `<select>` of a segment's values with "all" on top, for GET filter forms.
fn segment_select(
    lang: Lang,
    name: &'static str,
    segment: Segment,
    value: Option<String>,
) -> impl IntoView {
    let options = segment
        .values()
        .into_iter()
        .map(|code| (code.to_string(), segment_text(lang, segment, Some(code))))
        .collect::<Vec<_>>();
    view! {
        <SelectField name=name label=segment.label() empty=Key::DashboardAll options=options
            selected=value.unwrap_or_default() />
    }
}

#[component]
pub fn CompaniesPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.get();
        let pick =
            |name: &str, segment: Segment| q.get(name).filter(|v| segment.value_label(v).is_some());
        CompanyFilter {
            search: q.get("q").unwrap_or_default(),
            province: pick("province", Segment::Province),
            sector: pick("sector", Segment::Sector),
            size_class: pick("size", Segment::SizeClass),
        }
    });
    let list = Resource::new(move || filter.get(), staff_companies);
    view! {
        <Title text=lang.t(Key::CompaniesTitle) />
        <section class="container">
            <StaffNav />
            <h1>{lang.t(Key::CompaniesTitle)}</h1>
            <p class="lead">{lang.t(Key::CompaniesIntro)}</p>
            {move || {
                let f = filter.get();
                view! {
                    <form method="get" action="/staff/companies" class="filter-bar" role="search">
                        <div class="field">
                            <label for="filter-q">{lang.t(Key::CompaniesSearch)}</label>
                            <input id="filter-q" name="q" type="search" value=f.search.clone() />
                        </div>
                        {segment_select(lang, "province", Segment::Province, f.province.clone())}
                        {segment_select(lang, "sector", Segment::Sector, f.sector.clone())}
                        {segment_select(lang, "size", Segment::SizeClass, f.size_class.clone())}
                        <div class="field filter-actions">
                            <button type="submit" class="btn btn-primary">{lang.t(Key::DashboardApply)}</button>
                            <a href="/staff/companies" class="btn btn-secondary">{lang.t(Key::DashboardReset)}</a>
                        </div>
                    </form>
                }
            }}
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(rows) if rows.is_empty() => view! { <p class="empty">{lang.t(Key::CompaniesEmpty)}</p> }.into_any(),
                        Ok(rows) => view! { <CompanyTable rows /> }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CompanyTable(rows: Vec<CompanyRow>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="table-wrap" tabindex="0">
            <table data-testid="companies-table">
                <thead><tr>
                    <th scope="col">{lang.t(Key::CompaniesName)}</th>
                    <th scope="col">{lang.t(Key::FieldProvince)}</th>
                    <th scope="col">{lang.t(Key::FieldSector)}</th>
                    <th scope="col">{lang.t(Key::FieldSizeClass)}</th>
                    <th scope="col" class="num">{lang.t(Key::CompaniesAssessments)}</th>
                    <th scope="col">{lang.t(Key::CompaniesLastAssessment)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|c| view! {
                        <tr>
                            <th scope="row"><A href=format!("/staff/companies/{}", c.id)>{c.name.clone()}</A></th>
                            <td>{segment_text(lang, Segment::Province, c.province.as_deref())}</td>
                            <td>{segment_text(lang, Segment::Sector, c.sector.as_deref())}</td>
                            <td>{segment_text(lang, Segment::SizeClass, c.size_class.as_deref())}</td>
                            <td class="num">{c.assessments}</td>
                            <td>{c.last_assessment_at.map(format_date).unwrap_or_else(|| "–".into())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn CompanyPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok());
    let note = ServerAction::<AddCompanyNote>::new();
    let detail = Resource::new(id, |id| async move {
        match id {
            Some(id) => staff_company(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text=lang.t(Key::CompaniesTitle) />
        <section class="container">
            <StaffNav />
            <Loaded resource=detail let:d>
                <CompanyView detail=d note />
            </Loaded>
        </section>
    }
}

#[component]
fn CompanyView(detail: CompanyDetail, note: ServerAction<AddCompanyNote>) -> impl IntoView {
    let lang = use_lang();
    let CompanyDetail {
        company,
        members,
        timeline,
    } = detail;
    let kept_note = query_value("body");
    let error = action_error(note);
    view! {
        <Title text=company.name.clone() />
        <p class="breadcrumbs"><A href="/staff/companies">{lang.t(Key::CompaniesTitle)}</A></p>
        <h1 data-testid="company-name">{company.name.clone()}</h1>
        <dl class="facts">
            <dt>{lang.t(Key::FieldProvince)}</dt><dd>{segment_text(lang, Segment::Province, company.province.as_deref())}</dd>
            <dt>{lang.t(Key::FieldSector)}</dt><dd>{segment_text(lang, Segment::Sector, company.sector.as_deref())}</dd>
            <dt>{lang.t(Key::FieldSizeClass)}</dt><dd>{segment_text(lang, Segment::SizeClass, company.size_class.as_deref())}</dd>
            <dt>{lang.t(Key::CompaniesSince)}</dt><dd>{format_date(company.created_at)}</dd>
        </dl>
        <h2>{lang.t(Key::CompaniesMembers)}</h2>
        {if members.is_empty() {
            view! { <p class="muted">{lang.t(Key::CompaniesNoMembers)}</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list">
                    {members.into_iter().map(|m| view! {
                        <li>{m.name}" · "<a href=format!("mailto:{}", m.email)>{m.email.clone()}</a>" · "{role_text(lang, m.role)}
                            {(!m.active).then(|| view! { " · "<span class="badge badge-failed">{lang.t(Key::UsersInactive)}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2>{lang.t(Key::CompaniesTimeline)}</h2>
        <details class="card no-print" open=move || error.get().flatten().is_some()>
            <summary>{lang.t(Key::CompaniesAddNote)}</summary>
            <FormAlert error />
            <ActionForm action=note attr:class="stack">
                <input type="hidden" name="organisation_id" value=company.id.to_string() />
                <div class="field">
                    <label for="note-body">{lang.t(Key::CompaniesNote)}</label>
                    <textarea id="note-body" name="body" rows="4" maxlength="4000" required>{kept_note.get_untracked()}</textarea>
                    <p class="hint">{lang.t(Key::CompaniesNoteHint)}</p>
                </div>
                <button type="submit" class="btn btn-primary">{lang.t(Key::CompaniesSaveNote)}</button>
            </ActionForm>
        </details>
        {if timeline.is_empty() {
            view! { <p class="empty">{lang.t(Key::CompaniesTimelineEmpty)}</p> }.into_any()
        } else {
            view! {
                <ol class="timeline" data-testid="company-timeline">
                    {timeline.into_iter().map(|item| view! { <TimelineRow item /> }).collect_view()}
                </ol>
            }.into_any()
        }}
    }
}

#[component]
fn TimelineRow(item: TimelineItem) -> impl IntoView {
    let lang = use_lang();
    let (kind, body) = match item.entry {
        TimelineEntry::Assessment {
            reference,
            variant,
            finalised,
            overall_current,
            overall_ambition,
        } => (
            Key::TimelineAssessment,
            view! {
                <A href=format!("/assessment/{reference}")>{lang.t(variant.label())}</A>
                " · "
                {if finalised { lang.t(Key::TimelineFinalised) } else { lang.t(Key::TimelineDraft) }}
                {overall_current.map(|c| format!(" · {} {c} / {} {}", lang.t(Key::ResultsCurrent), lang.t(Key::ResultsAmbition), overall_ambition.unwrap_or(c)))}
            }
            .into_any(),
        ),
        TimelineEntry::SignUp {
            event_slug,
            event_title,
            person,
            status,
            attended,
        } => (
            Key::TimelineSignUp,
            view! {
                <A href=format!("/events/{event_slug}")>{event_title}</A>
                " · "{person}" · "
                {crate::events::model::RegistrationStatus::parse(&status).map(|s| lang.t(s.label())).unwrap_or_default()}
                {attended.then(|| view! { " · "<span class="badge badge-sent">{lang.t(Key::TimelineAttended)}</span> })}
            }
            .into_any(),
        ),
        TimelineEntry::ContactRequest {
            profile_name,
            profile_slug,
            status,
        } => (
            Key::TimelineContact,
            view! {
                <A href=format!("/directory/{profile_slug}")>{profile_name}</A>
                " · "
                {crate::contact::model::RequestStatus::parse(&status).map(|s| lang.t(s.label())).unwrap_or_default()}
            }
            .into_any(),
        ),
        TimelineEntry::Note { author, body } => (
            Key::TimelineNote,
            view! { <span class="pre-line">{body}</span>" "<span class="muted">"— "{author}</span> }.into_any(),
        ),
    };
    view! {
        <li class="timeline-item">
            <time>{format_date(item.at)}</time>
            <strong>{lang.t(kind)}</strong>
            <div>{body}</div>
        </li>
    }
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let change = ServerAction::<ChangeAccount>::new();
    let resend = ServerAction::<ResendVerificationFor>::new();
    let search = Memo::new(move |_| {
        let q = query.get();
        (
            q.get("q").unwrap_or_default(),
            q.get("role").unwrap_or_default(),
        )
    });
    let list = Resource::new(move || search.get(), |(q, role)| staff_users(q, role));
    let auth = crate::shell::use_auth();
    view! {
        <Title text=lang.t(Key::UsersTitle) />
        <section class="container">
            <StaffNav />
            <h1>{lang.t(Key::UsersTitle)}</h1>
            {move || {
                let (q, role) = search.get();
                view! {
                    <form method="get" action="/staff/users" class="filter-bar" role="search">
                        <div class="field">
                            <label for="users-q">{lang.t(Key::UsersSearch)}</label>
                            <input id="users-q" name="q" type="search" value=q />
                        </div>
                        <div class="field">
                            <label for="users-role">{lang.t(Key::UsersRole)}</label>
                            <select id="users-role" name="role">
                                <option value="">{lang.t(Key::DashboardAll)}</option>
                                {Role::ALL.into_iter().map(|r| view! {
                                    <option value=r.code() selected=role == r.code()>{role_text(lang, r)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field filter-actions">
                            <button type="submit" class="btn btn-primary">{lang.t(Key::DashboardApply)}</button>
                        </div>
                    </form>
                }
            }}
            <FormAlert error=action_error(change) />
            <FormAlert error=action_error(resend) />
            <Show when=move || !query_value("resent").get().is_empty()>
                <div class="alert alert-success" role="status">{lang.t(Key::UsersResent)}</div>
            </Show>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    let is_admin = is_admin(auth.user.await);
                    let lead = view! { <p class="lead">{if is_admin { lang.t(Key::UsersIntroAdmin) } else { lang.t(Key::UsersIntro) }}</p> };
                    match list.await {
                        Ok(rows) if rows.is_empty() => view! { {lead}<p class="empty">{lang.t(Key::UsersEmpty)}</p> }.into_any(),
                        Ok(rows) => view! {
                            {lead}
                            <div class="table-wrap" tabindex="0">
                                <table data-testid="users-table">
                                    <thead><tr>
                                        <th scope="col">{lang.t(Key::UsersName)}</th>
                                        <th scope="col">{lang.t(Key::UsersOrganisation)}</th>
                                        <th scope="col">{lang.t(Key::UsersRole)}</th>
                                        <th scope="col">{lang.t(Key::UsersState)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|u| view! { <UserRowView user=u is_admin change resend /> }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn UserRowView(
    user: UserRow,
    is_admin: bool,
    change: ServerAction<ChangeAccount>,
    resend: ServerAction<ResendVerificationFor>,
) -> impl IntoView {
    let lang = use_lang();
    let role_id = format!("role-{}", user.id);
    let current_role = user.role;
    let organisation = match (user.organisation.clone(), user.organisation_id) {
        (Some(name), Some(id)) => {
            view! { <A href=format!("/staff/companies/{id}")>{name}</A> }.into_any()
        }
        _ => view! { <span class="muted">"–"</span> }.into_any(),
    };
    view! {
        <tr>
            <th scope="row">{user.name.clone()}<br /><span class="muted">{user.email.clone()}</span></th>
            <td>{organisation}</td>
            <td>
                {if is_admin {
                    view! {
                        <ActionForm action=change attr:class="inline-form">
                            <input type="hidden" name="user_id" value=user.id.to_string() />
                            <label class="visually-hidden" for=role_id.clone()>{lang.t(Key::UsersRole)}</label>
                            <select id=role_id name="role">
                                {Role::ALL.into_iter().map(|r| view! {
                                    <option value=r.code() selected=r == current_role>{role_text(lang, r)}</option>
                                }).collect_view()}
                            </select>
                            <label class="checkbox">
                                <input type="checkbox" name="active" value="on" checked=user.active />
                                {lang.t(Key::UsersActive)}
                            </label>
                            <button type="submit" class="btn btn-secondary btn-small">{lang.t(Key::UsersSave)}</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! { <span>{role_text(lang, user.role)}</span> }.into_any()
                }}
            </td>
            <td>
                {if user.active {
                    view! { <span class="badge badge-sent">{lang.t(Key::UsersActive)}</span> }.into_any()
                } else {
                    view! { <span class="badge badge-failed">{lang.t(Key::UsersInactive)}</span> }.into_any()
                }}
                " "
                {if user.verified {
                    view! { <span class="muted">{lang.t(Key::UsersVerified)}</span> }.into_any()
                } else if is_admin {
                    view! {
                        <ActionForm action=resend attr:class="inline-form">
                            <input type="hidden" name="user_id" value=user.id.to_string() />
                            <span class="muted">{lang.t(Key::UsersUnverified)}</span>" "
                            <button type="submit" class="btn btn-secondary btn-small">{lang.t(Key::UsersResend)}</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! { <span class="muted">{lang.t(Key::UsersUnverified)}</span> }.into_any()
                }}
                <br /><span class="muted">{lang.t(Key::UsersSince)}" "{format_date(user.created_at)}</span>
            </td>
        </tr>
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = use_lang();
    let kind = query_value("kind");
    let list = Resource::new(move || kind.get(), audit_log);
    view! {
        <Title text=lang.t(Key::AuditTitle) />
        <section class="container">
            <StaffNav />
            <h1>{lang.t(Key::AuditTitle)}</h1>
            <p class="lead">{lang.t(Key::AuditIntro)}</p>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(rows) if rows.is_empty() => view! { <p class="empty">{lang.t(Key::AuditEmpty)}</p> }.into_any(),
                        Ok(rows) => view! {
                            <div class="table-wrap" tabindex="0">
                                <table data-testid="audit-table">
                                    <thead><tr>
                                        <th scope="col">{lang.t(Key::AuditWhen)}</th>
                                        <th scope="col">{lang.t(Key::AuditWho)}</th>
                                        <th scope="col">{lang.t(Key::AuditWhat)}</th>
                                        <th scope="col">{lang.t(Key::AuditChange)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|e| view! { <AuditRow entry=e /> }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn AuditRow(entry: AuditEntry) -> impl IntoView {
    let lang = use_lang();
    let local = crate::time::to_local(entry.at);
    view! {
        <tr>
            <td>{local.date_nl()}" "{local.time()}</td>
            <td>{entry.actor}</td>
            <td><code>{entry.action}</code><br /><span class="muted">{entry.subject_kind}{entry.subject_id.map(|id| format!(" #{id}"))}</span></td>
            <td>
                <details>
                    <summary>{lang.t(Key::AuditShow)}</summary>
                    <p class="muted">{lang.t(Key::AuditBefore)}</p>
                    <pre class="mail-body">{entry.before.unwrap_or_else(|| "–".into())}</pre>
                    <p class="muted">{lang.t(Key::AuditAfter)}</p>
                    <pre class="mail-body">{entry.after.unwrap_or_else(|| "–".into())}</pre>
                </details>
            </td>
        </tr>
    }
}

#[component]
pub fn QuestionnairesPage() -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new(|| (), |_| questionnaire_versions());
    view! {
        <Title text=lang.t(Key::QuestionnairesTitle) />
        <section class="container">
            <StaffNav />
            <h1>{lang.t(Key::QuestionnairesTitle)}</h1>
            <p class="lead">{lang.t(Key::QuestionnairesIntro)}</p>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(rows) => view! {
                            {Variant::ALL.into_iter().map(|v| {
                                let own: Vec<VersionInfo> = rows.iter().filter(|r| r.variant == v).cloned().collect();
                                view! {
                                    <section class="card">
                                        <div class="title-row">
                                            <h2>{lang.t(v.label())}</h2>
                                            <div class="actions">
                                                <A href=format!("/staff/questionnaires/{}", v.code()) attr:class="btn btn-primary">{lang.t(Key::QuestionnairesEdit)}</A>
                                                <A href=super::step_editor::list_path(v) attr:class="btn btn-secondary">{lang.t(Key::StepTemplatesLink)}</A>
                                            </div>
                                        </div>
                                        <div class="table-wrap" tabindex="0">
                                            <table>
                                                <thead><tr>
                                                    <th scope="col">{lang.t(Key::QuestionnairesVersion)}</th>
                                                    <th scope="col">{lang.t(Key::QuestionnairesPublished)}</th>
                                                    <th scope="col">{lang.t(Key::QuestionnairesBy)}</th>
                                                    <th scope="col">{lang.t(Key::QuestionnairesNote)}</th>
                                                    <th scope="col" class="num">{lang.t(Key::CompaniesAssessments)}</th>
                                                </tr></thead>
                                                <tbody>
                                                    {own.into_iter().map(|r| view! {
                                                        <tr>
                                                            <td>{r.version}</td>
                                                            <td>{format_date(r.created_at)}</td>
                                                            <td>{r.published_by.unwrap_or_else(|| lang.t(Key::QuestionnairesShipped).to_string())}</td>
                                                            <td>{r.change_note.unwrap_or_default()}</td>
                                                            <td class="num">{r.assessments}</td>
                                                        </tr>
                                                    }).collect_view()}
                                                </tbody>
                                            </table>
                                        </div>
                                    </section>
                                }
                            }).collect_view()}
                        }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn QuestionnaireEditPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let variant = move || {
        params
            .read()
            .get("variant")
            .and_then(|v| Variant::parse(&v))
    };
    let published = query_value("published");
    let data = Resource::new(variant, |v| async move {
        match v {
            Some(v) => questionnaire_for_editing(v).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text=lang.t(Key::QuestionnairesEdit) />
        <section class="container">
            <StaffNav />
            <p class="breadcrumbs"><A href="/staff/questionnaires">{lang.t(Key::QuestionnairesTitle)}</A></p>
            <Show when=move || !published.get().is_empty()>
                <div class="alert alert-success" role="status" data-testid="published">
                    {move || lang.fill(Key::QuestionnairesPublishedNow, &[("version", &published.get())])}
                </div>
            </Show>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((id, q)) => view! { <QuestionnaireEditor version_id=id questionnaire=q /> }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Two text areas (Dutch, English) for one text.
fn text_pair(
    lang: Lang,
    label: String,
    name_of: impl Fn(&str) -> String,
    text: &Text,
    rows: u32,
) -> impl IntoView {
    let nl = name_of("nl");
    let en = name_of("en");
    view! {
        <fieldset class="text-pair">
            <legend>{label}</legend>
            <div class="field">
                <label for=nl.clone()>{lang.t(Key::LanguageNl)}</label>
                <textarea id=nl.clone() name=nl rows=rows required>{text.nl.clone()}</textarea>
            </div>
            <div class="field">
                <label for=en.clone()>{lang.t(Key::LanguageEn)}</label>
                <textarea id=en.clone() name=en rows=rows required>{text.en.clone()}</textarea>
            </div>
        </fieldset>
    }
}

#[component]
fn QuestionnaireEditor(version_id: i64, questionnaire: Questionnaire) -> impl IntoView {
    let lang = use_lang();
    // A plain post that failed comes back with the error in the URL (texts are then lost:
    // without JavaScript the browser cannot keep a thousand fields; with it, nothing is lost).
    let q = questionnaire;
    view! {
        <h1>{lang.t(Key::QuestionnairesEdit)}": "{q.title.get(lang).to_string()}</h1>
        <p class="lead">{lang.fill(Key::QuestionnairesEditIntro, &[("version", &q.version.to_string()), ("next", &(q.version + 1).to_string())])}</p>
        <FetchForm action="/staff/questionnaires/publish".to_string() class="stack questionnaire-editor".to_string() error=url_error(lang) texts=FetchFormTexts::new(lang)>
            <input type="hidden" name="variant" value=q.variant.code() />
            <input type="hidden" name="based_on" value=version_id.to_string() />
            {text_pair(lang, lang.t(Key::QuestionnairesTitleField).to_string(), title_field, &q.title, 1)}
            {q.transitions.iter().map(|t| {
                let tkey = t.key.clone();
                let tkey2 = t.key.clone();
                view! {
                    <details class="card">
                        <summary>{t.name.get(lang).to_string()}</summary>
                        {text_pair(lang, lang.t(Key::QuestionnairesThemeName).to_string(), move |l| transition_field(&tkey, "name", l), &t.name, 1)}
                        {text_pair(lang, lang.t(Key::QuestionnairesThemeIntro).to_string(), move |l| transition_field(&tkey2, "intro", l), &t.intro, 4)}
                        {t.items.iter().map(|item| {
                            let key = item.key.clone();
                            view! {
                                <div class="editor-item">
                                    <h3>{item.question.get(lang).to_string()}</h3>
                                    {text_pair(lang, lang.t(Key::QuestionnairesQuestion).to_string(), {
                                        let key = key.clone();
                                        move |l| item_field(&key, "question", l)
                                    }, &item.question, 2)}
                                    {item.levels.iter().enumerate().map(|(n, level)| {
                                        let key = key.clone();
                                        let part = format!("level{}", n + 1);
                                        text_pair(lang, lang.fill(Key::QuestionnairesLevel, &[("n", &(n + 1).to_string())]), move |l| item_field(&key, &part, l), level, 2)
                                    }).collect_view()}
                                </div>
                            }
                        }).collect_view()}
                    </details>
                }
            }).collect_view()}
            <div class="field">
                <label for="change_note">{lang.t(Key::QuestionnairesChangeNote)}</label>
                <input id="change_note" name="change_note" maxlength="500" />
                <p class="hint">{lang.t(Key::QuestionnairesChangeHint)}</p>
            </div>
            <button type="submit" class="btn btn-primary">{lang.t(Key::QuestionnairesPublish)}</button>
        </FetchForm>
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let lang = use_lang();
    let retry = ServerAction::<RetryMail>::new();
    let mails = Resource::new(|| (), |_| list_outbox());
    view! {
        <Title text=lang.t(Key::OutboxTitle) />
        <section class="container">
            <StaffNav />
            <h1>{lang.t(Key::OutboxTitle)}</h1>
            <p class="lead">{lang.t(Key::OutboxIntro)}</p>
            <FormAlert error=action_error(retry) />
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match mails.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="empty">{lang.t(Key::OutboxEmpty)}</p>
                        }.into_any(),
                        Ok(list) => view! {
                            <ul class="outbox">
                                {list.into_iter().map(|m| view! { <OutboxItem mail=m retry /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! {
                            <ErrorAlert error=e />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn OutboxItem(mail: OutboxMail, retry: ServerAction<RetryMail>) -> impl IntoView {
    let lang = use_lang();
    let status = match mail.status.as_str() {
        "sent" => Key::OutboxStatusSent,
        "failed" => Key::OutboxStatusFailed,
        _ => Key::OutboxStatusPending,
    };
    let failed = mail.status == "failed";
    let id = mail.id;
    view! {
        <li class="card outbox-mail">
            <details>
                <summary>
                    <span class=format!("badge badge-{}", mail.status)>{lang.t(status)}</span>
                    " "
                    <strong class="outbox-subject">{mail.subject}</strong>
                    " · "
                    <span class="outbox-recipient">{mail.recipient}</span>
                </summary>
                {if mail.body_text.is_empty() {
                    view! { <p class="muted">{lang.t(Key::OutboxBodyDeleted)}</p> }.into_any()
                } else {
                    view! { <pre class="mail-body">{mail.body_text}</pre> }.into_any()
                }}
                {mail.last_error.map(|e| view! { <p class="muted">{e}</p> })}
            </details>
            {failed.then(|| view! {
                <ActionForm action=retry attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string() />
                    <button type="submit" class="btn btn-secondary btn-small">{lang.t(Key::OutboxRetry)}</button>
                </ActionForm>
            })}
        </li>
    }
}

/// Every export in one place, with what each file holds.
#[component]
pub fn ExportsPage() -> impl IntoView {
    let lang = use_lang();
    let files = [
        (
            "assessments.csv",
            Key::ExportAssessmentsCsv,
            Key::ExportAssessmentsHint,
        ),
        (
            "assessments.xlsx",
            Key::ExportAssessmentsXlsx,
            Key::ExportAssessmentsHint,
        ),
        ("answers.csv", Key::ExportAnswersCsv, Key::ExportAnswersHint),
        (
            "registrations.csv",
            Key::ExportRegistrations,
            Key::ExportRegistrationsHint,
        ),
        ("profiles.csv", Key::ExportProfiles, Key::ExportProfilesHint),
        (
            "contact-requests.csv",
            Key::ExportRequests,
            Key::ExportRequestsHint,
        ),
    ];
    view! {
        <Title text=lang.t(Key::ExportsTitle) />
        <section class="container">
            <StaffNav />
            <h1>{lang.t(Key::ExportsTitle)}</h1>
            <p class="lead">{lang.t(Key::ExportsIntro)}</p>
            <ul class="plain-list exports">
                {files.into_iter().map(|(file, label, hint)| view! {
                    <li class="card">
                        <a href=format!("/staff/exports/{file}") download data-testid=format!("export-{file}")>{lang.t(label)}</a>
                        <p class="muted">{lang.t(hint)}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
