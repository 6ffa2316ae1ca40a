//! On the programme figures page: the companies that repeated the assessment and how their
//! current level moved per transition, first assessment → latest (what a final report asks:
//! did the companies we helped get further?).

use super::api::reassessed_change;
use super::model::TransitionChange;
use crate::i18n::{use_lang, Key, Lang};
use crate::ui::ErrorAlert;
use leptos::prelude::*;

/// "+12", "−3", "0": the sign said, as a report writes it.
fn signed(points: f64) -> String {
    let rounded = points.round() as i64;
    match rounded {
        n if n > 0 => format!("+{n}"),
        n if n < 0 => format!("−{}", n.unsigned_abs()),
        _ => "0".to_string(),
    }
}

#[component]
pub fn ReassessedSection() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| reassessed_change());
    view! {
        <section class="reassessed" aria-labelledby="reassessed-title">
            <h2 id="reassessed-title">{lang.t(Key::FiguresReassessedTitle)}</h2>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(r) if r.companies == 0 => view! {
                            <p class="empty">{lang.t(Key::FiguresReassessedNone)}</p>
                        }.into_any(),
                        Ok(r) => view! {
                            <p>{lang.count(Key::FiguresReassessedIntro, r.companies, &[])}</p>
                            <ReassessedTable rows=r.transitions lang />
                        }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ReassessedTable(rows: Vec<TransitionChange>, lang: Lang) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="figures-table" data-testid="reassessed-table">
                <thead><tr>
                    <th scope="col">{lang.t(Key::FiguresTransition)}</th>
                    <th scope="col" class="num">{lang.t(Key::FiguresCompanies)}</th>
                    <th scope="col" class="num">{lang.t(Key::FiguresFirst)}</th>
                    <th scope="col" class="num">{lang.t(Key::FiguresLatest)}</th>
                    <th scope="col" class="num">{lang.t(Key::FiguresChange)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|t| view! {
                        <tr>
                            <th scope="row">{t.name.get(lang).to_string()}</th>
                            <td class="num">{t.companies}</td>
                            <td class="num">{format!("{:.0}", t.first)}</td>
                            <td class="num">{format!("{:.0}", t.latest)}</td>
                            <td class="num">{signed(t.change())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::signed;

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(signed(12.4), "+12");
        assert_eq!(signed(-2.6), "−3");
        assert_eq!(signed(0.4), "0");
        assert_eq!(signed(-0.4), "0");
    }
}
