use leptos::prelude::*;

use crate::components::page_title::PageTitle;

use crate::{
    components::{
        prompt::Prompt,
        service_icon::{AnswerIcon, ServiceIcon},
        survivor_form::{
            AlreadyReceived, Busy, FieldProblem, Honeypot, PaperEntered, ProblemSummary, Received,
        },
        textarea_text::textarea_text,
    },
    domain::{
        feedback::{Answer, Question, ServiceType},
        province::Province,
        submission::{PAPER_CODE_FIELD, UNKNOWN_ORGANISATION, question_field},
    },
    i18n::{t, use_lang},
    paths,
    views::{
        prompts::Prompts,
        survivor::{Draft, OrgChoice, SurvivorView},
    },
};

/// Anonymous feedback on a service: one page, plain words, no account, no JavaScript.
#[component]
pub fn FeedbackPage() -> impl IntoView {
    let lang = use_lang();
    let page = match use_context::<SurvivorView>() {
        Some(SurvivorView::Received {
            kind,
            code_grouped,
            assisted,
        }) => view! { <Received kind code_grouped assisted/> }.into_any(),
        Some(SurvivorView::Busy) => view! { <Busy/> }.into_any(),
        Some(SurvivorView::PaperEntered) => view! { <PaperEntered/> }.into_any(),
        Some(SurvivorView::AlreadyReceived { kind }) => {
            view! { <AlreadyReceived kind/> }.into_any()
        }
        Some(SurvivorView::Feedback {
            organisations,
            draft,
        }) => view! { <FeedbackForm organisations draft/> }.into_any(),
        _ => view! { <FeedbackForm organisations=Vec::new() draft=Draft::default()/> }.into_any(),
    };
    view! {
        <PageTitle lang what=t(lang, "feedback-title")/>
        {page}
    }
}

