//! Events: masterclasses, workshops, webinars, network meetings and company visits.

pub mod time;
