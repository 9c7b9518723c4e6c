use leptos::prelude::*;

use crate::{
    api::directory::get_body_list,
    components::{bilingual_text::BilingualText, error_view::ErrorView, page_title::PageTitle},
    domain::khmer,
    i18n::{Arg, t, t_args, use_lang},
    views::directory::BodyListItem,
};

/// Every body recommendations are addressed to, with how many it has answered, each linked
/// to its report card.
#[component]
pub fn BodiesPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_body_list());
    view! {
        <PageTitle lang what=t(lang, "bodies-title")/>
        <h1>{t(lang, "bodies-title")}</h1>
        <p class="lead">{t(lang, "bodies-intro")}</p>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(bodies) => {
                        let rows = bodies.into_iter().map(|body| view! { <BodyRow body/> }).collect_view();
                        view! { <ul class="directory">{rows}</ul> }.into_any()
                    }
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn BodyRow(body: BodyListItem) -> impl IntoView {
    let lang = use_lang();
    let addressed = i64::try_from(body.addressed).unwrap_or(i64::MAX);
    let answered = i64::try_from(body.answered).unwrap_or(i64::MAX);
    let figures = if addressed == 0 {
        t(lang, "bodies-nothing-addressed")
    } else {
        t_args(
            lang,
            "bodies-answered",
            &[
                ("count", Arg::Count(addressed)),
                ("addressed", khmer::number(addressed, lang).into()),
                ("answered", khmer::number(answered, lang).into()),
            ],
        )
    };
    view! {
        <li>
            <a href=format!("/{}/bodies/{}", lang.code(), body.id)><BilingualText text=body.name/></a>
            {body.kind.map(|k| view! { <span class="meta">{t(lang, &k.label_key())}</span> })}
            <span class="meta">{figures}</span>
        </li>
    }
}
