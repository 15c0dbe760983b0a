//! Go's `sort.Sort` / `sort.Slice` (pattern-defeating quicksort, Go ≥ 1.19),
//! reproduced step for step. kubectl sorts events (`DescribeEvents`,
//! `kubectl events`) and tolerations with these unstable sorts, so elements
//! with equal keys end up in an order only this exact algorithm gives; a
//! stable sort agrees with it only for lists of at most 12 elements.
//!
//! Pure Rust: this module may not import browser crates (yew, web_sys, gloo,
//! js_sys, wasm_bindgen).

/// Sorts `v` exactly as Go's `sort.Sort` does with `Less(i, j) =
/// less(&v[i], &v[j])`.
///
/// The algorithm runs on a list of positions (comparing the elements they
/// point at, swapping positions) and `v` is rearranged once at the end: the
/// same comparisons and swaps, so the same order, with one copy of the
/// algorithm in the program instead of one per element type and closure.
pub fn go_sort<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let n = v.len();
    if n <= 1 {
        return;
    }
    let mut order = sorted_positions(n, &|i, j| less(&v[i], &v[j]));
    crate::sort::permute(v, &mut order);
}

/// The positions `0..n` in the order Go's `sort.Sort` leaves them, `less`
/// comparing the elements at two original positions.
fn sorted_positions(n: usize, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut data = Data {
        v: (0..n).collect(),
        less,
    };
    let limit = bits_len(n);
    pdqsort(&mut data, 0, n, limit);
    data.v
}

struct Data<'a> {
    v: Vec<usize>,
    less: &'a dyn Fn(usize, usize) -> bool,
}

impl Data<'_> {
    fn less(&self, i: usize, j: usize) -> bool {
        (self.less)(self.v[i], self.v[j])
    }
    fn swap(&mut self, i: usize, j: usize) {
        self.v.swap(i, j);
    }
}

/// `bits.Len`: the number of bits needed to represent `n`.
fn bits_len(n: usize) -> usize {
    (usize::BITS - n.leading_zeros()) as usize
}

#[derive(PartialEq, Clone, Copy)]
enum Hint {
    Unknown,
    Increasing,
    Decreasing,
}

fn insertion_sort(d: &mut Data, a: usize, b: usize) {
    for i in a + 1..b {
        let mut j = i;
        while j > a && d.less(j, j - 1) {
            d.swap(j, j - 1);
            j -= 1;
        }
    }
}

fn sift_down(d: &mut Data, lo: usize, hi: usize, first: usize) {
    let mut root = lo;
    loop {
        let mut child = 2 * root + 1;
        if child >= hi {
            return;
        }
        if child + 1 < hi && d.less(first + child, first + child + 1) {
            child += 1;
        }
        if !d.less(first + root, first + child) {
            return;
        }
        d.swap(first + root, first + child);
        root = child;
    }
}

fn heap_sort(d: &mut Data, a: usize, b: usize) {
    let first = a;
    let hi = b - a;
    // Go: for i := (hi - 1) / 2; i >= 0; i-- (hi > 12 here).
    for i in (0..=(hi - 1) / 2).rev() {
        sift_down(d, i, hi, first);
    }
    for i in (0..hi).rev() {
        d.swap(first, first + i);
        sift_down(d, 0, i, first);
    }
}

fn pdqsort(d: &mut Data, mut a: usize, mut b: usize, mut limit: usize) {
    const MAX_INSERTION: usize = 12;
    let mut was_balanced = true;
    let mut was_partitioned = true;
    loop {
        let length = b - a;
        if length <= MAX_INSERTION {
            insertion_sort(d, a, b);
            return;
        }
        if limit == 0 {
            heap_sort(d, a, b);
            return;
        }
        if !was_balanced {
            break_patterns(d, a, b);
            limit -= 1;
        }
        let (mut pivot, mut hint) = choose_pivot(d, a, b);
        if hint == Hint::Decreasing {
            reverse_range(d, a, b);
            pivot = (b - 1) - (pivot - a);
            hint = Hint::Increasing;
        }
        if was_balanced
            && was_partitioned
            && hint == Hint::Increasing
            && partial_insertion_sort(d, a, b)
        {
            return;
        }
        if a > 0 && !d.less(a - 1, pivot) {
            a = partition_equal(d, a, b, pivot);
            continue;
        }
        let (mid, already) = partition(d, a, b, pivot);
        was_partitioned = already;
        let (left, right) = (mid - a, b - mid);
        let threshold = length / 8;
        if left < right {
            was_balanced = left >= threshold;
            pdqsort(d, a, mid, limit);
            a = mid + 1;
        } else {
            was_balanced = right >= threshold;
            pdqsort(d, mid + 1, b, limit);
            b = mid;
        }
    }
}

/// Go's `partition`, with signed cursors because `j` may step below `a`'s
/// neighbour before the loop ends.
fn partition(d: &mut Data, a: usize, b: usize, pivot: usize) -> (usize, bool) {
    d.swap(a, pivot);
    let (mut i, mut j) = (a as isize + 1, b as isize - 1);
    while i <= j && d.less(i as usize, a) {
        i += 1;
    }
    while i <= j && !d.less(j as usize, a) {
        j -= 1;
    }
    if i > j {
        d.swap(j as usize, a);
        return (j as usize, true);
    }
    d.swap(i as usize, j as usize);
    i += 1;
    j -= 1;
    loop {
        while i <= j && d.less(i as usize, a) {
            i += 1;
        }
        while i <= j && !d.less(j as usize, a) {
            j -= 1;
        }
        if i > j {
            break;
        }
        d.swap(i as usize, j as usize);
        i += 1;
        j -= 1;
    }
    d.swap(j as usize, a);
    (j as usize, false)
}

