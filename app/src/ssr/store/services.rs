//! Aggregates of survivors' feedback: everyone's from the running tallies (`ssr::tallies`),
//! one organisation's from its own rows. The K rule of `domain::anonymity` then decides what
//! may be shown. Spam is never counted.
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use tower_sessions::Session;

use super::convert::bilingual;
use crate::{
    domain::{
        anonymity::{Row, Tally, showable},
        bilingual::Bilingual,
        feedback::{ModerationState, ServiceType},
        lang::Lang,
        role::{Action, Role},
    },
    error::AppError,
    ssr::{
        auth::guard::{authorize, refuse},
        entities::{feedback, organisation},
        settings::anonymity_threshold,
        state::AppState,
        tallies,
    },
    views::services::{ServiceGroup, ServicesSummary},
};

/// Quotes shown under each service.
const QUOTES_PER_SERVICE: usize = 3;

/// Organisations listed under each service on the summary of every service (a national
/// data set has hundreds; the page of one service lists them all).
pub const ORGANISATIONS_PER_SERVICE: usize = 10;

/// The counts a summary is made of: per service and province, per service and organisation.
#[derive(Default)]
struct Counts {
    by_province: Vec<(ServiceType, String, Tally)>,
    by_organisation: Vec<(ServiceType, Option<i32>, Tally)>,
    /// Channel codes (how feedback came in), everyone's only.
    by_channel: Vec<(String, Tally)>,
}

/// Everyone's feedback: the running tallies, a few thousand rows however much feedback there is.
async fn everyone(db: &impl ConnectionTrait) -> Result<Counts, DbErr> {
    let mut counts = Counts::default();
    for c in tallies::nationwide(db).await? {
        match c.dimension.as_str() {
            tallies::BY_PROVINCE => counts.by_province.push((c.service, c.value, c.tally)),
            tallies::BY_ORGANISATION => {
                counts
                    .by_organisation
                    .push((c.service, c.value.parse().ok(), c.tally));
            }
            tallies::BY_CHANNEL => counts.by_channel.push((c.value, c.tally)),
            _ => {}
        }
    }
    Ok(counts)
}

/// One organisation's feedback: its own running counts, a few hundred rows at most.
async fn one_organisation(db: &impl ConnectionTrait, organisation: i32) -> Result<Counts, DbErr> {
    let mut counts = Counts::default();
    for c in tallies::organisation(db, organisation).await? {
        counts.by_province.push((c.service, c.value, c.tally));
    }
    counts.by_organisation = group(counts.by_province.iter().map(|(s, _, t)| (*s, t)), |s| *s)
        .into_iter()
        .map(|(service, tally)| (service, Some(organisation), tally))
        .collect();
    Ok(counts)
}

/// Sums tallies that share a key.
fn group<'a, K: Ord + Clone + 'a, R: Ord>(
    rows: impl Iterator<Item = (K, &'a Tally)>,
    key: impl Fn(&K) -> R,
) -> Vec<(R, Tally)> {
    let mut groups: BTreeMap<R, Tally> = BTreeMap::new();
    for (k, tally) in rows {
        groups.entry(key(&k)).or_default().add(tally);
    }
    groups.into_iter().collect()
}

/// Everyone's summary (`None`) or one organisation's (their officials' dashboard).
pub async fn summary(
    db: &impl ConnectionTrait,
    organisation: Option<i32>,
    today: NaiveDate,
) -> Result<ServicesSummary, DbErr> {
    let k = anonymity_threshold(db).await?;
    let counts = match organisation {
        None => everyone(db).await?,
        Some(id) => one_organisation(db, id).await?,
    };
    let names: HashMap<i32, Bilingual> = organisation::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, bilingual(o.name_km, o.name_en, &o.original_lang)))
        .collect();
    let per_service = group(counts.by_province.iter().map(|(s, _, t)| (*s, t)), |s| *s);
    let total: u32 = per_service.iter().map(|(_, t)| t.people).sum();
    let service_rows = showable(per_service, k);
    let shown: Vec<ServiceType> = service_rows.iter().filter_map(|r| r.key).collect();
    let mut quotes = quotes(db, organisation, &shown, today).await?;
    let services = service_rows
        .into_iter()
        .map(|row| {
            let service = row.key;
            let by_province = showable(
                group(
                    counts
                        .by_province
                        .iter()
                        .filter(|(s, _, _)| Some(*s) == service)
                        .map(|(_, p, t)| (p.clone(), t)),
                    |p| p.clone(),
                ),
                k,
            );
            let by_organisation = showable(
                group(
                    counts
                        .by_organisation
                        .iter()
                        .filter(|(s, _, _)| Some(*s) == service)
                        .map(|(_, o, t)| (*o, t)),
                    |o| *o,
                ),
                k,
            )
            .into_iter()
            .map(|r| Row {
                key: r.key.map(|id| id.and_then(|id| names.get(&id).cloned())),
                tally: r.tally,
            })
            .collect();
            let quotes = service.and_then(|s| quotes.remove(&s)).unwrap_or_default();
            ServiceGroup {
                row,
                by_province,
                by_organisation,
                more_organisations: 0,
                named_organisations: 0,
                quotes,
            }
        })
        .collect();
    // How voices came in, over every service: each way shown alone only when K or more came
    // that way, the others together.
    let channels = showable(
        group(counts.by_channel.iter().map(|(c, t)| (c.clone(), t)), |c| {
            c.clone()
        }),
        k,
    );
    Ok(ServicesSummary {
        threshold: k,
        total: (total >= k).then_some(total),
        channels,
        services,
        organisation: organisation.and_then(|id| names.get(&id).cloned()),
    })
}

