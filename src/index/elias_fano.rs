//! Elias–Fano coding of a sorted list of numbers below a known bound: each number
//! costs 2 + ⌊log₂(bound / count)⌋ bits, whatever the numbers are, and the list's
//! length in bytes follows from its count and bound alone (nothing to store for it).
//! Pure: numbers in, bytes out.
//!
//! A number `v` is split into its `low` bits (the lowest ⌊log₂(bound / count)⌋,
//! packed one after another) and the rest (`v >> low`), written in unary: the `i`-th
//! number sets bit `(v >> low) + i` of the high part.

/// The most bits a number's low part may take (a bound up to 2⁵⁶ keeps every read of
/// the low part inside one little-endian `u64`).
const MAX_LOW_BITS: u32 = 56;

/// Bits of each number's low part for `count` numbers below `bound`.
fn low_bits(count: u64, bound: u64) -> u32 {
    let ratio = bound / count.max(1);
    if ratio <= 1 {
        0
    } else {
        (63 - ratio.leading_zeros()).min(MAX_LOW_BITS)
    }
}

/// Bytes of the low part and of the high part.
fn parts(count: u64, bound: u64) -> (usize, usize) {
    let low = low_bits(count, bound);
    let low_bytes = (count * u64::from(low)).div_ceil(8);
    let high_bits = count + (bound.saturating_sub(1) >> low) + 1;
    let to_usize = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    (to_usize(low_bytes), to_usize(high_bits.div_ceil(8)))
}

/// Bytes [`encode`] writes for `count` numbers below `bound`.
pub fn encoded_len(count: u64, bound: u64) -> usize {
    let (low, high) = parts(count, bound);
    low.saturating_add(high)
}

/// Appends `values` (non-decreasing, each below `bound`) to `out`:
/// [`encoded_len`]`(values.len(), bound)` bytes.
pub fn encode(values: &[u64], bound: u64, out: &mut Vec<u8>) {
    let count = values.len() as u64;
    let low = low_bits(count, bound);
    let (low_bytes, high_bytes) = parts(count, bound);
    let start = out.len();
    out.resize(start + low_bytes + high_bytes, 0);
    let (low_part, high_part) = out[start..].split_at_mut(low_bytes);
    let mask = (1u64 << low) - 1;
    // The low parts, packed through an accumulator written eight bytes at a time (a
    // byte at a time was half of a build's coding).
    let (mut acc, mut acc_bits, mut at) = (0u128, 0u32, 0usize);
    for &v in values {
        acc |= u128::from(v & mask) << acc_bits;
        acc_bits += low;
        if acc_bits >= 64 {
            if let Some(word) = low_part.get_mut(at..at + 8) {
                word.copy_from_slice(&(acc as u64).to_le_bytes());
            }
            (acc, acc_bits, at) = (acc >> 64, acc_bits - 64, at + 8);
        }
    }
    let tail = (acc_bits as usize).div_ceil(8);
    if let Some(rest) = low_part.get_mut(at..at + tail) {
        rest.copy_from_slice(&(acc as u64).to_le_bytes()[..tail]);
    }
    for (i, &v) in values.iter().enumerate() {
        let high = usize::try_from((v >> low) + i as u64).unwrap_or(usize::MAX);
        if let Some(b) = high_part.get_mut(high / 8) {
            *b |= 1 << (high % 8);
        }
    }
}

/// Reads `count` numbers below `bound` that [`encode`] wrote at the start of `bytes`
/// into `out` (after what it holds); `None` if `bytes` is too short or holds fewer.
pub fn decode(bytes: &[u8], count: usize, bound: u64, out: &mut Vec<u64>) -> Option<()> {
    out.reserve(count);
    for_each(bytes, count, bound, |v| out.push(v))
}

