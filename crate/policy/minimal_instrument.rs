//! A minimal instrument, compiled only for tests: it shows that a new
//! instrument is this one file plus one line in a registry (see
//! `a_new_instrument_is_one_file_and_one_registry_line` in
//! `crate/policy/registry.rs`). While active it pays a flat `grant_sek_month` and
//! counts the households without a dwelling.
//!
//! ```toml
//! [[instruments]]
//! kind = "minimal_instrument"
//! grant_sek_month = 1000
//! ```

use crate::model::world::World;
use crate::policy::setting::{Role, Value, instrument_settings};
use crate::policy::{Ctx, Policy};

instrument_settings! {
    /// Settings of the minimal instrument.
    pub struct MinimalConfig {
        grant_sek_month: f64 {
            label: "Grant",
            unit: "SEK/month",
            role: Role::Money,
            value: Value::Number { default: 1000.0, min: 0.0, max: 1e6 },
            description: "Paid every month while active.",
            source: "assumption: a test value",
            sv: {
                label: "Bidrag",
                description: "Betalas varje månad medan insatsen är aktiv.",
                source: "antagande: ett testvärde",
            },
        },
    }
}

/// The minimal instrument as a policy module.
#[derive(Clone, Debug)]
pub struct MinimalInstrument {
    pub(super) config: MinimalConfig,
    /// Households without a dwelling in the last month it acted.
    pub seen: usize,
}

impl MinimalInstrument {
    /// Builds the instrument from its settings.
    pub fn new(config: MinimalConfig) -> Self {
        MinimalInstrument { config, seen: 0 }
    }
}

impl Policy for MinimalInstrument {
    fn act(&mut self, w: &mut World, ctx: &mut Ctx) {
        self.seen = (0..w.households.len()).filter(|&i| !w.households.status[i].has_dwelling()).count();
        ctx.spend(self.config.grant_sek_month);
    }
}
