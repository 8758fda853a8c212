//! Jobs, chunks and shards: how a sweep's work is cut up.
//!
//! Job `j` is design point `j / replications`, replication
//! `j % replications`. Chunk `c` holds jobs `c·size .. (c+1)·size` (the last
//! one may be shorter). Shard `K` of `N` (0-based) runs the chunks `c` with
//! `c mod N = K`: every chunk belongs to exactly one shard, and the layout
//! depends only on the plan, never on the machine or the thread count.

/// A (design point, replication) pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Job {
    /// Design point index.
    pub point: u32,
    /// Replication index (its random streams are shared by every point).
    pub replication: u32,
}

/// The cut of a sweep into chunks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Design points.
    pub points: u32,
    /// Replications per point.
    pub replications: u32,
    /// Jobs per chunk.
    pub chunk_size: u32,
}

impl Layout {
    /// Jobs in all.
    pub fn jobs(&self) -> u64 {
        self.points as u64 * self.replications as u64
    }

    /// Chunks in all.
    pub fn chunks(&self) -> u64 {
        self.jobs().div_ceil(self.chunk_size.max(1) as u64)
    }

    /// Job number `j`.
    pub fn job(&self, j: u64) -> Job {
        Job { point: (j / self.replications as u64) as u32, replication: (j % self.replications as u64) as u32 }
    }

    /// Job numbers of chunk `c`.
    pub fn chunk_jobs(&self, c: u64) -> std::ops::Range<u64> {
        let size = self.chunk_size.max(1) as u64;
        let start = (c * size).min(self.jobs());
        start..((c + 1) * size).min(self.jobs())
    }

    /// The chunks of shard `k` of `n` (0-based `k < n`).
    pub fn shard_chunks(&self, shard: Shard) -> impl Iterator<Item = u64> {
        let (k, n) = (shard.index as u64, shard.count.max(1) as u64);
        (k..self.chunks()).step_by(n as usize)
    }
}

/// Shard `index` of `count` (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// This shard, `0 ≤ index < count`.
    pub index: u32,
    /// Number of shards.
    pub count: u32,
}

impl Shard {
    /// The whole sweep as one shard.
    pub const ALL: Shard = Shard { index: 0, count: 1 };

    /// Parses `K/N` (0 ≤ K < N); the message says what is allowed.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let bad = || format!("`{s}` is not a shard; write K/N with 0 <= K < N, e.g. 0/4 (shards are numbered from 0)");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (k, n): (u32, u32) = (k.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
        if n == 0 || k >= n {
            return Err(bad());
        }
        Ok(Shard { index: k, count: n })
    }

    /// The shard of a Slurm array task, from `SLURM_ARRAY_TASK_ID`,
    /// `SLURM_ARRAY_TASK_COUNT` and `SLURM_ARRAY_TASK_MIN` (so that both
    /// `--array=0-3` and `--array=1-4` give shards 0..3). `get` reads a
    /// variable; `None` if the task id is unset.
    pub fn from_slurm(get: impl Fn(&str) -> Option<String>) -> Option<Result<Shard, String>> {
        let id = get("SLURM_ARRAY_TASK_ID")?;
        let parse = |name: &str, v: Option<String>| -> Result<u32, String> {
            let v = v.ok_or_else(|| format!("SLURM_ARRAY_TASK_ID is set but {name} is not"))?;
            v.trim().parse().map_err(|_| format!("{name} = `{v}` is not a whole number"))
        };
        let result = (|| {
            let id = parse("SLURM_ARRAY_TASK_ID", Some(id))?;
            let count = parse("SLURM_ARRAY_TASK_COUNT", get("SLURM_ARRAY_TASK_COUNT"))?;
            let min = parse("SLURM_ARRAY_TASK_MIN", get("SLURM_ARRAY_TASK_MIN").or(Some("0".into())))?;
            let index = id.checked_sub(min).filter(|i| *i < count).ok_or_else(|| {
                format!(
                    "Slurm array task {id} (first task {min}, {count} tasks) is not a contiguous array index; \
                     use --array=0-{} or pass --shard K/N",
                    count.saturating_sub(1)
                )
            })?;
            Ok(Shard { index, count })
        })();
        Some(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_is_in_exactly_one_chunk_of_exactly_one_shard() {
        let l = Layout { points: 7, replications: 3, chunk_size: 4 };
        assert_eq!(l.chunks(), 6);
        let n = 4;
        let mut seen = vec![0; l.jobs() as usize];
        for k in 0..n {
            for c in l.shard_chunks(Shard { index: k, count: n }) {
                for j in l.chunk_jobs(c) {
                    seen[j as usize] += 1;
                }
            }
        }
        assert!(seen.iter().all(|s| *s == 1), "{seen:?}");
        assert_eq!(l.job(5), Job { point: 1, replication: 2 });
        assert_eq!(l.chunk_jobs(5), 20..21);
    }

    #[test]
    fn shard_parsing_names_what_is_allowed() {
        assert_eq!(Shard::parse("2/5"), Ok(Shard { index: 2, count: 5 }));
        for bad in ["5/5", "1/0", "x/3", "3"] {
            assert!(Shard::parse(bad).unwrap_err().contains("0 <= K < N"), "{bad}");
        }
    }

    #[test]
    fn slurm_array_indices_are_offset_by_the_first_task() {
        let env = |id: &'static str, count: &'static str, min: &'static str| {
            move |k: &str| match k {
                "SLURM_ARRAY_TASK_ID" => Some(id.to_string()),
                "SLURM_ARRAY_TASK_COUNT" => Some(count.to_string()),
                "SLURM_ARRAY_TASK_MIN" => Some(min.to_string()),
                _ => None,
            }
        };
        assert_eq!(Shard::from_slurm(env("3", "4", "0")), Some(Ok(Shard { index: 3, count: 4 })));
        assert_eq!(Shard::from_slurm(env("4", "4", "1")), Some(Ok(Shard { index: 3, count: 4 })));
        assert!(Shard::from_slurm(env("9", "4", "0")).unwrap().is_err());
        assert_eq!(Shard::from_slurm(|_| None), None);
    }
}