/// Calls `each` with the `count` numbers below `bound` that [`encode`] wrote at the
/// start of `bytes`, in order; `None` if `bytes` is too short or holds fewer (after
/// `each` had those it holds).
pub fn for_each(bytes: &[u8], count: usize, bound: u64, mut each: impl FnMut(u64)) -> Option<()> {
    let low = low_bits(count as u64, bound);
    let (low_bytes, high_bytes) = parts(count as u64, bound);
    let low_part = bytes.get(..low_bytes)?;
    let high_part = bytes.get(low_bytes..low_bytes.checked_add(high_bytes)?)?;
    let mask = (1u64 << low) - 1;
    let low_at = |i: usize| -> u64 {
        if low == 0 {
            return 0;
        }
        let bit = i * low as usize;
        let from = bit / 8;
        let word = match low_part.get(from..from + 8) {
            Some(b) => <[u8; 8]>::try_from(b).map_or(0, u64::from_le_bytes),
            // The last bytes: fewer than 8 left.
            None => {
                let mut word = [0u8; 8];
                let tail = low_part.get(from..).unwrap_or_default();
                word[..tail.len()].copy_from_slice(tail);
                u64::from_le_bytes(word)
            }
        };
        (word >> (bit % 8)) & mask
    };
    let mut i = 0usize;
    for (chunk_at, chunk) in high_part.chunks(8).enumerate() {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        let mut w = u64::from_le_bytes(word);
        while w != 0 && i < count {
            let position = chunk_at * 64 + w.trailing_zeros() as usize;
            let high = position.checked_sub(i)? as u64;
            each((high << low) | low_at(i));
            i += 1;
            w &= w - 1;
        }
        if i == count {
            return Some(());
        }
    }
    (i == count).then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::test_random::XorShift;

    fn round_trip(values: &[u64], bound: u64) {
        let mut bytes = vec![7u8];
        encode(values, bound, &mut bytes);
        assert_eq!(bytes.len(), 1 + encoded_len(values.len() as u64, bound));
        let mut back = Vec::new();
        decode(&bytes[1..], values.len(), bound, &mut back).expect("decodes");
        assert_eq!(back, values, "bound {bound}");
    }

    #[test]
    fn lists_come_back_as_written() {
        round_trip(&[], 10);
        round_trip(&[0], 1);
        round_trip(&[5], 6);
        round_trip(&[0, 1, 2, 3, 4], 5);
        round_trip(&[3, 3, 3], 4);
        round_trip(&[1, 1000, 1_000_000, 4_000_000_000], 4_000_000_001);
        let dense: Vec<u64> = (0..1000).map(|i| i * 3 + (i % 2)).collect();
        round_trip(&dense, 3000);
        let sparse: Vec<u64> = (0..300).map(|i| i * i * 977).collect();
        round_trip(&sparse, 300 * 300 * 977);
        // Pseudo-random lists of every density.
        let mut x = XorShift(0x9e37_79b9_7f4a_7c15);
        for count in [1usize, 2, 7, 64, 65, 500] {
            for bound in [count as u64, 100, 4096, 1 << 20, 1 << 33] {
                let bound = bound.max(count as u64);
                let mut v: Vec<u64> = (0..count).map(|_| x.below(bound)).collect();
                v.sort_unstable();
                round_trip(&v, bound);
            }
        }
    }

    #[test]
    fn each_number_costs_two_bits_over_its_share_of_the_bound() {
        // 1000 numbers below 2²⁰: 10 low bits each, and a high part of one bit per
        // number and one per possible value of the high 10 bits.
        assert_eq!(
            encoded_len(1000, 1 << 20),
            1000 * 10 / 8 + (1000 + 1024) / 8
        );
    }

    #[test]
    fn short_or_wrong_bytes_do_not_decode() {
        let mut bytes = Vec::new();
        encode(&[1, 5, 9], 10, &mut bytes);
        let mut out = Vec::new();
        assert!(decode(&bytes[..bytes.len() - 1], 3, 10, &mut out).is_none());
        out.clear();
        assert!(decode(&[0u8; 4], 3, 10, &mut out).is_none());
        out.clear();
        assert!(decode(&bytes, 4, 10, &mut out).is_none());
    }

    /// [`encode`] as it was, a byte of a low part at a time: the reference layout.
    fn encode_by_bytes(values: &[u64], bound: u64) -> Vec<u8> {
        let count = values.len() as u64;
        let low = low_bits(count, bound);
        let (low_bytes, high_bytes) = parts(count, bound);
        let mut out = vec![0u8; low_bytes + high_bytes];
        let (low_part, high_part) = out.split_at_mut(low_bytes);
        let mask = (1u64 << low) - 1;
        let mut bit = 0usize;
        for (i, &v) in values.iter().enumerate() {
            let mut bits = v & mask;
            let mut left = low as usize;
            while left > 0 {
                let (byte, shift) = (bit / 8, bit % 8);
                let take = (8 - shift).min(left);
                low_part[byte] |= ((bits & ((1 << take) - 1)) as u8) << shift;
                bits >>= take;
                bit += take;
                left -= take;
            }
            let high = ((v >> low) + i as u64) as usize;
            high_part[high / 8] |= 1 << (high % 8);
        }
        out
    }

    #[test]
    fn the_layout_is_the_one_written_a_byte_at_a_time() {
        let mut x = XorShift(0x2545_f491_4f6c_dd1d);
        for count in [0usize, 1, 2, 3, 7, 8, 9, 63, 64, 65, 100, 1000] {
            for bound in [1u64, 2, 100, 4096, 1 << 20, 1 << 33, 1 << 56, u64::MAX >> 1] {
                let bound = bound.max(count as u64);
                let mut v: Vec<u64> = (0..count).map(|_| x.below(bound)).collect();
                v.sort_unstable();
                let mut bytes = Vec::new();
                encode(&v, bound, &mut bytes);
                assert_eq!(bytes, encode_by_bytes(&v, bound), "{count} below {bound}");
            }
        }
    }
}
