//! The deterministic shuffles of order and match questions: the same quiz
//! always renders the same bytes, and an order question never starts solved.

/// A deterministic shuffle of `0..n` from `seed` (xorshift + Fisher–Yates),
/// never the identity when `n >= 2`, so an order question never starts
/// solved.
pub fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed | 1;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    if n >= 2 && order.iter().enumerate().all(|(i, &k)| i == k) {
        order.rotate_left(1);
    }
    order
}

pub(super) fn seed(hash: &str, question: usize) -> u64 {
    u64::from_str_radix(hash.get(..16).unwrap_or(hash), 16).unwrap_or(0)
        ^ (question as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}