/// The form itself; `assisted` when a facilitator fills it with or for a survivor (her page
/// says so above it).
#[component]
pub fn FeedbackForm(
    organisations: Vec<OrgChoice>,
    draft: Draft,
    #[prop(optional)] assisted: bool,
) -> impl IntoView {
    let lang = use_lang();
    // A returned paper sheet: the form carries the field for the sheet's code.
    let paper = draft.values.contains_key(PAPER_CODE_FIELD);
    let (title, intro) = if paper {
        ("paper-enter-title", "paper-enter-intro")
    } else if assisted {
        ("assisted-title", "assisted-intro")
    } else {
        ("feedback-title", "feedback-intro")
    };
    let paper_code = paper.then(|| {
        view! {
            <div class="field" id=PAPER_CODE_FIELD>
                <label for="paper-code-box">{t(lang, "paper-code-label")}</label>
                <p class="hint">{t(lang, "paper-code-hint")}</p>
                <FieldProblem draft=draft.clone() field=PAPER_CODE_FIELD/>
                <input
                    id="paper-code-box"
                    name=PAPER_CODE_FIELD
                    inputmode="numeric"
                    autocomplete="off"
                    maxlength="64"
                    value=draft.value(PAPER_CODE_FIELD).to_string()
                />
            </div>
        }
    });
    let services = ServiceType::ALL
        .iter()
        .map(|service| {
            let checked = draft.value("service") == service.code();
            view! {
                <label class="choice">
                    <input type="radio" name="service" value=service.code() checked=checked/>
                    <ServiceIcon service=*service/>
                    <span>{t(lang, &service.label_key())}</span>
                </label>
            }
        })
        .collect_view();
    let provinces = Province::ALL
        .iter()
        .map(|p| {
            let selected = draft.value("province") == p.code();
            view! { <option value=p.code() selected=selected>{t(lang, &p.label_key())}</option> }
        })
        .collect_view();
    let chosen_org = draft.value("organisation").to_string();
    let orgs = organisations
        .into_iter()
        .map(|o| {
            let value = o.id.to_string();
            let selected = chosen_org == value;
            let name = o.name.show(lang).text.to_string();
            view! { <option value=value selected=selected>{name}</option> }
        })
        .collect_view();
    let questions = Question::ALL
        .iter()
        .map(|q| {
            let field = question_field(*q);
            let answers = Answer::ALL
                .iter()
                .map(|a| {
                    let checked = draft.value(&field) == a.code();
                    view! {
                        <label class="answer">
                            <input type="radio" name=field.clone() value=a.code() checked=checked/>
                            <AnswerIcon answer=*a/>
                            <span>{t(lang, &a.label_key())}</span>
                        </label>
                    }
                })
                .collect_view();
            let problem = draft
                .problem(&field)
                .map(|key| view! { <p class="field-problem">{t(lang, key)}</p> });
            view! {
                <fieldset class="answers" id=field.clone()>
                    <legend>{t(lang, &q.label_key())}</legend>
                    <Prompt key=q.label_key()/>
                    {problem}
                    <div class="answer-row">{answers}</div>
                </fieldset>
            }
        })
        .collect_view();
    let text = draft.value("text").to_string();
    view! {
        <h1>{t(lang, title)}</h1>
        <p class="lead">{t(lang, intro)}</p>
        {(!paper && !assisted).then(|| view! { <Prompt key="feedback-intro"/> })}
        <ProblemSummary draft=draft.clone()/>
        <form class="survivor" method="post" action=paths::feedback::FORM.at(&[&lang.code()])>
            {paper_code}
            <fieldset class="choices" id="service">
                <legend>{t(lang, "feedback-which-service")}</legend>
                <Prompt key="feedback-which-service"/>
                <FieldProblem draft=draft.clone() field="service"/>
                <div class="choice-grid">{services}</div>
            </fieldset>
            <div class="field" id="province">
                <label for="province-select">{t(lang, "feedback-province")}</label>
                <Prompt key="feedback-province"/>
                <FieldProblem draft=draft.clone() field="province"/>
                <select id="province-select" name="province">
                    <option value="">{t(lang, "form-choose")}</option>
                    {provinces}
                </select>
            </div>
            <div class="field" id="organisation">
                <label for="organisation-select">{t(lang, "feedback-organisation")}</label>
                <Prompt key="feedback-organisation"/>
                <p class="hint">{t(lang, "feedback-organisation-hint")}</p>
                <FieldProblem draft=draft.clone() field="organisation"/>
                <select id="organisation-select" name="organisation">
                    <option value=UNKNOWN_ORGANISATION>{t(lang, "feedback-organisation-unknown")}</option>
                    {orgs}
                </select>
            </div>
            <h2>{t(lang, "feedback-questions-title")}</h2>
            <AnswerPrompts/>
            {questions}
            <div class="field" id="text">
                <label for="text-box">{t(lang, "feedback-text-label")}</label>
                <Prompt key="feedback-text-label"/>
                <p class="hint">{t(lang, "feedback-text-hint")}</p>
                <FieldProblem draft=draft.clone() field="text"/>
                <textarea id="text-box" name="text" rows="5">{textarea_text(text)}</textarea>
            </div>
            <Honeypot draft=draft.clone()/>
            <p class="privacy-note">{t(lang, "survivor-privacy-note")}</p>
            <Prompt key="survivor-privacy-note"/>
            <button type="submit" class="primary">{t(lang, if paper { "paper-save" } else { "feedback-send" })}</button>
        </form>
    }
}

/// The four answers are the same for every question: their recordings are offered once,
/// above the questions, each beside its picture (and nothing when none is recorded).
#[component]
fn AnswerPrompts() -> impl IntoView {
    let lang = use_lang();
    let prompts = use_context::<Prompts>().unwrap_or_default();
    let recorded: Vec<Answer> = Answer::ALL
        .iter()
        .copied()
        .filter(|a| prompts.url(&a.label_key(), lang).is_some())
        .collect();
    (!recorded.is_empty()).then(|| {
        let rows = recorded
            .into_iter()
            .map(|a| {
                view! {
                    <li>
                        <AnswerIcon answer=a/>
                        <span>{t(lang, &a.label_key())}</span>
                        <Prompt key=a.label_key()/>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="answer-prompts">{rows}</ul> }
    })
}
