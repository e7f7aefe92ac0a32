//! One quick hash (multiply and rotate, eight bytes at a time) for the
//! lookup tables and counts that hash millions of short keys: the
//! customer import's baseline and place names, the filter's tokens.
//! Nothing here faces a server's untrusted input, so the default hasher's
//! defence against chosen keys is not needed, and its cost is per key.

const K: u64 = 0x517c_c1b7_2722_0a95;

/// `state` with `bytes` mixed in.
pub fn mix(mut state: u64, bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        state = (state.rotate_left(5) ^ word).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        state = (state.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
    }
    state
}

/// The hash of a whole key, with its length and a last fold so the low
/// bits are as good as the high ones (for a table keyed by the hash).
pub fn of(bytes: &[u8]) -> u64 {
    let h = mix(bytes.len() as u64, bytes);
    h ^ (h >> 29)
}

/// A [`std::hash::Hasher`] by [`mix`].
#[derive(Default, Clone, Copy)]
pub struct QuickHasher(u64);

impl std::hash::Hasher for QuickHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = mix(self.0, bytes);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map hashed by [`QuickHasher`].
pub type QuickMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<QuickHasher>>;
