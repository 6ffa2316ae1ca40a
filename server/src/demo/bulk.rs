//! Multi-row inserts that give back the new rows' ids, for the generator's large tables: one
//! statement per few hundred rows instead of a round trip per row, which is what made a
//! million assessments on PostgreSQL take hours.

use sea_orm::{ActiveModelTrait, DatabaseTransaction, EntityTrait, IntoActiveModel};

/// Inserts `rows` in one statement and returns their ids in the order given. Both databases
/// number the rows of one multi-row INSERT in the order of its VALUES, but neither promises
/// the order of what RETURNING gives back: the rows come back sorted by id and each is checked
/// against the key it was given (`expected`), so another numbering is an error, never mixed-up
/// data.
pub async fn insert_returning_ids<E, A, K>(
    txn: &DatabaseTransaction,
    rows: Vec<A>,
    expected: &[K],
    key: impl Fn(&E::Model) -> K,
    id: impl Fn(&E::Model) -> i64,
) -> Result<Vec<i64>, String>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E> + Send,
    E::Model: IntoActiveModel<A>,
    K: PartialEq,
{
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut inserted = E::insert_many(rows)
        .exec_with_returning(txn)
        .await
        .map_err(|e| e.to_string())?;
    inserted.sort_by_key(&id);
    let in_order = inserted.len() == expected.len()
        && inserted.iter().zip(expected).all(|(row, k)| key(row) == *k);
    if !in_order {
        return Err("the database numbered a bulk insert in another order than given".into());
    }
    Ok(inserted.iter().map(id).collect())
}
