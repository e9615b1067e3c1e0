//! Hybrid logical clock: orders changes across replicas even when wall clocks disagree.
//!
//! Packed into one `i64`: the high 48 bits are unix milliseconds, the low 16 bits a counter
//! that breaks ties within the same millisecond (and when the wall clock goes backwards).

/// A hybrid logical clock timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hlc(i64);

const COUNTER_BITS: u32 = 16;
const COUNTER_MASK: i64 = (1 << COUNTER_BITS) - 1;

impl Hlc {
    /// A timestamp from its physical milliseconds and logical counter.
    pub fn new(physical_ms: i64, counter: u16) -> Self {
        Self((physical_ms << COUNTER_BITS) | i64::from(counter))
    }

    /// From the packed form, as stored in the change log.
    pub fn from_packed(packed: i64) -> Self {
        Self(packed)
    }

    /// The packed form stored in the change log.
    pub fn packed(self) -> i64 {
        self.0
    }

    /// The wall-clock part, in unix milliseconds.
    pub fn physical_ms(self) -> i64 {
        self.0 >> COUNTER_BITS
    }

    /// The logical counter.
    pub fn counter(self) -> u16 {
        // Masked to 16 bits, so the conversion cannot fail.
        u16::try_from(self.0 & COUNTER_MASK).unwrap_or(u16::MAX)
    }

    /// The next timestamp for a local event at wall time `now_ms`: strictly greater than `self`.
    pub fn tick(self, now_ms: i64) -> Self {
        if now_ms > self.physical_ms() {
            Self::new(now_ms, 0)
        } else if self.counter() < u16::MAX {
            Self::new(self.physical_ms(), self.counter() + 1)
        } else {
            Self::new(self.physical_ms() + 1, 0)
        }
    }

    /// The next timestamp after receiving `remote` at wall time `now_ms`: greater than both.
    pub fn receive(self, remote: Hlc, now_ms: i64) -> Self {
        self.max(remote).tick(now_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_strictly_increasing_even_when_the_clock_goes_back() {
        let mut h = Hlc::new(1_000, 0);
        let mut last = h;
        for now in [1_000, 999, 500, 1_000, 1_001, 1_001] {
            h = h.tick(now);
            assert!(h > last, "{h:?} should follow {last:?}");
            last = h;
        }
        assert_eq!(h.physical_ms(), 1_001);
    }

    #[test]
    fn counter_overflow_moves_to_the_next_millisecond() {
        let h = Hlc::new(5, u16::MAX).tick(5);
        assert_eq!((h.physical_ms(), h.counter()), (6, 0));
    }

    #[test]
    fn receiving_a_later_remote_clock_moves_past_it() {
        let local = Hlc::new(100, 3);
        let remote = Hlc::new(200, 7);
        let merged = local.receive(remote, 150);
        assert!(merged > remote);
        assert_eq!(merged.physical_ms(), 200);
    }
}
