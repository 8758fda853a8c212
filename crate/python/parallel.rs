//! Running jobs on a rayon pool without the GIL: the calling thread wakes
//! every 100 ms to check for Ctrl-C and report progress, and a stop flag
//! read after every simulated month ends the workers.

use super::value_error;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// Most worker threads a call may ask for.
const MAX_THREADS: usize = 1024;

/// The work of one job: given the job and the stop check (`go_on`, called
/// after every simulated month), its result, or `None` when stopped.
pub(super) type Work<'a, J, T> = dyn Fn(&J, &dyn Fn() -> bool) -> Option<T> + Sync + 'a;

/// The number of worker threads asked for, checked (`None`: one per core).
fn check_threads(threads: Option<usize>) -> PyResult<Option<usize>> {
    match threads {
        Some(t) if !(1..=MAX_THREADS).contains(&t) => {
            Err(value_error(format!("threads = {t}: out of range; allowed 1 to {MAX_THREADS} (or None: one per core)")))
        }
        t => Ok(t),
    }
}

/// Runs `work` on every job on a pool of `threads` worker threads (default:
/// one per core) without the GIL; returns the results in job order. Every
/// 100 ms the calling thread checks for Ctrl-C and calls
/// `progress(done_months, total_months)`; an exception from either stops
/// every worker within a simulated month and is raised.
pub(super) fn run_parallel<J: Sync, T: Send>(
    py: Python<'_>,
    jobs: &[J],
    months: u64,
    work: &Work<'_, J, T>,
    threads: Option<usize>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<T>> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(t) = check_threads(threads)? {
        builder = builder.num_threads(t);
    }
    let pool = builder.build().map_err(|e| PyRuntimeError::new_err(format!("cannot start worker threads: {e}")))?;
    let total = months * jobs.len() as u64;
    let done = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    let go_on = || {
        done.fetch_add(1, Ordering::Relaxed);
        !stop.load(Ordering::Relaxed)
    };
    std::thread::scope(|s| {
        let handle = s.spawn(|| pool.install(|| jobs.par_iter().map(|j| work(j, &go_on)).collect::<Vec<Option<T>>>()));
        let mut raised: Option<PyErr> = None;
        loop {
            let finished = py.detach(|| {
                for _ in 0..5 {
                    if handle.is_finished() {
                        return true;
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                handle.is_finished()
            });
            if raised.is_none() {
                let checked = py.check_signals().and_then(|()| match progress {
                    Some(p) => p.call1((done.load(Ordering::Relaxed).min(total), total)).map(|_| ()),
                    None => Ok(()),
                });
                if let Err(e) = checked {
                    stop.store(true, Ordering::Relaxed);
                    raised = Some(e);
                }
            }
            if finished {
                break;
            }
        }
        let joined = py.detach(|| handle.join());
        if let Some(e) = raised {
            return Err(e);
        }
        let results = joined.map_err(|panic| {
            let what = panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()));
            PyRuntimeError::new_err(format!("the model failed: {}", what.unwrap_or_else(|| "a worker thread panicked".into())))
        })?;
        results.into_iter().collect::<Option<Vec<T>>>().ok_or_else(|| PyRuntimeError::new_err("the run was stopped"))
    })
}
