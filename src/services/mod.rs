//! The service layer: every operation of the exchange, one job per module, each owning its
//! transactions and writing its side effects (outbox rows, change logs, audit) in them. Handlers,
//! the command line and the background jobs call services; services call `db` and `domain`, never
//! the web layer. The flow is one way: web / cli / jobs → services → db, domain.

pub mod accounts;
pub mod centre;
pub mod console;
pub mod context;
pub mod digest;
pub mod interests;
pub mod listings;
pub mod members;
pub mod organisations;
pub mod recommend;
pub mod search;
pub mod sessions;
pub mod staff;
pub mod statistics;
pub mod tokens;
