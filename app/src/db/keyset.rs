//! Keyset pagination (see [`crate::ui::ListPosition`]): a list ordered by one key with the id
//! as tie-breaker is read from a position through the index on `(key, id)` instead of with
//! `OFFSET`, so page 2,000 costs what page 1 does. [`page`] does it for a SeaORM select;
//! hand-written queries use [`reads_descending`] and [`assemble`] the same way.

use crate::ui::{ListPage, ListPosition};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, ModelTrait, Order, QueryFilter, QueryOrder,
    QuerySelect, Select,
};

/// Rows per page of the staff workspace's long lists.
pub const STAFF_PAGE: u64 = 50;

/// How a list is ordered: by `sort`, ties broken by `id` in the same direction.
pub struct Keyset<E: EntityTrait> {
    pub sort: E::Column,
    pub id: E::Column,
    pub newest_first: bool,
    /// The id of a row, as the list's links carry it.
    pub id_of: fn(&E::Model) -> i64,
}

/// Whether the rows for `position` are read in descending key order: the list's own order,
/// except for the page before a row, which is read backwards from it.
pub fn reads_descending(newest_first: bool, position: ListPosition) -> bool {
    newest_first != matches!(position, ListPosition::Before(_))
}

/// The page from up to `size + 1` rows read for `position` (in the order of
/// [`reads_descending`]); the extra row only tells that there is more. `None` when a page
/// before a row reaches the list's start: the caller shows the start page instead, so going
/// back always ends on the same first page rather than a short one.
pub fn assemble<T>(
    mut rows: Vec<T>,
    size: u64,
    position: ListPosition,
    id_of: impl Fn(&T) -> i64,
) -> Option<ListPage<T>> {
    let more = rows.len() as u64 > size;
    rows.truncate(size as usize);
    let before = |r: &T| ListPosition::Before(id_of(r));
    let after = |r: &T| ListPosition::After(id_of(r));
    let (previous, next) = match position {
        ListPosition::First => (None, rows.last().filter(|_| more).map(after)),
        ListPosition::After(_) => (
            rows.first().map(before),
            rows.last().filter(|_| more).map(after),
        ),
        ListPosition::Before(_) if !more => return None,
        ListPosition::Before(_) => {
            rows.reverse();
            (rows.first().map(before), rows.last().map(after))
        }
    };
    Some(ListPage {
        rows,
        previous,
        next,
    })
}

/// `size` rows of `select` at `position`, and where the pages around it start. An unknown
/// anchor id (the row was deleted since, or does not match the select) reads as the start.
pub async fn page<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    keyset: &Keyset<E>,
    position: ListPosition,
    size: u64,
) -> Result<ListPage<E::Model>, DbErr> {
    let anchor = match position {
        ListPosition::First => None,
        ListPosition::After(id) | ListPosition::Before(id) => select
            .clone()
            .filter(keyset.id.eq(id))
            .one(db)
            .await?
            .map(|row| (row.get(keyset.sort), id)),
    };
    let position = if anchor.is_some() {
        position
    } else {
        ListPosition::First
    };
    let descending = reads_descending(keyset.newest_first, position);
    let mut read = select.clone();
    if let Some((sort_value, anchor_id)) = anchor {
        let key = Expr::tuple([Expr::col(keyset.sort), Expr::col(keyset.id)]);
        let at = Expr::tuple([Expr::val(sort_value), Expr::val(anchor_id)]);
        read = read.filter(if descending { key.lt(at) } else { key.gt(at) });
    }
    let order = if descending { Order::Desc } else { Order::Asc };
    let rows = read
        .order_by(keyset.sort, order.clone())
        .order_by(keyset.id, order)
        .limit(size + 1)
        .all(db)
        .await?;
    match assemble(rows, size, position, keyset.id_of) {
        Some(page) => Ok(page),
        None => Box::pin(self::page(db, select, keyset, ListPosition::First, size)).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(page: &ListPage<i64>) -> Vec<i64> {
        page.rows.clone()
    }

    #[test]
    fn the_first_page_links_only_onwards_and_only_when_there_is_more() {
        let page = assemble(vec![9, 8, 7], 2, ListPosition::First, |r| *r).unwrap();
        assert_eq!(ids(&page), vec![9, 8]);
        assert_eq!(page.previous, None);
        assert_eq!(page.next, Some(ListPosition::After(8)));
        let all = assemble(vec![9, 8], 2, ListPosition::First, |r| *r).unwrap();
        assert_eq!(all.next, None);
    }

    #[test]
    fn a_page_after_a_row_links_back_to_its_first_row() {
        let page = assemble(vec![7, 6, 5], 2, ListPosition::After(8), |r| *r).unwrap();
        assert_eq!(ids(&page), vec![7, 6]);
        assert_eq!(page.previous, Some(ListPosition::Before(7)));
        assert_eq!(page.next, Some(ListPosition::After(6)));
        let last = assemble(vec![7], 2, ListPosition::After(8), |r| *r).unwrap();
        assert_eq!(last.next, None);
        assert_eq!(last.previous, Some(ListPosition::Before(7)));
    }

    #[test]
    fn a_page_before_a_row_is_read_backwards_and_turned_round() {
        // Rows before 5 in a descending list, read ascending: 6, 7, (8 = more).
        let page = assemble(vec![6, 7, 8], 2, ListPosition::Before(5), |r| *r).unwrap();
        assert_eq!(ids(&page), vec![7, 6]);
        assert_eq!(page.previous, Some(ListPosition::Before(7)));
        assert_eq!(page.next, Some(ListPosition::After(6)));
        // Reaching the start: the caller shows the start page.
        assert!(assemble(vec![6, 7], 2, ListPosition::Before(5), |r| *r).is_none());
    }

    #[test]
    fn the_read_direction_follows_the_list_and_the_position() {
        assert!(reads_descending(true, ListPosition::First));
        assert!(reads_descending(true, ListPosition::After(1)));
        assert!(!reads_descending(true, ListPosition::Before(1)));
        assert!(!reads_descending(false, ListPosition::After(1)));
        assert!(reads_descending(false, ListPosition::Before(1)));
    }
}
