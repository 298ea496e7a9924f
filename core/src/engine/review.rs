//! Spaced review of mastered skills with FSRS. Owned by the review work.