/// The newest published copies received before today, a few per shown service, in both
/// languages where translated, shown in the order of their random ids: a quote never appears
/// on the day its writer sent it, nor in the order quotes arrived, so staff who know when
/// someone wrote cannot pick out her words.
async fn quotes(
    db: &impl ConnectionTrait,
    organisation: Option<i32>,
    shown: &[ServiceType],
    today: NaiveDate,
) -> Result<HashMap<ServiceType, Vec<Bilingual>>, DbErr> {
    let mut q = feedback::Entity::find()
        .filter(feedback::Column::ModerationState.eq(ModerationState::Published.code()))
        .filter(feedback::Column::TextRedacted.is_not_null())
        .filter(feedback::Column::ReceivedOn.lt(today))
        .filter(feedback::Column::ServiceType.is_in(shown.iter().map(|s| s.code())));
    if let Some(id) = organisation {
        q = q.filter(feedback::Column::OrganisationId.eq(id));
    }
    let published = q
        // Both descending: the quotes index (state, day, and the id a key ends in) gives
        // this order without sorting.
        .order_by_desc(feedback::Column::ReceivedOn)
        .order_by_desc(feedback::Column::Id)
        .limit((shown.len() * QUOTES_PER_SERVICE * 4) as u64)
        .all(db)
        .await?;
    let mut by_service: HashMap<ServiceType, Vec<Bilingual>> = HashMap::new();
    // Newest first picks them; their random ids order them.
    let mut published = published;
    let mut chosen: HashMap<ServiceType, usize> = HashMap::new();
    published.retain(|f| {
        let Some(service) = ServiceType::parse(&f.service_type) else {
            return false;
        };
        let n = chosen.entry(service).or_default();
        *n += 1;
        *n <= QUOTES_PER_SERVICE
    });
    published.sort_by_key(|f| f.id);
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

/// For everyone: every service with its largest organisations, or one service (`service`
/// its code) with all of them. An unknown code is refused.
pub async fn public(state: &AppState, service: Option<&str>) -> Result<ServicesSummary, AppError> {
    let today = state.clock.today();
    let mut summary = state
        .kept
        .services
        .read(&state.writes, today, summary(&state.db, None, today))
        .await?;
    match service.filter(|code| !code.is_empty()) {
        Some(code) => {
            let service = ServiceType::parse(code).ok_or(AppError::NotFound)?;
            summary.services.retain(|g| g.row.key == Some(service));
            // The ways voices came in are counted over every service, not this one.
            summary.channels.clear();
        }
        None => {
            for group in &mut summary.services {
                keep_largest_organisations(group, ORGANISATIONS_PER_SERVICE);
            }
        }
    }
    Ok(summary)
}

/// Keeps the `n` organisations with the most people (ties in their first order) and counts
/// the rest.
fn keep_largest_organisations(group: &mut ServiceGroup, n: usize) {
    let rows = &mut group.by_organisation;
    if rows.len() <= n {
        return;
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.tally.people));
    let named = rows
        .iter()
        .filter(|r| matches!(r.key, Some(Some(_))))
        .count();
    group.named_organisations = u32::try_from(named).unwrap_or(u32::MAX);
    group.more_organisations = u32::try_from(rows.len() - n).unwrap_or(u32::MAX);
    rows.truncate(n);
}

/// For an official: their own organisation's services, under the same K rule.
pub async fn mine(state: &AppState, session: &Session) -> Result<ServicesSummary, AppError> {
    let signed_in = authorize(session, state, Action::ViewOwnAccount).await?;
    let actor = signed_in.actor;
    match (actor.role, actor.organisation_id) {
        (Role::Official, Some(org)) => {
            Ok(summary(&state.db, Some(org), state.clock.today()).await?)
        }
        _ => Err(refuse(AppError::Forbidden)),
    }
}

#[cfg(test)]
mod tests {
    use super::keep_largest_organisations;
    use crate::{
        domain::anonymity::{Row, Tally},
        views::services::ServiceGroup,
    };

    fn row(people: u32) -> Row<Option<crate::domain::bilingual::Bilingual>> {
        Row {
            key: Some(None),
            tally: Tally {
                people,
                ..Tally::default()
            },
        }
    }

    #[test]
    fn only_the_largest_organisations_are_kept_and_the_rest_counted() {
        let mut group = ServiceGroup {
            row: Row {
                key: None,
                tally: Tally::default(),
            },
            by_province: Vec::new(),
            by_organisation: [7, 30, 12, 5, 30].into_iter().map(row).collect(),
            more_organisations: 0,
            named_organisations: 0,
            quotes: Vec::new(),
        };
        keep_largest_organisations(&mut group, 3);
        let kept: Vec<u32> = group
            .by_organisation
            .iter()
            .map(|r| r.tally.people)
            .collect();
        assert_eq!(kept, [30, 30, 12]);
        assert_eq!(group.more_organisations, 2);
        assert_eq!(
            group.named_organisations, 0,
            "only \"did not know\" rows here"
        );

        keep_largest_organisations(&mut group, 3);
        assert_eq!(group.more_organisations, 2, "nothing more to leave out");
    }
}
