//! Images: references, registries and credentials, pulling, the content-addressed store, and layer
//! unpacking.

pub mod access;
pub mod archive;
pub mod auth;
pub mod changes;
pub mod clients;
pub mod commit;
pub mod files;
pub mod ingest;
pub mod inspect;
pub mod layerfile;
pub mod load;
pub mod manage;
pub mod manifest;
pub mod manifest_list;
pub mod mapped;
pub mod pack;
pub mod pgzip;
pub mod platform;
pub mod progress;
pub mod pull;
pub mod push;
pub mod reference;
pub mod registries;
pub mod registry;
pub mod registry_error;
pub mod save;
pub mod search;
pub mod store;
pub mod unpack;
pub mod upload;
