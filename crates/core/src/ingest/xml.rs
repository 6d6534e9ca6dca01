//! Placeholder, replaced in the same change.
#![allow(unused)]
use super::*;
