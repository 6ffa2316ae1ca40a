//! Accounts and roles (staff see them, admins change them) and the audit log (admins only).

use super::api::*;
use super::model::{AuditEntry, UserRow};
use crate::accounts::model::Role;
use crate::error::AppError;
use crate::i18n::{use_lang, Key, Lang};
use crate::ui::LoadedTable;
use crate::ui::StaffPage;
use crate::ui::{action_error, format_date, query_value, ErrorAlert, FormAlert};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

fn is_admin(user: Result<Option<crate::accounts::model::CurrentUser>, AppError>) -> bool {
    matches!(user, Ok(Some(u)) if u.role.is_admin())
}

pub(super) fn role_text(lang: Lang, role: Role) -> &'static str {
    lang.t(role.label())
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
        <StaffPage title=Key::UsersTitle>
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
        </StaffPage>
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
    let _lang = use_lang();
    let kind = query_value("kind");
    let list = Resource::new(move || kind.get(), audit_log);
    view! {
        <StaffPage title=Key::AuditTitle intro=Key::AuditIntro>
            <LoadedTable resource=list empty=Key::AuditEmpty test_id="audit-table"
                headings=vec![Key::AuditWhen, Key::AuditWho, Key::AuditWhat, Key::AuditChange]
                row=move |e| view! { <AuditRow entry=e /> } />
        </StaffPage>
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
