//! AND-leaning matching in one pass: documents matching any query word are found, their word
//! scores summed, and the sum counted again `bonus` times when every word matched.
//!
//! This ranks exactly as "any word" plus a boosted "every word" clause would, but walks each
//! word's postings once: the second clause re-walked them (an intersection of the same unions),
//! which cost a fifth of a typical search.

use tantivy::query::{BooleanWeight, EnableScoring, Occur, Query, ScoreCombiner, Scorer, Weight};
use tantivy::{Score, Term};

/// Any of `words`; every one of them multiplies the summed score by `1 + bonus`.
#[derive(Debug)]
pub struct AnyAll {
    pub words: Vec<Box<dyn Query>>,
    pub bonus: Score,
}

impl Clone for AnyAll {
    fn clone(&self) -> Self {
        Self { words: self.words.iter().map(|q| q.box_clone()).collect(), bonus: self.bonus }
    }
}

impl Query for AnyAll {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights =
            self.words.iter().map(|q| Ok((Occur::Should, q.weight(scoring)?))).collect::<tantivy::Result<Vec<_>>>()?;
        if !scoring.is_scoring_enabled() {
            return Ok(Box::new(BooleanWeight::with_minimum_number_should_match(
                weights,
                0,
                false,
                Box::new(Unscored::default),
            )));
        }
        let all = Coord { words: self.words.len() as u32, bonus: self.bonus, matched: 0, sum: 0.0 };
        Ok(Box::new(BooleanWeight::with_minimum_number_should_match(weights, 0, true, Box::new(move || all))))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for q in &self.words {
            q.query_terms(visitor);
        }
    }
}

/// Sums the words' scores and counts how many matched.
#[derive(Debug, Default, Clone, Copy)]
struct Coord {
    words: u32,
    bonus: Score,
    matched: u32,
    sum: Score,
}

impl ScoreCombiner for Coord {
    fn update<S: Scorer>(&mut self, scorer: &mut S) {
        self.matched += 1;
        self.sum += scorer.score();
    }

    fn clear(&mut self) {
        self.matched = 0;
        self.sum = 0.0;
    }

    fn score(&self) -> Score {
        if self.matched >= self.words { self.sum * (1.0 + self.bonus) } else { self.sum }
    }
}

/// Scoring disabled (sorted by a field): matching only.
#[derive(Debug, Default, Clone, Copy)]
struct Unscored;

impl ScoreCombiner for Unscored {
    fn update<S: Scorer>(&mut self, _: &mut S) {}

    fn clear(&mut self) {}

    fn score(&self) -> Score {
        1.0
    }
}
