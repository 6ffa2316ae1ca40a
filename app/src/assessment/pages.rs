//! Assessment pages: start, overview with progress, one page per transition. The results page
//! is in `results`.

use super::api::*;
use super::finalise_button::{FinaliseButton, FinaliseTexts};
use super::model::Variant;
use super::overview_switch::{OverviewSwitch, OVERVIEW_ID};
use super::profile::{label, PROVINCES, SECTORS, SIZE_CLASSES};
use super::runner::{RunnerSheet, TransitionRunner};
use super::transition_pages::QueueLabels;
use super::view::TransitionProgress;
use crate::i18n::{use_lang, Key, Lang};
use crate::ui::{
    action_error, page_data, query_value, CopyButton, CopyTexts, ErrorAlert, FormAlert, InPage,
    SelectField, SubmitButton, TextInput,
};
use crate::ui::{posted_form_error, route_param};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

fn progress_name(p: &TransitionProgress, lang: Lang) -> String {
    match lang {
        Lang::Nl => p.name_nl.clone(),
        Lang::En => p.name_en.clone(),
    }
}

/// A profile list (sector, size, province) as select options in the reader's language.
fn choices(list: &[(&'static str, Key)], lang: Lang) -> Vec<(String, String)> {
    list.iter()
        .map(|(code, key)| (code.to_string(), lang.t(*key).to_string()))
        .collect()
}

/// What a refused post kept for the field, else the value known from the company's profile.
fn kept_or(name: &'static str, known: String) -> Signal<String> {
    let kept = query_value(name);
    Signal::derive(move || {
        let value = kept.get();
        if value.is_empty() {
            known.clone()
        } else {
            value
        }
    })
}

#[component]
pub fn AssessmentHome() -> impl IntoView {
    let lang = use_lang();
    let start = ServerAction::<StartAssessment>::new();
    let mine = Resource::new(|| (), |_| my_assessments());
    let from = query_value("from");
    let prefill = Resource::new(
        move || from.get(),
        |f| start_prefill((!f.is_empty()).then_some(f)),
    );
    let kept_variant = query_value("variant");
    let variants = [
        (Variant::Manufacturing, Key::VariantManufacturingHint),
        (Variant::Suppliers, Key::VariantSuppliersHint),
        (Variant::Process, Key::VariantProcessHint),
        (Variant::Dma, Key::VariantDmaHint),
    ];
    view! {
        <Title text=lang.t(Key::AssessmentTitle) />
        <section class="container">
            <h1>{lang.t(Key::AssessmentTitle)}</h1>
            <p class="lead">{lang.t(Key::AssessmentIntro)}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let list = mine.await.unwrap_or_default();
                    (!list.is_empty()).then(|| view! {
                        <div class="card">
                            <h2>{lang.t(Key::AssessmentMine)}</h2>
                            <ul class="plain-list">
                                {list.into_iter().map(|a| {
                                    let href = format!("/assessment/{}", a.reference);
                                    let status = if a.finalised { Key::StatusFinal } else { Key::StatusDraft };
                                    view! {
                                        <li>
                                            <A href=href>{a.company_name}" · "{lang.t(a.variant.label())}</A>
                                            " "<span class="badge">{lang.t(status)}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </div>
                    })
                })}
            </Transition>
            <Transition fallback=|| ()>
            {move || Suspend::new(async move {
            // A logged-in company finds its name, sector, size and province filled in.
            let prefill = prefill.await.unwrap_or_default();
            view! {
            <div class="card">
                <h2>{lang.t(Key::AssessmentStartTitle)}</h2>
                <ActionForm action=start>
                    <FormAlert error=action_error(start) />
                    // A DMA started from a Smart Factory Assessment's results is prefilled
                    // from it (`assessment::dma_prefill`).
                    <Show when=move || !from.get().is_empty()>
                        <input type="hidden" name="from" value=move || from.get() />
                    </Show>
                    <fieldset class="choice-group">
                        <legend>{lang.t(Key::FieldVariant)}</legend>
                        {variants.into_iter().map(|(v, hint)| {
                            let code = v.code();
                            view! {
                                <label class="choice">
                                    <input type="radio" name="variant" value=code required=true
                                        checked=move || kept_variant.get() == code />
                                    <span>
                                        <strong>{lang.t(v.label())}</strong>
                                        <span class="hint">{lang.t(hint)}</span>
                                    </span>
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                    <TextInput name="company_name" label=Key::FieldCompanyName required=true
                        autocomplete="organization" value=kept_or("company_name", prefill.company_name.clone()) />
                    <div class="grid-3">
                        <SelectField name="sector" label=Key::FieldSector empty=Key::ChooseOne required=true
                            options=choices(&SECTORS, lang) selected=kept_or("sector", prefill.sector.clone()) />
                        <SelectField name="size_class" label=Key::FieldSizeClass empty=Key::ChooseOne required=true
                            options=choices(&SIZE_CLASSES, lang) selected=kept_or("size_class", prefill.size_class.clone()) />
                        <SelectField name="province" label=Key::FieldProvince empty=Key::ChooseOne required=true
                            options=choices(&PROVINCES, lang) selected=kept_or("province", prefill.province.clone()) />
                    </div>
                    // The EU report's company data: shown by the style sheet only while the
                    // DMA is the chosen variant (no script needed), checked by the server.
                    <fieldset class="company-data dma-only">
                        <legend>{lang.t(Key::DmaCompanyDataLegend)}</legend>
                        <p class="hint">{lang.t(Key::DmaCompanyDataIntro)}</p>
                        <div class="grid-3">
                            <TextInput name="employees" label=Key::FieldEmployees inputmode="numeric"
                                hint=Key::FieldEmployeesHint maxlength=9
                                value=kept_or("employees", prefill.employees.clone()) />
                            <TextInput name="sbi_code" label=Key::FieldSbiCode inputmode="numeric"
                                hint=Key::FieldSbiCodeHint maxlength=12
                                value=kept_or("sbi_code", prefill.sbi_code.clone()) />
                            <TextInput name="enterprise_id" label=Key::FieldEnterpriseId
                                hint=Key::FieldEnterpriseIdHint maxlength=24
                                value=kept_or("enterprise_id", prefill.enterprise_id.clone()) />
                        </div>
                    </fieldset>
                    <TextInput name="respondent_role" label=Key::FieldRespondentRole autocomplete="organization-title" />
                    <SubmitButton label=Key::AssessmentStartSubmit />
                </ActionForm>
            </div>
            }
            })}
            </Transition>
        </section>
    }
}

#[component]
fn ProgressList(reference: String, progress: Vec<TransitionProgress>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ol class="progress-list">
            {progress.into_iter().map(|p| {
                let href = format!("/assessment/{reference}/t/{}", p.key);
                let pct = super::scoring::progress(p.answered, p.items);
                let name = progress_name(&p, lang);
                view! {
                    <li>
                        <A href=href>{name}</A>
                        <span class="progress-count">{format!("{}/{}", p.answered, p.items)}</span>
                        <progress max="100" value=pct aria-label=lang.t(Key::ProgressLabel)>{pct}"%"</progress>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    let lang = use_lang();
    let reference = route_param("reference");
    let overview = Resource::new(reference, get_overview);
    let claim = ServerAction::<ClaimAssessment>::new();
    let hand_over = ServerAction::<HandOverAssessment>::new();
    let mail_link = ServerAction::<MailResumeLink>::new();
    let handed = query_value("handed");
    let mailed = query_value("mailed");
    let kept_email = query_value("email");
    let auth = crate::shell::use_auth();
    view! {
        <Title text=lang.t(Key::AssessmentTitle) />
        <section class="container">
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    let o = match overview.await {
                        Ok(o) => o,
                        Err(e) => return view! { <h1>{lang.t(Key::AssessmentTitle)}</h1><ErrorAlert error=e /> }.into_any(),
                    };
                    let user = auth.user.await.ok().flatten();
                    let can_claim = o.organisation_name.is_none() && user.as_ref().is_some_and(|u| u.role == crate::accounts::model::Role::CompanyMember);
                    let can_hand_over = o.organisation_name.is_none() && user.as_ref().is_some_and(|u| u.role.is_staff());
                    let ref_hand_over = o.reference.clone();
                    let total: usize = o.progress.iter().map(|p| p.items).sum();
                    let done: usize = o.progress.iter().map(|p| p.answered).sum();
                    let first = o.progress.iter().find(|p| p.answered < p.items).or(o.progress.first()).map(|p| p.key.clone()).unwrap_or_default();
                    let (ref_finalise, ref_claim) = (o.reference.clone(), o.reference.clone());
                    // The runner beside the overview opens the transitions in the page; the
                    // runner on a transition's page shows this part in its place.
                    let runner = o.runner.clone().map(|sheet| {
                        let sheet = RunnerSheet::for_overview(sheet, lang);
                        view! {
                            {page_data(&sheet)}
                            <OverviewSwitch />
                            <TransitionRunner sheet=InPage(sheet) />
                        }
                    });
                    view! {
                        <div id=OVERVIEW_ID>
                            <h1>{o.profile.company_name.clone()}</h1>
                            <p class="lead">{lang.t(o.variant.label())}" · "{label(&SECTORS, &o.profile.sector).map(|k| lang.t(k))}" · "{label(&PROVINCES, &o.profile.province).map(|k| lang.t(k))}</p>
                            {o.resume_url.clone().map(|url| {
                                let reference = o.reference.clone();
                                let copy_texts = CopyTexts {
                                    label: lang.t(Key::ResumeCopy).to_string(),
                                    done: lang.t(Key::ResumeCopied).to_string(),
                                    failed: lang.t(Key::ResumeCopyFailed).to_string(),
                                };
                                view! {
                                    <div class="alert alert-info resume">
                                        <p>
                                            <strong>{lang.t(Key::ResumeLinkTitle)}</strong>" "{lang.t(Key::ResumeLinkText)}" "
                                            {lang.t(Key::ResumeLinkWhy)}
                                        </p>
                                        <div class="resume-row">
                                            <input id="resume-link" type="text" readonly value=url.clone() aria-label=lang.t(Key::ResumeLinkTitle) />
                                            <CopyButton text=url field="resume-link".to_string() texts=copy_texts />
                                        </div>
                                        <ActionForm action=mail_link attr:class="resume-mail">
                                            <FormAlert error=action_error(mail_link) />
                                            <input type="hidden" name="reference" value=reference />
                                            <label for="resume-email">{lang.t(Key::ResumeMailLabel)}</label>
                                            <div class="inline-field">
                                                <input id="resume-email" name="email" type="email" required autocomplete="email" value=move || kept_email.get() />
                                                <button type="submit" class="btn btn-secondary">{lang.t(Key::ResumeMailSubmit)}</button>
                                            </div>
                                        </ActionForm>
                                        <Show when=move || mailed.get() == "1">
                                            <p class="alert alert-success" role="status">{lang.t(Key::ResumeMailed)}</p>
                                        </Show>
                                    </div>
                                }
                            })}
                            {o.organisation_name.clone().map(|org| view! { <p class="muted">{lang.fill(Key::AssessmentOwnedBy, &[("organisation", &org)])}</p> })}
                            <Show when=move || handed.get() == "1">
                                <div class="alert alert-success" role="status">{lang.t(Key::HandOverDone)}</div>
                            </Show>
                            <div class="card">
                                <h2>{lang.t(Key::ProgressTitle)}</h2>
                                <p>
                                    <progress max="100" value=super::scoring::progress(done, total) aria-label=lang.t(Key::ProgressLabel)></progress>
                                    " "{format!("{done}/{total}")}
                                </p>
                                <ProgressList reference=o.reference.clone() progress=o.progress.clone() />
                                {(o.variant.is_dma() && !o.finalised).then(|| view! { <p class="hint">{lang.t(Key::DmaOverviewHint)}</p> })}
                                {(o.conditional && !o.finalised).then(|| view! { <p class="hint" data-testid="conditional">{lang.t(Key::AssessmentConditionalHint)}</p> })}
                                <div class="actions">
                                    {if o.finalised {
                                        view! { <A href=format!("/assessment/{}/results", o.reference) attr:class="btn btn-primary">{lang.t(Key::ResultsOpen)}</A> }.into_any()
                                    } else {
                                        view! {
                                            <A href=format!("/assessment/{}/t/{first}", o.reference) attr:class="btn btn-primary">{lang.t(Key::AssessmentContinue)}</A>
                                        }.into_any()
                                    }}
                                </div>
                            </div>
                            {(!o.finalised).then(|| view! {
                                <div class="card">
                                    <h2>{lang.t(Key::FinaliseTitle)}</h2>
                                    <p>{lang.t(Key::FinaliseText)}</p>
                                    <form method="post" action=FINALISE_URL>
                                        <FormAlert error=posted_form_error(FINALISE_URL) />
                                        <input type="hidden" name="reference" value=ref_finalise.clone() />
                                        <FinaliseButton reference=ref_finalise texts=FinaliseTexts::new(lang) queue=QueueLabels::new(lang) />
                                    </form>
                                </div>
                            })}
                            {can_claim.then(|| view! {
                                <div class="card">
                                    <h2>{lang.t(Key::ClaimTitle)}</h2>
                                    <ActionForm action=claim>
                                        <FormAlert error=action_error(claim) />
                                        <input type="hidden" name="reference" value=ref_claim />
                                        <SubmitButton label=Key::ClaimSubmit />
                                    </ActionForm>
                                </div>
                            })}
                            {can_hand_over.then(|| view! {
                                <div class="card">
                                    <h2>{lang.t(Key::HandOverTitle)}</h2>
                                    <p>{lang.t(Key::HandOverText)}</p>
                                    <ActionForm action=hand_over>
                                        <FormAlert error=action_error(hand_over) />
                                        <input type="hidden" name="reference" value=ref_hand_over />
                                        <div class="field">
                                            <label for="field-hand-over-email">{lang.t(Key::HandOverEmail)}</label>
                                            <input id="field-hand-over-email" name="email" type="email" required autocomplete="off" value=move || kept_email.get() />
                                        </div>
                                        <SubmitButton label=Key::HandOverSubmit />
                                    </ActionForm>
                                </div>
                            })}
                            {(user.is_none() && !o.finalised).then(|| view! {
                                <p class="muted">{lang.t(Key::ClaimHint)}" "<A href="/register">{lang.t(Key::NavRegister)}</A></p>
                            })}
                        </div>
                        {runner}
                    }.into_any()
                })}
            </Suspense>
        </section>
    }
}
