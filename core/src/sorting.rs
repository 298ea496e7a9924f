//! One sorting routine for the whole app. The standard library's sort is compiled anew for
//! every element type and order it is used with (about 4 KB of WASM each, `make bloat`);
//! here the positions are sorted by one shared routine, compiled once, and the items are
//! then moved into that order. Stable, like `slice::sort_by`. For the short lists the app
//! sorts (skills, keys, days), the extra step costs nothing that shows.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as `v.sort_by(cmp)` would.
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = v;
        positions(items.len(), &mut |a, b| cmp(&items[a], &items[b]))
    };
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots.get_mut(i).and_then(Option::take)));
}

/// Sorts `v` stably by a key, as `v.sort_by_key(key)` would.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in its natural order, as `v.sort()` would.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// The positions `0..n` in the order `cmp` puts them (equal ones stay in order).
fn positions(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SeededRng;

    #[test]
    fn sorts_as_the_standard_stable_sort_does() {
        let mut rng = SeededRng::new(3);
        for len in [0usize, 1, 2, 3, 7, 20, 33, 100, 257] {
            for _ in 0..20 {
                // Pairs whose first half repeats: stability shows in the second half.
                let v: Vec<(u8, u32)> = (0..len).map(|i| (rng.index(5) as u8, i as u32)).collect();
                let mut ours = v.clone();
                let mut theirs = v.clone();
                sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
                theirs.sort_by_key(|a| a.0);
                assert_eq!(ours, theirs, "{len}");
                let mut ours = v.clone();
                let mut theirs = v.clone();
                sort_by_key(&mut ours, |p| std::cmp::Reverse(p.0));
                theirs.sort_by_key(|p| std::cmp::Reverse(p.0));
                assert_eq!(ours, theirs, "{len}");
                let mut ours = v.clone();
                let mut theirs = v;
                sort(&mut ours);
                theirs.sort();
                assert_eq!(ours, theirs, "{len}");
            }
        }
        let mut words = vec!["b".to_string(), "a".to_string(), "c".to_string()];
        sort(&mut words);
        assert_eq!(words, ["a", "b", "c"]);
    }
}
