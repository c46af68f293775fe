//! Matching: bringing needs and offers together. [`recommend`] computes every need's best offers
//! and every offer's best needs; [`fit`] holds the rules on what the text does
//! not say (sector, maturity, money, transfer, province) for the recommender; [`schedule`] the
//! meeting scheduler of the bimonthly matchmaking sessions. Both are pure: no database or HTTP.

pub mod fit;
pub mod recommend;
pub mod schedule;
