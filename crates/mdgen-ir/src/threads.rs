//! How many threads a stage shares its work among.

use std::num::NonZeroUsize;

/// One thread per core, but no more than give each at least `least_per_thread` of the `work`
/// items: for less, starting a thread costs more than it saves. At least one.
pub fn threads_for(work: usize, least_per_thread: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(work / least_per_thread.max(1))
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handful_of_items_stays_on_one_thread() {
        assert_eq!(threads_for(0, 16), 1);
        assert_eq!(threads_for(31, 16), 1);
        assert_eq!(threads_for(5, 0), threads_for(5, 1));
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        assert_eq!(threads_for(1_000_000, 16), cores);
        assert_eq!(threads_for(32, 16), cores.min(2));
    }
}
