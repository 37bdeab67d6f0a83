//! Sorting, once for the whole crate.
//!
//! Every `sort_by` or `sort_unstable` call with its own element type or
//! closure is a fresh copy of the standard library's sorts in the wasm: the
//! chart module had nine of them, 50 KB before compression (bench/README.md,
//! "Where the bytes go"). Here one stable sort of indices, by a comparison
//! behind a reference, serves every caller; the elements are then moved into
//! place. Short lists (the paragraphs of one activity) are sorted by
//! insertion, which is both smaller and faster for them.

use std::cmp::Ordering;

/// Lists up to this long are sorted by insertion.
const SHORT: usize = 24;

/// The indices `0..n` in the stable order `cmp` gives them.
pub fn order_by(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Sorts `v` stably by `cmp`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() <= SHORT {
        insertion(v, &mut cmp);
        return;
    }
    let idx = order_by(v.len(), &mut |a, b| match (v.get(a), v.get(b)) {
        (Some(x), Some(y)) => cmp(x, y),
        _ => Ordering::Equal,
    });
    permute(v, idx);
}

/// Sorts `v` stably by the key `key` gives each element.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` and drops repeated elements.
pub fn sort_dedup<T: Ord>(v: &mut Vec<T>) {
    if !v.windows(2).all(|w| matches!(w, [a, b] if a < b)) {
        sort_by(v, T::cmp);
        v.dedup();
    }
}

/// Stable insertion sort: what a short list needs.
fn insertion<T>(v: &mut [T], cmp: &mut impl FnMut(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 {
            let (Some(a), Some(b)) = (v.get(j - 1), v.get(j)) else {
                break;
            };
            if cmp(a, b) != Ordering::Greater {
                break;
            }
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Moves the element at `idx[k]` to position `k`, following the cycles of the
/// permutation, without a second copy of `v`.
fn permute<T>(v: &mut [T], mut idx: Vec<usize>) {
    for start in 0..idx.len() {
        let mut cur = start;
        while let Some(slot) = idx.get_mut(cur) {
            let next = std::mem::replace(slot, cur);
            if next == start || next == cur {
                break;
            }
            v.swap(cur, next);
            cur = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the test covers many orders.
    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 33
    }

    #[test]
    fn sorts_like_std_and_stays_stable() {
        let mut seed = 7;
        for len in [0, 1, 2, 3, 23, 24, 25, 100, 1000, 5000] {
            let items: Vec<(u64, usize)> = (0..len).map(|i| (lcg(&mut seed) % 17, i)).collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|p| p.0);
            assert_eq!(ours, std_sorted, "length {len}");
        }
    }

    #[test]
    fn sort_by_reverses_with_a_reversed_comparison() {
        let mut v: Vec<u32> = (0..300).collect();
        sort_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v.first(), Some(&299));
        assert!(v.windows(2).all(|w| w[0] > w[1]));
    }

    #[test]
    fn sort_dedup_leaves_each_once_in_order() {
        let mut seed = 3;
        for len in [0, 5, 30, 400] {
            let mut v: Vec<u16> = (0..len).map(|_| (lcg(&mut seed) % 50) as u16).collect();
            let mut expected = v.clone();
            expected.sort_unstable();
            expected.dedup();
            sort_dedup(&mut v);
            assert_eq!(v, expected, "length {len}");
        }
    }

    #[test]
    fn permute_follows_every_cycle() {
        let mut v = vec!['a', 'b', 'c', 'd', 'e'];
        permute(&mut v, vec![2, 0, 1, 4, 3]);
        assert_eq!(v, vec!['c', 'a', 'b', 'e', 'd']);
    }
}
