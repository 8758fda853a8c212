//! Nelder–Mead simplex minimisation in the unit box, with restarts, as a
//! state that can be saved after every iteration and resumed.
//!
//! Coordinates live in `[0, 1]^d` (the shell maps them to each parameter's
//! search range); trial points are clamped into the box. Coefficients are
//! the standard ones (reflection 1, expansion 2, contraction ½, shrink ½;
//! Nelder and Mead 1965, as in Lagarias et al. 1998). A restart begins when
//! the simplex has collapsed (its values spread by less than `ftol` and its
//! points by less than `xtol`) or after `iterations_per_restart`: a new
//! simplex around the best point so far with half the previous step, which
//! lets the search escape a premature collapse, common on noisy losses.
//!
//! Each [`State::iterate`] evaluates the loss 1 to `d + 2` times and leaves
//! a consistent state, so a run stopped between iterations and resumed from
//! the saved state follows the same path (for a deterministic loss).

use serde::{Deserialize, Serialize};

/// Settings of the search.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Initial step of the simplex, in unit-box coordinates.
    pub step: f64,
    /// Iterations before a restart at the latest.
    pub iterations_per_restart: u32,
    /// Restarts after the first simplex.
    pub restarts: u32,
    /// Spread of loss values below which a simplex has converged.
    pub ftol: f64,
    /// Spread of points below which a simplex has converged.
    pub xtol: f64,
}

/// The whole state of a search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// Settings it runs with.
    pub settings: Settings,
    /// Vertices, sorted by value after every iteration.
    pub simplex: Vec<Vec<f64>>,
    /// Loss at each vertex.
    pub values: Vec<f64>,
    /// Best point seen.
    pub best: Vec<f64>,
    /// Its loss.
    pub best_value: f64,
    /// Iterations in the current restart.
    pub iteration: u32,
    /// Restarts done.
    pub restart: u32,
    /// Current step.
    pub step: f64,
    /// Loss evaluations so far.
    pub evaluations: u64,
    /// Loss after each iteration (best so far), for progress and tests.
    pub history: Vec<f64>,
}

fn clamp(x: &mut [f64]) {
    for v in x {
        *v = v.clamp(0.0, 1.0);
    }
}

/// A simplex of `x0` and one vertex per axis, `step` away (inwards at the box's edge).
fn simplex_around(x0: &[f64], step: f64) -> Vec<Vec<f64>> {
    let mut s = vec![x0.to_vec()];
    for i in 0..x0.len() {
        let mut v = x0.to_vec();
        v[i] = if v[i] + step <= 1.0 { v[i] + step } else { v[i] - step };
        clamp(&mut v);
        s.push(v);
    }
    s
}

impl State {
    /// Starts a search at `x0` (unit-box coordinates).
    pub fn new(x0: &[f64], settings: Settings, f: &mut dyn FnMut(&[f64]) -> f64) -> State {
        let mut x0 = x0.to_vec();
        clamp(&mut x0);
        let simplex = simplex_around(&x0, settings.step);
        let values: Vec<f64> = simplex.iter().map(|x| f(x)).collect();
        let mut s = State {
            settings,
            evaluations: simplex.len() as u64,
            simplex,
            values,
            best: x0,
            best_value: f64::INFINITY,
            iteration: 0,
            restart: 0,
            step: settings.step,
            history: Vec::new(),
        };
        s.sort();
        s
    }

    fn sort(&mut self) {
        let mut idx: Vec<usize> = (0..self.values.len()).collect();
        idx.sort_by(|&a, &b| self.values[a].total_cmp(&self.values[b]));
        self.simplex = idx.iter().map(|&i| self.simplex[i].clone()).collect();
        self.values = idx.iter().map(|&i| self.values[i]).collect();
        if self.values[0] < self.best_value {
            self.best_value = self.values[0];
            self.best = self.simplex[0].clone();
        }
    }

    /// Whether every restart is used up.
    pub fn finished(&self) -> bool {
        self.restart > self.settings.restarts
    }

    fn converged(&self) -> bool {
        let fspread = self.values.last().copied().unwrap_or(0.0) - self.values[0];
        let xspread =
            self.simplex[1..].iter().flat_map(|v| v.iter().zip(&self.simplex[0]).map(|(a, b)| (a - b).abs())).fold(0.0f64, f64::max);
        fspread <= self.settings.ftol && xspread <= self.settings.xtol
    }

