//! Staff pages: the e-mail outbox and the exports. Companies, accounts and the audit log, and
//! questionnaire versions each have their own file (`company_pages`, `account_pages`,
//! `questionnaire_pages`).

use super::api::*;
use crate::i18n::{use_lang, Key};
use crate::mail::OutboxMail;
use crate::ui::StaffPage;
use crate::ui::{action_error, ErrorAlert, FormAlert};
use leptos::prelude::*;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let lang = use_lang();
    let retry = ServerAction::<RetryMail>::new();
    let mails = Resource::new(|| (), |_| list_outbox());
    view! {
        <StaffPage title=Key::OutboxTitle intro=Key::OutboxIntro>
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
        </StaffPage>
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
    let rows = Resource::new(|| (), |_| crate::analytics::api::export_rows());
    let (export_error, edih_error, from, to) = (
        crate::ui::query_value("export_error"),
        crate::ui::query_value("edih_error"),
        crate::ui::query_value("from"),
        crate::ui::query_value("to"),
    );
    view! {
        <StaffPage title=Key::ExportsTitle intro=Key::ExportsIntro>
            // The EU DMA report of the EDIH, by the period its measures were finalised. A plain
            // GET form: it downloads without scripts, and a wrong date comes back here.
            <section class="card edih-export" aria-labelledby="edih-title">
                <h2 id="edih-title">{lang.t(Key::ExportEdihTitle)}</h2>
                <p class="muted">{lang.t(Key::ExportEdihHint)}</p>
                <Show when=move || !edih_error.get().is_empty()>
                    <div class="alert alert-error" role="alert">{move || Key::from_id(&edih_error.get()).map(|k| lang.t(k))}</div>
                </Show>
                <form method="get" action="/staff/exports/edih.csv" class="edih-form">
                    <div class="grid-2">
                        <div class="field">
                            <label for="edih-from">{lang.t(Key::ExportEdihFrom)}</label>
                            <input id="edih-from" name="from" type="date" value=move || from.get() />
                        </div>
                        <div class="field">
                            <label for="edih-to">{lang.t(Key::ExportEdihTo)}</label>
                            <input id="edih-to" name="to" type="date" value=move || to.get() />
                        </div>
                    </div>
                    <div class="actions">
                        <button type="submit" class="btn btn-primary">{lang.t(Key::ExportEdihCsv)}</button>
                        <button type="submit" class="btn btn-secondary" formaction="/staff/exports/edih.xlsx">{lang.t(Key::ExportEdihXlsx)}</button>
                    </div>
                </form>
            </section>
            <Show when=move || !export_error.get().is_empty()>
                <div class="alert alert-error" role="alert">{move || Key::from_id(&export_error.get()).map(|k| lang.t(k))}</div>
            </Show>
            // No `download` attribute: the files come as attachments anyway, and a refusal
            // (a workbook too large for Excel) then comes back to this page with its reason.
            <ul class="plain-list exports">
                {files.into_iter().map(|(file, label, hint)| view! {
                    <li class="card">
                        <a href=format!("/staff/exports/{file}") data-testid=format!("export-{file}")>{lang.t(label)}</a>
                        <p class="muted">{lang.t(hint)}</p>
                    </li>
                }).collect_view()}
            </ul>
            <p class="muted">{lang.t(Key::ExportsStreamed)}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    rows.await.ok().map(|n| view! {
                        <p class="muted" data-testid="export-rows">
                            {lang.fill(Key::ExportsRows, &[("assessments", &lang.number(n as i64))])}
                        </p>
                    })
                })}
            </Suspense>
        </StaffPage>
    }
}
