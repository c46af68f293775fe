//! Matching: bringing needs and offers together. Today it holds the meeting scheduler of the
//! bimonthly matchmaking sessions ([`schedule`]), a pure engine with no database or HTTP.

pub mod schedule;
