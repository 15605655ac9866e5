//! Temporary stage clock (profiling aid).
use std::time::Instant;

pub(crate) struct Clock {
    last: Instant,
    laps: Vec<(&'static str, f64)>,
}

impl Clock {
    pub(crate) fn start() -> Self {
        Clock {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }
    pub(crate) fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name, (now - self.last).as_secs_f64()));
        self.last = now;
    }
    pub(crate) fn report(&self) {
        if std::env::var_os("STORYLINE_STAGES").is_some() {
            eprintln!("{:?}", self.laps);
        }
    }
}
