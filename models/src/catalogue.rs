//! The catalogue's shared cache generation. List pages are cached in Redis under a key that includes
//! this counter; anything that changes what a list shows (a game becomes listed or unlisted, its
//! texts change, it is deleted or featured) bumps it after commit, so every cached page is stale at
//! once, on every replica. Counters (plays, ratings) do not bump it: they reach cached pages when
//! those expire (a short TTL), which a list view tolerates.

use redis::aio::ConnectionManager;

pub fn generation_key(prefix: &str) -> String {
    format!("{prefix}catalogue:gen")
}

/// Makes every cached list page stale. Best effort: if Redis is away, so is the cache.
pub async fn bump(conn: &mut ConnectionManager, prefix: &str) {
    let res: Result<i64, _> = redis::cmd("INCR")
        .arg(generation_key(prefix))
        .query_async(conn)
        .await;
    if let Err(e) = res {
        tracing::warn!(error = %e, "could not bump the catalogue cache generation");
    }
}

// ------------------------------------------------------------------------------------ list / search
//
// The one query in the code base built at run time (sqlx's QueryBuilder, every value bound): a list
// page combines up to eight optional filters with five orders and three visibilities, and a fixed
// statement with `$n IS NULL OR ...` guards would hide the filters from the planner once Postgres
// switches to a generic plan. Built this way each shape is its own prepared statement, and the
// public lists spell `g.listed` literally so the partial indexes of the catalogue migration apply.
// The shapes are covered by tests and their plans are in benches/RESULTS.md.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    New,
    Popular,
    Top,
    Trending,
    /// Search only: best match first.
    Relevance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Public, active, approved games: what anyone may see.
    Listed,
    /// Every non-deleted game of one creator (the creator looking at their own games).
    Creator(Uuid),
    /// Every non-deleted game (moderators and admins).
    All,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Filters {
    pub category: Option<String>,
    pub difficulty: Option<String>,
    pub tags_any: Option<Vec<String>>,
    pub tags_all: Option<Vec<String>>,
    pub creator: Option<Uuid>,
    pub featured: bool,
    pub min_rating: Option<f64>,
    pub q: Option<String>,
}

