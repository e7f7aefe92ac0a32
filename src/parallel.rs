//! Work spread over the machine's cores that still comes back in order:
//! loading thousands of files parses them on every core, and an export
//! renders its pages the same way, with the same bytes one thread makes.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` of every item, in the order of `items`. Workers take batches of
/// consecutive items as they free up (one slow thread on a busy machine
/// does not hold the others back); fewer than `min_items` items, or one
/// core, stay on this thread.
pub fn map_ordered<T: Sync, R: Send>(
    items: &[T],
    min_items: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    const BATCH: usize = 16;
    // Finding the cores reads three files: asked only for many items.
    let threads = if items.len() < min_items.max(2) {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
    };
    if threads < 2 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let f = &f;
    let parts: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let first = next.fetch_add(BATCH, Ordering::Relaxed);
                        if first >= items.len() {
                            return mine;
                        }
                        let batch = items.iter().enumerate().skip(first).take(BATCH);
                        mine.extend(batch.map(|(i, item)| (i, f(item))));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut out: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    for (i, r) in parts.into_iter().flatten() {
        out[i] = Some(r);
    }
    out.into_iter()
        .map(|r| r.expect("every item was mapped"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<usize> = (0..1000).collect();
        let squares = map_ordered(&items, 10, |n| n * n);
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert_eq!(map_ordered(&items[..3], 10, |n| n + 1), [1, 2, 3]);
        assert!(map_ordered(&[] as &[usize], 0, |n| *n).is_empty());
    }
}
