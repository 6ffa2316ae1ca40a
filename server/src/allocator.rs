//! glibc's allocator, tuned (issue 21): by default it gives every thread that allocates at the
//! same time an arena of its own (up to eight per core) and keeps what was freed in them, so
//! after an export or a burst of requests the server stayed at its peak. Measured side by side
//! (`scripts/memory-after-peaks.sh`, `docs/benchmarks.md`, "Memory after peaks") on the
//! answers export of 20,000 assessments: glibc as it comes peaked and stayed at 227 MB;
//! mimalloc stayed higher still; glibc with two arenas and a 128 KB trim threshold peaked at
//! 111 MB and stayed at 108 MB. Two
//! arenas serve the two cores' runtime threads without contention worth measuring (a request
//! spends microseconds in the allocator, milliseconds in the database). The trim threshold
//! only gives back the top of a heap, so [`return_freed_memory`] also trims every few seconds.

/// Sets the allocator's limits; call before any thread starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn tune() {
    // SAFETY: mallopt only changes the allocator's parameters; it is called from `main` before
    // the runtime or anything else has started a thread.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 * 1024);
    }
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
