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

/// `f` applied to `items` cut into one run of like length per thread ([`threads_for`]); the
/// runs' results in order, so they do not depend on the number of threads. The calling thread
/// takes the first run. For items of like cost; a panic in `f` is rethrown here.
pub fn map_chunks<T: Send, R: Send>(
    items: &mut [T],
    least_per_thread: usize,
    f: impl Fn(&mut [T]) -> R + Sync,
) -> Vec<R> {
    let threads = threads_for(items.len(), least_per_thread);
    if threads == 1 {
        return vec![f(items)];
    }
    let f = &f;
    std::thread::scope(|scope| {
        let mut chunks = items.chunks_mut(items.len().div_ceil(threads));
        let first = chunks.next().unwrap_or_default();
        let others: Vec<_> = chunks.map(|c| scope.spawn(move || f(c))).collect();
        let mut results = vec![f(first)];
        for handle in others {
            let result = handle.join();
            results.push(result.unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        results
    })
}

/// Drops `value` on a thread of its own, which the caller does not wait for: hundreds of
/// thousands of small allocations take milliseconds to free, which a build script need not wait
/// for before it exits. Where no thread can be started, `value` is dropped here.
pub fn drop_in_background<T: Send + 'static>(value: T) {
    // When the thread cannot be started, the closure is dropped, and the value with it.
    let _ = std::thread::Builder::new()
        .name("mdgen-free".into())
        .spawn(move || drop(value));
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

    #[test]
    fn chunks_cover_every_item_once_and_come_back_in_order() {
        for len in [0, 1, 7, 64, 1001] {
            let mut items: Vec<usize> = (0..len).collect();
            let runs = map_chunks(&mut items, 4, |run| {
                run.iter_mut().for_each(|i| *i *= 2);
                run.to_vec()
            });
            assert_eq!(runs.len(), threads_for(len, 4));
            let all: Vec<usize> = runs.concat();
            assert_eq!(all, (0..len).map(|i| i * 2).collect::<Vec<_>>());
            assert_eq!(items, all);
        }
    }
}
