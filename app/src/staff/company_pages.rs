//! The staff's companies: the list with its filters and one company's page with its details,
//! people, notes and the timeline of everything it did here.

use super::account_pages::role_text;
use super::api::*;
use super::model::{
    CompanyDetail, CompanyFilter, CompanyRow, DmaStatus, TimelineEntry, TimelineItem,
};
use crate::analytics::model::Segment;
use crate::error::AppError;
use crate::i18n::{use_lang, Key, Lang};
use crate::ui::Loaded;
use crate::ui::StaffNav;
use crate::ui::StaffPage;
use crate::ui::{
    action_error, format_date, query_value, ErrorAlert, FormAlert, ListPager, ListPosition,
    SelectField,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

fn segment_text(lang: Lang, segment: Segment, code: Option<&str>) -> String {
    code.map(|c| {
        segment
            .value_label(c)
            .map(|k| lang.t(k).to_string())
            .unwrap_or_else(|| c.to_string())
    })
    .unwrap_or_else(|| "–".into())
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
    let position = Memo::new(move |_| ListPosition::from_query(&query.read()));
    let list = Resource::new(
        move || (filter.get(), position.get()),
        |(filter, position)| staff_companies(filter, position),
    );
    view! {
        <StaffPage title=Key::CompaniesTitle intro=Key::CompaniesIntro>
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
                        Ok(page) if page.rows.is_empty() => view! { <p class="empty">{lang.t(Key::CompaniesEmpty)}</p> }.into_any(),
                        Ok(page) => view! {
                            <CompanyTable rows=page.rows />
                            <ListPager previous=page.previous next=page.next base=filter.get_untracked().href() />
                        }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </StaffPage>
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
    let finish = ServerAction::<FinishDmaSupport>::new();
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
                <CompanyView detail=d note finish />
            </Loaded>
        </section>
    }
}

#[component]
fn CompanyView(
    detail: CompanyDetail,
    note: ServerAction<AddCompanyNote>,
    finish: ServerAction<FinishDmaSupport>,
) -> impl IntoView {
    let lang = use_lang();
    let CompanyDetail {
        company,
        members,
        timeline,
        dma,
    } = detail;
    let organisation_id = company.id;
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
        <DmaCard dma organisation_id finish />
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
                {overall_current.map(|c| if variant.is_dma() {
                    // The DMA asks no ambition: its score and band.
                    format!(" · {} {c} ({})", lang.t(Key::CompanyDmaOverall), lang.t(crate::assessment::dma::Band::of(c).label()))
                } else {
                    format!(" · {} {c} / {} {}", lang.t(Key::ResultsCurrent), lang.t(Key::ResultsAmbition), overall_ambition.unwrap_or(c))
                })}
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

/// The company's EU DMA measures (T0, T1, …) and the button that marks the hub's support as
/// finished, which invites the company to measure again.
#[component]
fn DmaCard(
    dma: DmaStatus,
    organisation_id: i64,
    finish: ServerAction<FinishDmaSupport>,
) -> impl IntoView {
    let lang = use_lang();
    let done = query_value("dma");
    let can_finish = !dma.measures.is_empty() && !dma.waiting;
    view! {
        <section class="card" aria-labelledby="dma-title" data-testid="company-dma">
            <h2 id="dma-title">{lang.t(Key::CompanyDmaTitle)}</h2>
            <Show when=move || done.get() == "1">
                <p class="alert alert-success" role="status">{lang.t(Key::CompanyDmaDone)}</p>
            </Show>
            {if dma.measures.is_empty() {
                view! { <p class="muted">{lang.t(Key::CompanyDmaNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {dma.measures.into_iter().map(|m| view! {
                            <li>
                                <strong>{m.measurement}</strong>" · "
                                <A href=format!("/assessment/{}/results", m.reference)>{format_date(m.finalised_at)}</A>
                                {m.overall.map(|o| format!(" · {} {o} ({})", lang.t(Key::CompanyDmaOverall), lang.t(crate::assessment::dma::Band::of(o).label())))}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!dma.supports.is_empty()).then(|| view! {
                <ul class="plain-list">
                    {dma.supports.into_iter().map(|s| {
                        let sent = match s.invited_at {
                            None => lang.t(Key::CompanyDmaWaiting).to_string(),
                            Some(_) if s.invited == 0 => lang.t(Key::CompanyDmaInvitedNone).to_string(),
                            Some(at) => lang.count(Key::CompanyDmaInvited, i64::from(s.invited), &[("date", &format_date(at))]),
                        };
                        view! { <li>{lang.fill(Key::CompanyDmaFinished, &[("date", &format_date(s.finished_at))])}" · "{sent}</li> }
                    }).collect_view()}
                </ul>
            })}
            {can_finish.then(|| view! {
                <ActionForm action=finish attr:class="stack no-print">
                    <FormAlert error=action_error(finish) />
                    <input type="hidden" name="organisation_id" value=organisation_id.to_string() />
                    <p class="hint">{lang.t(Key::CompanyDmaFinishHint)}</p>
                    <button type="submit" class="btn btn-secondary">{lang.t(Key::CompanyDmaFinish)}</button>
                </ActionForm>
            })}
        </section>
    }
}
