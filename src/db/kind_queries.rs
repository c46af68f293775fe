//! The queries that offers and needs share, written once: `listing_queries!` expands them for a
//! table, its row type, its record type and its id type. Only what differs (the columns and their
//! conversions, the showcase of offers) is written per kind.

/// Expands the shared listing queries in the module of one listing table.
macro_rules! listing_queries {
    ($table:ident, $Row:ident, $Rec:ident, $Id:ident) => {
        fn convert(rows: Vec<$Row>) -> anyhow::Result<Vec<$Rec>> {
            rows.into_iter().map($Rec::try_from).collect()
        }

        /// Stores a new listing.
        pub fn insert(conn: &mut AnyConnection, x: &$Rec) -> anyhow::Result<()> {
            diesel::insert_into($table::table).values($Row::from(x)).execute(conn)?;
            Ok(())
        }

        /// One listing by id, whatever its status.
        pub fn get(conn: &mut AnyConnection, id: $Id) -> anyhow::Result<Option<$Rec>> {
            $table::table
                .find(id.to_string())
                .select($Row::as_select())
                .first(conn)
                .optional()?
                .map($Rec::try_from)
                .transpose()
        }

        /// Published, unexpired listings matching the structured filters.
        fn public(filter: &ListFilter, now: NaiveDateTime) -> $table::BoxedQuery<'static, Backend> {
            let mut q = $table::table
                .filter($table::status.eq(ListingStatus::Published.code()))
                .filter($table::expires_at.is_null().or($table::expires_at.gt(now)))
                .into_boxed();
            if let Some(s) = filter.sector {
                q = q.filter($table::sector.eq(s.code()));
            }
            if let Some(p) = filter.province {
                q = q.filter($table::province.eq(p.code()));
            }
            if let Some(o) = filter.organisation {
                q = q.filter($table::organisation_id.eq(o.to_string()));
            }
            q
        }

        /// The listings among `ids` that are public at `now`, in no particular order.
        pub fn public_among(conn: &mut AnyConnection, ids: &[String], now: NaiveDateTime) -> anyhow::Result<Vec<$Rec>> {
            convert(
                public(&ListFilter::default(), now)
                    .filter($table::id.eq_any(ids.to_vec()))
                    .select($Row::as_select())
                    .load(conn)?,
            )
        }

        /// Every public listing, in id order (the recommender reads them all).
        pub fn all_public(conn: &mut AnyConnection, now: NaiveDateTime) -> anyhow::Result<Vec<$Rec>> {
            convert(public(&ListFilter::default(), now).order($table::id.asc()).select($Row::as_select()).load(conn)?)
        }

        /// A page of public listings, newest first.
        pub fn list_public(
            conn: &mut AnyConnection,
            filter: &ListFilter,
            now: NaiveDateTime,
            page: i64,
            per_page: i64,
        ) -> anyhow::Result<Page<$Rec>> {
            let total = public(filter, now).count().get_result::<i64>(conn)?;
            let items = convert(
                public(filter, now)
                    .order(($table::published_at.desc(), $table::id.desc()))
                    .select($Row::as_select())
                    .limit(per_page)
                    .offset((page - 1) * per_page)
                    .load(conn)?,
            )?;
            Ok(Page { items, total, page, per_page })
        }

        /// Every listing of an organisation, whatever its status (owner and staff views, tests).
        pub fn by_organisation(conn: &mut AnyConnection, org: OrganisationId) -> anyhow::Result<Vec<$Rec>> {
            convert(
                $table::table
                    .filter($table::organisation_id.eq(org.to_string()))
                    .order($table::created_at.desc())
                    .select($Row::as_select())
                    .load(conn)?,
            )
        }

        /// Listing counts per status code.
        pub fn count_by_status(conn: &mut AnyConnection) -> anyhow::Result<Vec<(String, i64)>> {
            Ok($table::table
                .group_by($table::status)
                .select(($table::status, diesel::dsl::count_star()))
                .order($table::status.asc())
                .load(conn)?)
        }

        /// Archives every listing of an organisation that is not archived yet (its last member
        /// left); returns how many.
        pub fn archive_for_organisation(conn: &mut AnyConnection, org: OrganisationId) -> anyhow::Result<usize> {
            Ok(diesel::update(
                $table::table
                    .filter($table::organisation_id.eq(org.to_string()))
                    .filter($table::status.ne(ListingStatus::Archived.code())),
            )
            .set((
                $table::status.eq(ListingStatus::Archived.code()),
                $table::updated_at.eq(super::now()),
                $table::version.eq($table::version + 1),
            ))
            .execute(conn)?)
        }

        /// Saves every field if the listing is still at `version` (optimistic locking); the stored
        /// version becomes `version + 1`. False when someone else saved first (or it does not exist).
        pub fn update(conn: &mut AnyConnection, x: &$Rec, version: i32) -> anyhow::Result<bool> {
            let mut row = $Row::from(x);
            row.version = version + 1;
            row.updated_at = super::now();
            Ok(diesel::update($table::table.find(&row.id).filter($table::version.eq(version)))
                .set(&row)
                .execute(conn)?
                == 1)
        }
    };
}

pub(crate) use listing_queries;