fn partition_equal(d: &mut Data, a: usize, b: usize, pivot: usize) -> usize {
    d.swap(a, pivot);
    let (mut i, mut j) = (a as isize + 1, b as isize - 1);
    loop {
        while i <= j && !d.less(a, i as usize) {
            i += 1;
        }
        while i <= j && d.less(a, j as usize) {
            j -= 1;
        }
        if i > j {
            break;
        }
        d.swap(i as usize, j as usize);
        i += 1;
        j -= 1;
    }
    i as usize
}

fn partial_insertion_sort(d: &mut Data, a: usize, b: usize) -> bool {
    const MAX_STEPS: usize = 5;
    const SHORTEST_SHIFTING: usize = 50;
    let mut i = a + 1;
    for _ in 0..MAX_STEPS {
        while i < b && !d.less(i, i - 1) {
            i += 1;
        }
        if i == b {
            return true;
        }
        if b - a < SHORTEST_SHIFTING {
            return false;
        }
        d.swap(i, i - 1);
        // Go shifts down to index 1 of the whole slice, not of data[a:b].
        if i - a >= 2 {
            let mut j = i - 1;
            while j >= 1 {
                if !d.less(j, j - 1) {
                    break;
                }
                d.swap(j, j - 1);
                j -= 1;
            }
        }
        if b - i >= 2 {
            for j in i + 1..b {
                if !d.less(j, j - 1) {
                    break;
                }
                d.swap(j, j - 1);
            }
        }
    }
    false
}

fn break_patterns(d: &mut Data, a: usize, b: usize) {
    let length = b - a;
    if length >= 8 {
        let mut random = length as u64;
        let modulus = 1usize << bits_len(length);
        let start = a + (length / 4) * 2 - 1;
        for idx in start..=start + 2 {
            // xorshift64 with Go's current shift triple (13, 7, 17).
            random ^= random << 13;
            random ^= random >> 7;
            random ^= random << 17;
            let mut other = (random as usize) & (modulus - 1);
            if other >= length {
                other -= length;
            }
            d.swap(idx, a + other);
        }
    }
}

fn choose_pivot(d: &mut Data, a: usize, b: usize) -> (usize, Hint) {
    const SHORTEST_NINTHER: usize = 50;
    const MAX_SWAPS: usize = 4 * 3;
    let l = b - a;
    let mut swaps = 0;
    let mut i = a + l / 4;
    let mut j = a + l / 4 * 2;
    let mut k = a + l / 4 * 3;
    if l >= 8 {
        if l >= SHORTEST_NINTHER {
            i = median(d, i - 1, i, i + 1, &mut swaps);
            j = median(d, j - 1, j, j + 1, &mut swaps);
            k = median(d, k - 1, k, k + 1, &mut swaps);
        }
        j = median(d, i, j, k, &mut swaps);
    }
    match swaps {
        0 => (j, Hint::Increasing),
        MAX_SWAPS => (j, Hint::Decreasing),
        _ => (j, Hint::Unknown),
    }
}

fn order2(d: &Data, a: usize, b: usize, swaps: &mut usize) -> (usize, usize) {
    if d.less(b, a) {
        *swaps += 1;
        (b, a)
    } else {
        (a, b)
    }
}

fn median(d: &Data, a: usize, b: usize, c: usize, swaps: &mut usize) -> usize {
    let (a, b) = order2(d, a, b, swaps);
    let (b, _c) = order2(d, b, c, swaps);
    let (_a, b) = order2(d, a, b, swaps);
    b
}

fn reverse_range(d: &mut Data, a: usize, b: usize) {
    let (mut i, mut j) = (a, b - 1);
    while i < j {
        d.swap(i, j);
        i += 1;
        j -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_a_sort() {
        let mut seed = 7u64;
        for n in [0usize, 1, 2, 13, 40, 64, 200, 1000] {
            let mut v: Vec<u64> = (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    (seed >> 33) % 17
                })
                .collect();
            let mut expected = v.clone();
            expected.sort();
            go_sort(&mut v, |a, b| a < b);
            assert_eq!(v, expected);
            // Reversed and already sorted inputs take the other paths.
            v.reverse();
            go_sort(&mut v, |a, b| a < b);
            assert_eq!(v, expected);
        }
    }

    #[test]
    fn equal_keys_keep_list_order_up_to_twelve() {
        let mut v: Vec<(u8, usize)> = (0..12).map(|i| ((i % 2) as u8, i)).collect();
        go_sort(&mut v, |a, b| a.0 < b.0);
        let order: Vec<usize> = v.iter().map(|x| x.1).collect();
        assert_eq!(order, vec![0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11]);
    }

    /// Orders observed from kubectl 1.33 (Go 1.24) describing a ConfigMap
    /// whose events (listed in name order `m0`, `m1`, …) share a few
    /// timestamps: ties come out in pdqsort's order, not list order.
    #[test]
    fn r10_11_equal_event_times_come_out_as_kubectl_prints_them() {
        let cases: [(&[u8], &[usize]); 2] = [
            (
                &[1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0],
                &[8, 10, 2, 15, 4, 12, 1, 9, 0, 7, 6, 11, 5, 13, 14, 3],
            ),
            (
                &[
                    1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0,
                    1, 0, 1, 0,
                ],
                &[
                    18, 29, 27, 25, 4, 5, 22, 7, 8, 9, 10, 11, 19, 13, 14, 21, 16, 17, 0, 12, 20,
                    15, 6, 23, 24, 3, 26, 2, 28, 1,
                ],
            ),
        ];
        for (keys, expected) in cases {
            let mut v: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            go_sort(&mut v, |a, b| a.0 < b.0);
            let order: Vec<usize> = v.iter().map(|x| x.1).collect();
            assert_eq!(order, expected);
        }
    }
}
