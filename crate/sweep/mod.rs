//! Sweeps: many runs of one base scenario over a design of parameter and
//! instrument settings, for sensitivity analysis and exploration.
//!
//! A sweep *plan* ([`plan::Plan`], a TOML file) names a base scenario, the
//! *factors* to vary (a parameter `params.NAME`, or an instrument setting
//! `instruments[I].FIELD` / `instruments.KIND.FIELD`) with their ranges, a
//! *design* — full grid, Latin hypercube or Saltelli's scheme for Sobol
//! indices ([`design`]) — the number of replications and the outputs to keep
//! ([`select`]). [`plan::prepare`] checks all of it against the parameter
//! table and the scenario validation, and returns a [`plan::PreparedPlan`]
//! from which every design point's scenario can be built.
//!
//! Work is a list of *jobs* — one (design point, replication) each — cut
//! into *chunks* of fixed size ([`jobs`]). Chunks are the unit of writing
//! (atomic, so a killed sweep resumes where it stopped) and of sharding
//! (`--shard K/N` takes every N-th chunk), so a sweep split over a cluster
//! produces the same rows as one run on one machine.
//!
//! Common random numbers: replication `r` of every design point runs with
//! the same seed, hence the same random streams (see [`crate::rng`]); the
//! difference between two points in replication `r` comes from their
//! settings, not from different luck.
//!
//! This module has no I/O: the shell (`hemma sweep`, `hemma merge`,
//! `hemma sensitivity`) reads files, runs jobs in parallel and writes
//! results. The statistics of sensitivity analysis are in
//! [`crate::sensitivity`].

pub mod design;
pub mod jobs;
pub mod plan;
pub mod select;

pub use plan::{Plan, PreparedPlan, prepare};
