//! glibc's allocator, tuned (issue 21): by default it gives every thread that allocates at the
//! same time an arena of its own (up to eight per core) and keeps what was freed in them, so
//! after an export or a burst of requests the server stayed at its peak. Measured side by side
//! (`scripts/memory-after-peaks.sh`, `docs/benchmarks.md`, "Memory after peaks") on the
//! answers export of 20,000 assessments: glibc as it comes peaked and stayed at 227 MB;
//! mimalloc stayed higher still; glibc with two arenas and a 128 KB trim threshold peaked at
//! 111 MB and stayed at 108 MB. Two arenas do cost some throughput: the runtime's threads and
//! SQLite's connection threads wait on their locks, and eight arenas served the directory ~8 %
//! faster (2026-12-06, "SQLite statements prepared once" in `docs/benchmarks.md`), which is
//! not worth the memory on a small machine. The freed memory goes
//! back to the system through [`return_freed_memory`], which trims every few seconds (a fixed
//! trim threshold did that too but cost throughput, see [`tune`]).

/// Sets the allocator's limits; call before any thread starts. glibc's own variables
/// (`MALLOC_ARENA_MAX`, `MALLOC_TRIM_THRESHOLD_`) still decide where an operator sets them:
/// the values here are defaults measured on this workload, not rules.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn tune() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only changes the allocator's parameters; it is called from `main`
        // before the runtime or anything else has started a thread.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
    // No fixed trim threshold: setting one also fixes glibc's mmap threshold at 128 KB, so
    // every larger buffer (a compressor's state, on every compressed answer) was mapped and
    // unmapped per request, its pages faulted in and zeroed each time; the periodic trim
    // below returns the freed memory instead.
}

/// Other systems keep their allocator's defaults.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn tune() {}

/// Every `every`, hands the freed pages inside the arenas back to the system (`malloc_trim`,
/// which since glibc 2.8 also releases free pages in the middle of a heap, where the trim
/// threshold only releases its top). A few milliseconds on a blocking thread.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub async fn return_freed_memory(every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        // SAFETY: malloc_trim only returns unused memory; it takes the arenas' own locks.
        let _ = tokio::task::spawn_blocking(|| unsafe { libc::malloc_trim(0) }).await;
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub async fn return_freed_memory(_every: std::time::Duration) {}
