//! Feature hashing: string features become `u64` keys without allocation.

/// A feature key: a 64-bit hash of a feature template and its values.
pub type Feature = u64;

const SEED: u64 = 0x9E37_79B9_7F4A_7C15;

/// Incremental FNV-1a style hasher, finished with a strong mixer so that keys
/// spread evenly in the weight table.
#[derive(Debug, Clone, Copy)]
pub struct FeatureHasher(u64);

impl FeatureHasher {
    /// Starts a feature for template number `template`.
    #[inline]
    pub fn new(template: u32) -> Self {
        FeatureHasher(SEED ^ u64::from(template).wrapping_mul(0x100_0000_01B3))
    }

    /// Adds a string value to the feature.
    #[inline]
    pub fn str(mut self, value: &str) -> Self {
        for &b in value.as_bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01B3);
        }
        // Separator so that ("ab","c") and ("a","bc") differ.
        self.0 = (self.0 ^ 0xFF).wrapping_mul(0x100_0000_01B3);
        self
    }

    /// Adds an integer value (a tag id, a distance, a flag) to the feature.
    #[inline]
    pub fn int(mut self, value: u64) -> Self {
        self.0 = (self.0 ^ value).wrapping_mul(0x100_0000_01B3);
        self.0 = self.0.rotate_left(29);
        self
    }

    /// Finishes the feature key.
    #[inline]
    pub fn finish(self) -> Feature {
        mix(self.0)
    }
}

/// Murmur3's 64-bit finaliser.
#[inline]
pub fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// A `BuildHasher` for maps keyed by already-mixed feature keys: hashing them
/// again would only cost time.
#[derive(Debug, Clone, Copy, Default)]
pub struct PassThrough;

/// The hasher behind [`PassThrough`].
#[derive(Debug, Clone, Copy, Default)]
pub struct PassThroughHasher(u64);

impl std::hash::Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl std::hash::BuildHasher for PassThrough {
    type Hasher = PassThroughHasher;
    fn build_hasher(&self) -> PassThroughHasher {
        PassThroughHasher(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn different_values_give_different_keys() {
        let a = FeatureHasher::new(1).str("ab").str("c").finish();
        let b = FeatureHasher::new(1).str("a").str("bc").finish();
        let c = FeatureHasher::new(2).str("ab").str("c").finish();
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(a, FeatureHasher::new(1).str("ab").str("c").finish());
    }
}