/// The sort key of the last row of a page (the cursor's content).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "s", rename_all = "snake_case")]
pub enum Cursor {
    New {
        t: DateTime<Utc>,
        id: Uuid,
    },
    Popular {
        n: i32,
        id: Uuid,
    },
    Top {
        r: f64,
        n: i32,
        id: Uuid,
    },
    Trending {
        x: f64,
        id: Uuid,
    },
    Relevance {
        x: f64,
        id: Uuid,
    },
    /// A relevance page of the typo-tolerant fallback.
    Fuzzy {
        x: f64,
        id: Uuid,
    },
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ListRow {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub category: String,
    pub difficulty: String,
    pub tags: Vec<String>,
    pub thumbnail_url: Option<String>,
    pub creator_id: Uuid,
    pub creator_username: String,
    pub creator_display_name: Option<String>,
    pub play_count: i32,
    pub rating: f64,
    pub rating_count: i32,
    pub fork_count: i32,
    pub is_featured: bool,
    pub is_public: bool,
    pub status: crate::games::GameStatus,
    pub review: String,
    pub trend_score: f64,
    pub rank: f64,
    /// Matched by the typo-tolerant fallback.
    pub fuzzy: bool,
    pub price: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl ListRow {
    pub fn cursor(&self, sort: Sort) -> Cursor {
        match sort {
            Sort::New => Cursor::New {
                t: self.created_at,
                id: self.id,
            },
            Sort::Popular => Cursor::Popular {
                n: self.play_count,
                id: self.id,
            },
            Sort::Top => Cursor::Top {
                r: self.rating,
                n: self.rating_count,
                id: self.id,
            },
            Sort::Trending => Cursor::Trending {
                x: self.trend_score,
                id: self.id,
            },
            Sort::Relevance if self.fuzzy => Cursor::Fuzzy {
                x: self.rank,
                id: self.id,
            },
            Sort::Relevance => Cursor::Relevance {
                x: self.rank,
                id: self.id,
            },
        }
    }
}

/// Descriptions in lists are cut to this many characters.
pub const LIST_DESCRIPTION_CHARS: i32 = 280;

/// How a search query matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Matching {
    /// Full-text: stemmed words, weighted title > tags > description (GIN on search_vector).
    Words,
    /// Typo tolerance: trigram word similarity of the title (GIN on lower(title)).
    Fuzzy,
}

/// One page (`limit + 1` rows: the extra one says whether a next page exists). A cursor of another
/// sort is the caller's error and must be refused before.
///
/// A search matches words first. Only when that finds nothing at all does a relevance search fall
/// back to typo-tolerant title matching ("did you mean"), and its cursors remember so. Asking for
/// both at once (`words OR similar title`) looked simpler, but the planner cannot estimate the OR
/// and scans the whole table for common words (measured: 180 ms at 100,000 games instead of a few).
pub async fn list(
    db: &PgPool,
    vis: Visibility,
    f: &Filters,
    sort: Sort,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<Vec<ListRow>, sqlx::Error> {
    if f.q.is_none() {
        return list_matching(db, vis, f, sort, cursor, limit, Matching::Words).await;
    }
    if let Some(Cursor::Fuzzy { .. }) = cursor {
        return list_matching(db, vis, f, sort, cursor, limit, Matching::Fuzzy).await;
    }
    let rows = list_matching(db, vis, f, sort, cursor, limit, Matching::Words).await?;
    if rows.is_empty() && cursor.is_none() && sort == Sort::Relevance {
        return list_matching(db, vis, f, sort, None, limit, Matching::Fuzzy).await;
    }
    Ok(rows)
}

#[allow(clippy::too_many_arguments)]
/// The list filters other than visibility and text.
fn push_filters(qb: &mut QueryBuilder<Postgres>, f: &Filters) {
    if let Some(c) = &f.category {
        qb.push(" AND g.category = ");
        qb.push_bind(c.clone());
    }
    if let Some(d) = &f.difficulty {
        qb.push(" AND g.difficulty = ");
        qb.push_bind(d.clone());
    }
    if let Some(t) = &f.tags_any {
        qb.push(" AND g.tags && ");
        qb.push_bind(t.clone());
    }
    if let Some(t) = &f.tags_all {
        qb.push(" AND g.tags @> ");
        qb.push_bind(t.clone());
    }
    if let Some(c) = f.creator {
        qb.push(" AND g.creator_id = ");
        qb.push_bind(c);
    }
    if f.featured {
        qb.push(" AND g.is_featured");
    }
    if let Some(r) = f.min_rating {
        qb.push(" AND g.rating >= ");
        qb.push_bind(r);
        qb.push("::numeric");
    }
}

/// The keyset condition of a page after `c`: keyset conditions and orders name the indexed
/// columns themselves (`g.rating`, not the float the row carries), so the index order is the page
/// order.
fn push_keyset(qb: &mut QueryBuilder<Postgres>, cols: &str, c: &Cursor) {
    qb.push(format!(" AND ({cols}) < ("));
    let mut sep = qb.separated(", ");
    match c {
        Cursor::New { t, id } => {
            sep.push_bind(*t);
            sep.push_bind(*id);
        }
        Cursor::Popular { n, id } => {
            sep.push_bind(*n);
            sep.push_bind(*id);
        }
        Cursor::Top { r, n, id } => {
            sep.push_bind(*r);
            sep.push_unseparated("::numeric");
            sep.push_bind(*n);
            sep.push_bind(*id);
        }
        Cursor::Trending { x, id } | Cursor::Relevance { x, id } | Cursor::Fuzzy { x, id } => {
            sep.push_bind(*x);
            sep.push_bind(*id);
        }
    }
    qb.push(")");
}

async fn list_matching(
    db: &PgPool,
    vis: Visibility,
    f: &Filters,
    sort: Sort,
    cursor: Option<&Cursor>,
    limit: i64,
    matching: Matching,
) -> Result<Vec<ListRow>, sqlx::Error> {
    let relevance = sort == Sort::Relevance;
    let mut qb: QueryBuilder<Postgres> = QueryBuilder::new(if relevance {
        "SELECT * FROM (SELECT g.id, g.title, left(g.description, "
    } else {
        "SELECT g.id, g.title, left(g.description, "
    });
    qb.push(LIST_DESCRIPTION_CHARS.to_string());
    qb.push(
        ") AS description, g.category, g.difficulty, g.tags, g.thumbnail_url, g.creator_id, \
         u.username AS creator_username, u.display_name AS creator_display_name, g.play_count, \
         g.rating::float8 AS rating, g.rating_count, g.fork_count, g.is_featured, g.is_public, g.status, \
         g.review, g.trend_score, g.created_at, \
         (SELECT l.price::text FROM marketplace_listings l WHERE l.game_id = g.id AND l.is_active) AS price, ",
    );
    qb.push(if matching == Matching::Fuzzy {
        "true AS fuzzy, "
    } else {
        "false AS fuzzy, "
    });
    match (&f.q, matching) {
        (Some(q), Matching::Words) => {
            // Cover density over the weighted vector (title A > tags B > description C),
            // normalised by length (32). Only what the index found is ranked.
            qb.push("ts_rank_cd(g.search_vector, websearch_to_tsquery('english', ");
            qb.push_bind(q.clone());
            qb.push("), 32)::float8 AS rank ");
        }
        (Some(q), Matching::Fuzzy) => {
            qb.push("word_similarity(");
            qb.push_bind(q.to_lowercase());
            qb.push(", lower(g.title))::float8 AS rank ");
        }
        (None, _) => {
            qb.push("0::float8 AS rank ");
        }
    }
    qb.push("FROM games g JOIN users u ON u.id = g.creator_id WHERE ");
    match vis {
        Visibility::Listed => {
            qb.push("g.listed");
        }
        Visibility::Creator(id) => {
            qb.push("g.status <> 'deleted' AND g.creator_id = ");
            qb.push_bind(id);
        }
        Visibility::All => {
            qb.push("g.status <> 'deleted'");
        }
    }
    match (&f.q, matching) {
        (Some(q), Matching::Words) => {
            qb.push(" AND g.search_vector @@ websearch_to_tsquery('english', ");
            qb.push_bind(q.clone());
            qb.push(")");
        }
        (Some(q), Matching::Fuzzy) => {
            qb.push(" AND lower(g.title) %> ");
            qb.push_bind(q.to_lowercase());
        }
        (None, _) => {}
    }
    push_filters(&mut qb, f);
    let (cols, order) = match sort {
        Sort::New => ("g.created_at, g.id", "g.created_at DESC, g.id DESC"),
        Sort::Popular => ("g.play_count, g.id", "g.play_count DESC, g.id DESC"),
        Sort::Top => (
            "g.rating, g.rating_count, g.id",
            "g.rating DESC, g.rating_count DESC, g.id DESC",
        ),
        Sort::Trending => ("g.trend_score, g.id", "g.trend_score DESC, g.id DESC"),
        Sort::Relevance => ("s.rank, s.id", "s.rank DESC, s.id DESC"),
    };
    if relevance {
        // The rank is computed: page over the computed rows.
        qb.push(") s WHERE true");
    }
    if let Some(c) = cursor {
        push_keyset(&mut qb, cols, c);
    }
    qb.push(" ORDER BY ");
    qb.push(order);
    qb.push(" LIMIT ");
    qb.push_bind(limit);
    qb.build_query_as::<ListRow>().fetch_all(db).await
}
