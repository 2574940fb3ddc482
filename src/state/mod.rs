//! Containers on disk: one record per container, written atomically under a lock, with the states a
//! container can be in.

pub mod events;
pub mod names;
pub mod pod;
pub mod record;
pub mod secret;
pub mod store;
pub mod volume;

pub use record::{Container, Status};
pub use store::ContainerStore;
