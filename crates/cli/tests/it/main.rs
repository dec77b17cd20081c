//! The end-to-end tests, as one test binary (ripgrep's layout): each module drives the real
//! `sucai` binary, its HTTP API or the browser through one area of the product. One binary
//! links the whole stack once, where a binary per file linked it again for each.

mod common;

mod abuse;
mod accounts;
mod api_contract;
mod backup;
mod bad_input;
mod boilerplate;
mod browser;
mod bundle;
mod check;
mod export;
mod import_corpus;
mod import_fixtures;
mod import_sample;
mod inbox;
mod interrupted_import;
mod openapi;
mod outputs;
mod search;
mod serve;
mod servers;
mod writers;
