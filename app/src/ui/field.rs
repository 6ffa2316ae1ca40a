//! The form fields every page uses: a label tied to its input, an optional hint the input is
//! described by, and `aria-invalid` on the field the last refused post named (`?field=`).

use super::form::query_value;
use crate::i18n::{use_lang, Key};
use leptos::prelude::*;

/// `aria-invalid="true"` while the field is the one a refused post named. A field in one of
/// several forms of the same kind on a page (the steps of a plan) has a `scope`, which the
/// refused post names too (`scope` among its kept fields), so only that form's field is marked.
fn invalid(
    name: &'static str,
    scope: Option<String>,
) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
    let errored_field = query_value("field");
    let errored_scope = query_value("scope");
    move || {
        let in_scope = scope.as_deref().is_none_or(|s| errored_scope.get() == s);
        (in_scope && errored_field.get() == name).then_some("true")
    }
}

/// The id of a field: `field-<name>`, or `field-<scope>-<name>` in a scoped form.
fn field_id(name: &str, scope: Option<&str>) -> String {
    match scope {
        Some(scope) => format!("field-{scope}-{name}"),
        None => format!("field-{name}"),
    }
}

/// A hint under a field, and the id its input points to.
fn hint_view(hint: Option<Key>, id: &str) -> impl IntoView {
    let lang = use_lang();
    let id = id.to_string();
    hint.map(|h| view! { <p class="hint" id=id>{lang.t(h)}</p> })
}

/// A labelled single-line input. `value` is what the form shows (the stored value); without
/// one it shows what a refused plain post kept for the field, so nothing typed is lost. A
/// password field never shows a value.
#[component]
pub fn TextInput(
    name: &'static str,
    label: Key,
    #[prop(into, optional)] value: Option<Signal<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    /// The keyboard a phone shows (`numeric` for digits that are no quantity to step).
    #[prop(optional)]
    inputmode: &'static str,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<usize>,
    /// Set when the page has several forms of this kind (see [`invalid`]).
    #[prop(optional, into)]
    scope: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let id = field_id(name, scope.as_deref());
    let hint_id = format!("{id}-hint");
    let shows_value = kind != "password";
    let value = value.unwrap_or_else(|| query_value(name));
    view! {
        <div class="field">
            <label for=id.clone()>{lang.t(label)}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                required=required
                maxlength=maxlength
                aria-describedby=hint.map(|_| hint_id.clone())
                aria-invalid=invalid(name, scope)
                value=move || if shows_value { value.get() } else { String::new() }
            />
            {hint_view(hint, &hint_id)}
        </div>
    }
}

/// A labelled multi-line text.
#[component]
pub fn TextArea(
    name: &'static str,
    label: Key,
    value: String,
    #[prop(default = 4)] rows: u32,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional)] maxlength: Option<usize>,
    /// Set when the page has several forms of this kind (see [`invalid`]).
    #[prop(optional, into)]
    scope: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let id = field_id(name, scope.as_deref());
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id.clone()>{lang.t(label)}</label>
            <textarea
                id=id
                name=name
                rows=rows
                maxlength=maxlength
                aria-describedby=hint.map(|_| hint_id.clone())
                aria-invalid=invalid(name, scope)
            >{value}</textarea>
            {hint_view(hint, &hint_id)}
        </div>
    }
}

/// A group of checkboxes under one legend; `options` are (code, text) pairs.
#[component]
pub fn CheckGroup(
    name: &'static str,
    legend: Key,
    options: Vec<(String, String)>,
    selected: Vec<String>,
    #[prop(optional)] hint: Option<Key>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <fieldset class="check-group" id=field_id(name, None) aria-invalid=invalid(name, None)>
            <legend>{lang.t(legend)}</legend>
            {hint.map(|h| view! { <p class="hint">{lang.t(h)}</p> })}
            <div class="check-grid">
                {options.into_iter().map(|(code, text)| {
                    let checked = selected.contains(&code);
                    view! {
                        <label class="choice-inline">
                            <input type="checkbox" name=name value=code checked=checked />
                            " "{text}
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// A labelled select; `options` are (code, text) pairs. With `empty`, a first option of value
/// "" stands for "any" in a filter or "choose one" in a form.
#[component]
pub fn SelectField(
    name: &'static str,
    label: Key,
    #[prop(optional)] empty: Option<Key>,
    options: Vec<(String, String)>,
    #[prop(into)] selected: Signal<String>,
    #[prop(optional)] required: bool,
    /// Set when the page has several forms of this kind (see [`invalid`]).
    #[prop(optional, into)]
    scope: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let id = field_id(name, scope.as_deref());
    view! {
        <div class="field">
            <label for=id.clone()>{lang.t(label)}</label>
            <select id=id name=name required=required aria-invalid=invalid(name, scope)>
                {empty.map(|empty| view! {
                    <option value="" selected=move || selected.get().is_empty()>{lang.t(empty)}</option>
                })}
                {options.into_iter().map(|(code, text)| {
                    let is = code.clone();
                    view! { <option value=code selected=move || selected.get() == is>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
