//! wenku: a bilingual (Chinese + English) article knowledge base with full-text search.
//!
//! Data flows one way: files → [`article`] → [`index`]; query text → [`analysis`] →
//! [`search`] → [`output`]. The binary (`src/main.rs`) is a thin layer over this crate.

#![warn(missing_docs)]

pub mod add;
pub mod analysis;
pub mod article;
pub mod claims;
pub mod error;
pub mod export;
pub mod index;
pub mod output;
pub mod search;
pub mod translate;

pub use error::{Error, Result};
