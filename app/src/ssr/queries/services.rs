//! Aggregates of survivors' feedback. One grouped query counts every answer; the K rule of
//! `domain::anonymity` then decides what may be shown. Spam is never counted.
use std::collections::{BTreeMap, HashMap};

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Statement,
};
use tower_sessions::Session;

use super::convert::bilingual;
use crate::{
    api::{
        error::AppError,
        services::{ServiceGroup, ServicesSummary},
    },
    domain::{
        anonymity::{Row, Tally, showable},
        bilingual::Bilingual,
        feedback::{Answer, ModerationState, Question, ServiceType},
        lang::Lang,
        role::{Action, Role},
    },
    ssr::{
        auth::guard::{authorize, refuse},
        entities::{feedback, organisation},
        settings::anonymity_threshold,
        state::AppState,
    },
};

/// Quotes shown under each service.
const QUOTES_PER_SERVICE: usize = 3;

/// One group of the grouped query.
struct Cell {
    service: ServiceType,
    province: String,
    organisation_id: Option<i32>,
    tally: Tally,
}

fn answer_column(question: Question) -> &'static str {
    match question {
        Question::Respect => "ans_respect",
        Question::Safe => "ans_safe",
        Question::Privacy => "ans_privacy",
        Question::Rights => "ans_rights",
        Question::Choice => "ans_choice",
        Question::Helped => "ans_helped",
    }
}

/// Counts by service, province and organisation, with every answer summed, in one query.
async fn cells(db: &impl ConnectionTrait, organisation: Option<i32>) -> Result<Vec<Cell>, DbErr> {
    let mut sums = Vec::new();
    for (q, question) in Question::ALL.iter().enumerate() {
        for (a, answer) in Answer::ALL.iter().enumerate() {
            sums.push(format!(
                "SUM(CASE WHEN {} = '{}' THEN 1 ELSE 0 END) AS a{q}_{a}",
                answer_column(*question),
                answer.code()
            ));
        }
    }
    let only_org = organisation
        .map(|id| format!(" AND organisation_id = {id}"))
        .unwrap_or_default();
    let sql = format!(
        "SELECT service_type, province, organisation_id, COUNT(*) AS people, {} \
         FROM feedback WHERE moderation_state <> '{}'{only_org} \
         GROUP BY service_type, province, organisation_id",
        sums.join(", "),
        ModerationState::Spam.code(),
    );
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    let mut cells = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(service) = ServiceType::parse(&row.try_get::<String>("", "service_type")?) else {
            continue;
        };
        let count = |name: &str| -> Result<u32, DbErr> {
            let n: i64 = row.try_get("", name)?;
            Ok(u32::try_from(n).unwrap_or(u32::MAX))
        };
        let mut tally = Tally {
            people: count("people")?,
            ..Tally::default()
        };
        for (q, per_answer) in tally.answers.iter_mut().enumerate() {
            for (a, slot) in per_answer.iter_mut().enumerate() {
                *slot = count(&format!("a{q}_{a}"))?;
            }
        }
        cells.push(Cell {
            service,
            province: row.try_get("", "province")?,
            organisation_id: row.try_get("", "organisation_id")?,
            tally,
        });
    }
    Ok(cells)
}

fn group<K: Ord + Clone>(cells: &[&Cell], key: impl Fn(&Cell) -> K) -> Vec<(K, Tally)> {
    let mut groups: BTreeMap<K, Tally> = BTreeMap::new();
    for cell in cells {
        groups.entry(key(cell)).or_default().add(&cell.tally);
    }
    groups.into_iter().collect()
}

async fn summary(state: &AppState, organisation: Option<i32>) -> Result<ServicesSummary, AppError> {
    let k = anonymity_threshold(&state.db).await?;
    let cells = cells(&state.db, organisation).await?;
    let all: Vec<&Cell> = cells.iter().collect();
    let names: HashMap<i32, Bilingual> = organisation::Entity::find()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|o| (o.id, bilingual(o.name_km, o.name_en, &o.original_lang)))
        .collect();
    let total: u32 = cells.iter().map(|c| c.tally.people).sum();
    let service_rows = showable(group(&all, |c| c.service), k);
    let shown: Vec<ServiceType> = service_rows.iter().filter_map(|r| r.key).collect();
    let mut quotes = quotes(state, organisation, &shown).await?;
    let services = service_rows
        .into_iter()
        .map(|row| {
            let inside: Vec<&Cell> = match row.key {
                Some(service) => all
                    .iter()
                    .copied()
                    .filter(|c| c.service == service)
                    .collect(),
                None => Vec::new(),
            };
            let by_province = showable(group(&inside, |c| c.province.clone()), k);
            let by_organisation = showable(group(&inside, |c| c.organisation_id), k)
                .into_iter()
                .map(|r| Row {
                    key: r.key.map(|id| id.and_then(|id| names.get(&id).cloned())),
                    tally: r.tally,
                })
                .collect();
            let quotes = row.key.and_then(|s| quotes.remove(&s)).unwrap_or_default();
            ServiceGroup {
                row,
                by_province,
                by_organisation,
                quotes,
            }
        })
        .collect();
    Ok(ServicesSummary {
        threshold: k,
        total: (total >= k).then_some(total),
        services,
        organisation: organisation.and_then(|id| names.get(&id).cloned()),
    })
}

/// The newest published copies, a few per shown service, in both languages where translated.
async fn quotes(
    state: &AppState,
    organisation: Option<i32>,
    shown: &[ServiceType],
) -> Result<HashMap<ServiceType, Vec<Bilingual>>, DbErr> {
    let mut q = feedback::Entity::find()
        .filter(feedback::Column::ModerationState.eq(ModerationState::Published.code()))
        .filter(feedback::Column::TextRedacted.is_not_null())
        .filter(feedback::Column::ServiceType.is_in(shown.iter().map(|s| s.code())));
    if let Some(id) = organisation {
        q = q.filter(feedback::Column::OrganisationId.eq(id));
    }
    let published = q
        .order_by_desc(feedback::Column::ReceivedOn)
        .order_by_asc(feedback::Column::Id)
        .limit((shown.len() * QUOTES_PER_SERVICE * 4) as u64)
        .all(&state.db)
        .await?;
    let mut by_service: HashMap<ServiceType, Vec<Bilingual>> = HashMap::new();
    for f in published {
        let Some(service) = ServiceType::parse(&f.service_type) else {
            continue;
        };
        let list = by_service.entry(service).or_default();
        if list.len() >= QUOTES_PER_SERVICE {
            continue;
        }
        let original = f
            .text_lang
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or_default();
        let (km, en) = match original {
            Lang::Km => (f.text_redacted, f.text_translated),
            Lang::En => (f.text_translated, f.text_redacted),
        };
        list.push(Bilingual::new(km, en, original));
    }
    Ok(by_service)
}

/// For everyone.
pub async fn public(state: &AppState) -> Result<ServicesSummary, AppError> {
    summary(state, None).await
}

/// For an official: their own organisation's services, under the same K rule.
pub async fn mine(state: &AppState, session: &Session) -> Result<ServicesSummary, AppError> {
    let signed_in = authorize(session, state, Action::ViewOwnAccount).await?;
    let actor = signed_in.actor;
    match (actor.role, actor.organisation_id) {
        (Role::Official, Some(org)) => summary(state, Some(org)).await,
        _ => Err(refuse(AppError::Forbidden)),
    }
}
