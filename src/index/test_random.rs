//! Deterministic pseudo-random test data (xorshift64), for the index's tests: the same
//! numbers on every run, no dependency.

/// A xorshift64 generator from a seed (not 0).
pub struct XorShift(pub u64);

impl XorShift {
    /// The next number below `bound` (not 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }

    /// A text of fewer than `max_len` chars drawn from `alphabet`.
    pub fn text(&mut self, alphabet: &[char], max_len: u64) -> String {
        let len = self.below(max_len);
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len() as u64) as usize])
            .collect()
    }
}
