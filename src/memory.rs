//! Handing memory that was freed back to the system.
//!
//! glibc keeps memory freed in the middle of its heap for later use, so a
//! process that read every card once to keep a little of each (the app's
//! filter text) would go on holding the whole workspace's worth of pages.

/// Returns the free pages of the heap to the system, where the allocator
/// keeps them otherwise (glibc); elsewhere nothing is needed or done.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of the allocator's own
    // heap; it takes no pointers and is safe to call at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