    /// One iteration (or a restart); returns the best loss so far.
    pub fn iterate(&mut self, f: &mut dyn FnMut(&[f64]) -> f64) -> f64 {
        if self.finished() {
            return self.best_value;
        }
        if self.iteration >= self.settings.iterations_per_restart || self.converged() {
            self.restart += 1;
            self.iteration = 0;
            if !self.finished() {
                self.step = (self.step * 0.5).max(1e-3);
                self.simplex = simplex_around(&self.best.clone(), self.step);
                self.values = self.simplex.iter().map(|x| f(x)).collect();
                self.evaluations += self.simplex.len() as u64;
                self.sort();
            }
            self.history.push(self.best_value);
            return self.best_value;
        }
        let n = self.simplex.len() - 1;
        let centroid: Vec<f64> = (0..n).map(|d| self.simplex[..n].iter().map(|v| v[d]).sum::<f64>() / n as f64).collect();
        let worst = self.simplex[n].clone();
        let along = |t: f64| -> Vec<f64> {
            let mut p: Vec<f64> = centroid.iter().zip(&worst).map(|(c, w)| c + t * (c - w)).collect();
            clamp(&mut p);
            p
        };
        let mut eval = |x: &[f64], count: &mut u64| {
            *count += 1;
            f(x)
        };
        let r = along(1.0);
        let fr = eval(&r, &mut self.evaluations);
        if fr < self.values[0] {
            let e = along(2.0);
            let fe = eval(&e, &mut self.evaluations);
            if fe < fr {
                self.simplex[n] = e;
                self.values[n] = fe;
            } else {
                self.simplex[n] = r;
                self.values[n] = fr;
            }
        } else if fr < self.values[n - 1] {
            self.simplex[n] = r;
            self.values[n] = fr;
        } else {
            let (c, fc) = if fr < self.values[n] {
                let c = along(0.5);
                let fc = eval(&c, &mut self.evaluations);
                (c, fc)
            } else {
                let c = along(-0.5);
                let fc = eval(&c, &mut self.evaluations);
                (c, fc)
            };
            if fc < fr.min(self.values[n]) {
                self.simplex[n] = c;
                self.values[n] = fc;
            } else {
                let b = self.simplex[0].clone();
                for i in 1..=n {
                    let mut v: Vec<f64> = self.simplex[i].iter().zip(&b).map(|(x, y)| y + 0.5 * (x - y)).collect();
                    clamp(&mut v);
                    self.values[i] = eval(&v, &mut self.evaluations);
                    self.simplex[i] = v;
                }
            }
        }
        self.iteration += 1;
        self.sort();
        self.history.push(self.best_value);
        self.best_value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTINGS: Settings = Settings { step: 0.2, iterations_per_restart: 200, restarts: 2, ftol: 1e-12, xtol: 1e-7 };

    fn rosenbrock(x: &[f64]) -> f64 {
        // Minimum 0 at (0.6, 0.36) in the unit box.
        let (a, b) = (x[0] * 2.0 - 0.6, x[1] * 2.0 - 0.36);
        let (a, b) = (a + 0.0, b);
        (0.6 - a).powi(2) + 100.0 * (b - a * a).powi(2)
    }

    #[test]
    fn finds_the_minimum_of_a_quadratic_in_the_box() {
        let target = [0.3, 0.7, 0.55];
        let mut f = |x: &[f64]| x.iter().zip(&target).map(|(a, b)| (a - b).powi(2)).sum::<f64>();
        let mut s = State::new(&[0.9, 0.1, 0.5], SETTINGS, &mut f);
        while !s.finished() {
            s.iterate(&mut f);
        }
        assert!(s.best_value < 1e-10, "{}", s.best_value);
        assert!(s.best.iter().zip(&target).all(|(a, b)| (a - b).abs() < 1e-4), "{:?}", s.best);
        assert!(s.history.windows(2).all(|w| w[1] <= w[0]), "the best loss never increases");
    }

    #[test]
    fn handles_a_curved_valley() {
        let mut f = rosenbrock;
        let mut s = State::new(&[0.1, 0.9], Settings { iterations_per_restart: 500, ..SETTINGS }, &mut f);
        while !s.finished() {
            s.iterate(&mut f);
        }
        assert!(s.best_value < 1e-6, "{} at {:?}", s.best_value, s.best);
    }

    #[test]
    fn stays_in_the_box_when_the_minimum_is_outside() {
        let mut f = |x: &[f64]| (x[0] - 1.5).powi(2) + (x[1] + 0.5).powi(2);
        let mut s = State::new(&[0.5, 0.5], SETTINGS, &mut f);
        while !s.finished() {
            s.iterate(&mut f);
        }
        assert!((s.best[0] - 1.0).abs() < 1e-6 && s.best[1].abs() < 1e-6, "{:?}", s.best);
    }

    #[test]
    fn a_resumed_search_follows_the_same_path() {
        let mut f = rosenbrock;
        let mut whole = State::new(&[0.2, 0.2], SETTINGS, &mut f);
        for _ in 0..40 {
            whole.iterate(&mut f);
        }
        let mut part = State::new(&[0.2, 0.2], SETTINGS, &mut f);
        for _ in 0..15 {
            part.iterate(&mut f);
        }
        let saved = serde_json::to_string(&part).unwrap();
        let mut resumed: State = serde_json::from_str(&saved).unwrap();
        for _ in 0..25 {
            resumed.iterate(&mut f);
        }
        assert_eq!(resumed, whole);
    }
}
