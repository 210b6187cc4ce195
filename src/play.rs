//! Plays that unfold: a sequence of drawn items (a task's samples, a response's claims), the
//! first few shown part by part, later ones whole, then ten at a time, so a visitor first sees
//! the mechanism and then the statistics build up. Each lab says what an item is and how item
//! `i` is drawn (from its own sub-stream, so item 7 is the same however it was reached).

use serde::Serialize;

/// Something shown part by part (a task's draws, a response's claims).
pub trait Parts {
    /// How many parts it has (at least one is shown once it is drawn).
    fn parts(&self) -> usize;
}

/// The state of a play: the items drawn so far and how many parts of the last are shown.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unfold<T> {
    pub items: Vec<T>,
    /// Parts of the last item on screen (all of them once the play is past the first items).
    pub shown: usize,
}

impl<T> Default for Unfold<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            shown: 0,
        }
    }
}

impl<T: Parts> Unfold<T> {
    /// Items shown part by part before the play speeds up.
    pub const SLOW: usize = 3;
    /// From this many items on, each step draws ten.
    pub const FAST_FROM: usize = 20;

    /// One step: the next part of an item still unfolding, or the next item (ten once the play
    /// is under way), up to `limit` items; `draw(i)` draws item `i`. False when nothing is left.
    pub fn advance(&mut self, limit: usize, mut draw: impl FnMut(usize) -> T) -> bool {
        if self.unfolding() {
            self.shown += 1;
            return true;
        }
        let n = self.items.len();
        if n >= limit {
            return false;
        }
        let batch = if n >= Self::FAST_FROM { 10 } else { 1 };
        for i in n..(n + batch).min(limit) {
            self.items.push(draw(i));
        }
        self.shown = match self.items.len() <= Self::SLOW {
            true => 1,
            false => self.items.last().map_or(0, Parts::parts),
        };
        true
    }

    /// Whether the last item is still unfolding (not every part shown).
    pub fn unfolding(&self) -> bool {
        self.items.last().is_some_and(|t| self.shown < t.parts())
    }

    /// The items shown whole.
    pub fn finished(&self) -> &[T] {
        let n = self.items.len() - usize::from(self.unfolding());
        self.items.get(..n).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Parts for usize {
        fn parts(&self) -> usize {
            *self
        }
    }

    /// The first items come part by part, then an item per step, then ten; the play stops at
    /// its limit and an item being unfolded does not count as finished.
    #[test]
    fn slow_first_then_whole_then_ten_at_a_time() {
        let draw = |i: usize| 1 + i % 4;
        let mut u = Unfold::default();
        let mut steps = 0;
        while u.items.len() < Unfold::<usize>::SLOW || u.unfolding() {
            assert!(u.advance(1000, draw));
            assert!(u.finished().len() <= u.items.len());
            steps += 1;
        }
        assert_eq!(
            steps,
            (0..3).map(draw).sum::<usize>(),
            "one step per part at first"
        );
        assert!(u.advance(1000, draw));
        assert_eq!(
            (u.items.len(), u.unfolding()),
            (4, false),
            "then whole items"
        );
        while u.items.len() < Unfold::<usize>::FAST_FROM {
            u.advance(1000, draw);
        }
        u.advance(1000, draw);
        assert_eq!(u.items.len(), Unfold::<usize>::FAST_FROM + 10);
        while u.advance(1000, draw) {}
        assert_eq!(u.items.len(), 1000);
        assert_eq!(u.finished().len(), 1000);
        assert_eq!(u.items, (0..1000).map(draw).collect::<Vec<_>>());
        let mut fresh = Unfold::default();
        fresh.advance(10, |_| 3usize);
        assert!(fresh.unfolding() && fresh.finished().is_empty());
    }
}
