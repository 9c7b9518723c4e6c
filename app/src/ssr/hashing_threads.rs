//! Threads of their own for slow hashes (receipt codes, and passwords at sign-in), below pages
//! in the scheduler's order.
//!
//! An Argon2id hash takes a whole core for tens of milliseconds. On tokio's blocking threads,
//! at the priority of the threads that render pages, a burst of submissions took the cores
//! pages need: readers waited behind hashes. Capping hashing at one core kept readers fast
//! but also capped submissions at what one core hashes (~29 a second on this machine), with
//! the other core idle whenever readers were. Here every core may hash, and the operating
//! system gives pages that core first: the first `cores - 1` threads run at the pages'
//! priority, the last one (on the core that used to be left for pages) at the lowest, so it
//! only takes time no page wants.
use std::sync::{
    OnceLock,
    atomic::{AtomicUsize, Ordering},
};

use thread_priority::{ThreadPriority, ThreadPriorityValue, set_current_thread_priority};

type Job = Box<dyn FnOnce() + Send + 'static>;

struct Pool {
    jobs: crossbeam_channel::Sender<Job>,
    /// Jobs queued or running: `ready_receipts` hashes ahead only while a thread is free.
    busy: AtomicUsize,
    threads: usize,
}

/// How many hashing threads: one per core (`SAMLENG_HASHING_THREADS` sets another number).
pub fn count() -> usize {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::env::var("SAMLENG_HASHING_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(cores)
}

/// The niceness of hashing thread `index` of `threads` (pages run at 0). Measured on two
/// cores under 150 readers and 50 submitters (BENCHMARKS.md): one thread at 0 and one at 19
/// hashed 47 a second with reads at p99 18 ms; one thread alone, 29 a second at p99 27 ms;
/// two at 0, 45 a second but reads at p99 58 ms; lowering the first thread too (5 and 19)
/// starved submissions (26 a second) for no gain in reads.
fn niceness(index: usize, threads: usize) -> u8 {
    if threads > 1 && index + 1 == threads {
        19
    } else {
        0
    }
}

/// The thread-priority crate's portable value (0..=99, higher runs first) for a Linux
/// niceness (0..=19, higher runs later); it maps the one onto the other linearly.
fn portable_priority(nice: u8) -> Option<ThreadPriority> {
    (0u8..=99)
        .rev()
        .find(|p| {
            let ratio = 1f32 - f32::from(*p) / 99f32;
            (39f32 * ratio) as i32 - 20 >= i32::from(nice)
        })
        .and_then(|p| ThreadPriorityValue::try_from(p).ok())
        .map(ThreadPriority::Crossplatform)
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let threads = count();
        let (jobs, queue) = crossbeam_channel::unbounded::<Job>();
        for index in 0..threads {
            let queue = queue.clone();
            let nice = niceness(index, threads);
            let started = std::thread::Builder::new()
                .name(format!("slow-hash-{index}"))
                .spawn(move || {
                    if let Some(Err(e)) = portable_priority(nice).map(set_current_thread_priority) {
                        tracing::warn!(error = ?e, nice, "hashing thread keeps page priority");
                    }
                    for job in queue.iter() {
                        job();
                        pool().busy.fetch_sub(1, Ordering::AcqRel);
                    }
                });
            if let Err(e) = started {
                tracing::error!(error = %e, "a hashing thread did not start");
            }
        }
        Pool {
            jobs,
            busy: AtomicUsize::new(0),
            threads,
        }
    })
}

/// Runs `work` on a hashing thread and waits for its result without holding an async thread.
pub async fn run<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    let (done, result) = tokio::sync::oneshot::channel();
    let pool = pool();
    pool.busy.fetch_add(1, Ordering::AcqRel);
    let job: Job = Box::new(move || {
        // The caller may have gone (a closed connection); the result is then dropped.
        let _ = done.send(work());
    });
    if pool.jobs.send(job).is_err() {
        pool.busy.fetch_sub(1, Ordering::AcqRel);
        return Err("the hashing threads have stopped".to_owned());
    }
    result
        .await
        .map_err(|_| "a hashing thread stopped mid-hash".to_owned())
}

/// Whether a hashing thread is free: nothing queued and fewer jobs running than threads.
pub fn has_room() -> bool {
    let pool = pool();
    pool.busy.load(Ordering::Acquire) < pool.threads
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn niceness_maps_onto_the_crates_scale() {
        for nice in [0u8, 5, 10, 19] {
            let Some(ThreadPriority::Crossplatform(p)) = portable_priority(nice) else {
                panic!("no priority for nice {nice}");
            };
            let ratio = 1f32 - f32::from(*p) / 99f32;
            assert_eq!((39f32 * ratio) as i32 - 20, i32::from(nice), "nice {nice}");
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn work_runs_on_a_hashing_thread_and_returns() {
        let name = run(|| std::thread::current().name().map(str::to_owned)).await;
        assert!(
            matches!(&name, Ok(Some(n)) if n.starts_with("slow-hash-")),
            "{name:?}"
        );
        // The thread counts itself free just after it has sent the result.
        for _ in 0..100 {
            if pool().busy.load(Ordering::Acquire) == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        assert_eq!(
            pool().busy.load(Ordering::Acquire),
            0,
            "nothing is left running"
        );
        assert!(has_room());
    }
}
