//! Gives the memory a stage freed back to the system before the next
//! stage (issue 24). mimalloc keeps freed pages for reuse by the thread
//! that freed them, and returns them only when that thread allocates or
//! frees again. A worker that rendered a 50 MB page may then sit on a
//! few hundred MB while another thread writes the page and indexes it:
//! the peak depended on which thread ran what (304–499 MB over four runs
//! of the same build). Asking every thread to give back at the end of a
//! stage makes it not depend on that. `serve` also turns off huge pages
//! ([`no_huge_pages`]).

/// Every worker thread, then this one, returns what it holds free.
/// Cheap (a few ms) and only between stages; a no-op for memory the
/// system allocator manages (tests, `cargo test`'s binaries).
pub fn give_back() {
    rayon::broadcast(|_| collect());
    collect();
}

/// No transparent huge pages for this process (Linux). `serve` holds its
/// whole site in memory, and the system zeroes each 2 MB page whole when
/// it is first touched: 46 % of the samples of its first build at 10,000
/// pages on a 2-vCPU VM, which made it slower than `build` (BENCHMARKS.md).
/// `build` keeps them: it writes its pages out. Best effort: a system
/// without the setting builds the same, a little slower.
pub fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

#[allow(unsafe_code)]
fn collect() {
    // SAFETY: mi_collect takes no pointers; it walks mimalloc's own
    // per-thread state, which exists (empty) even when mimalloc is not the
    // global allocator.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

#[cfg(test)]
mod tests {
    use super::give_back;

    #[test]
    fn gives_back_from_the_main_thread_and_from_a_worker() {
        let big = vec![1u8; 8 << 20];
        drop(big);
        give_back();
        // From inside the pool too (serve rebuilds from a worker): the
        // broadcast must not wait on the thread that asked.
        rayon::scope(|s| s.spawn(|_| give_back()));
        assert_eq!(rayon::join(|| 1, || 2), (1, 2));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn huge_pages_are_turned_off_for_the_process() {
        super::no_huge_pages();
        // The flag is the process's: another thread sees it.
        let seen = std::thread::spawn(rustix::thread::transparent_huge_pages_are_disabled)
            .join()
            .unwrap();
        assert_eq!(seen.ok(), Some(true));
    }
}
