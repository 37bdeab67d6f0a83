//! The CSV import: any bytes (not starting like JSON) through `import_with`;
//! the result must keep every invariant in `kyoto_widgets_fuzz`, and the
//! dataset written back as CSV (options picked from the input) and as JSON,
//! with what was kept aside, must import to the same activities.
#![no_main]

use kyoto_widgets_fuzz::{
    check_csv_round_trip, check_import, check_json_round_trip, csv_options_for, looks_like_json,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if looks_like_json(data) {
        // The JSON target covers these.
        return;
    }
    if let Some(outcome) = check_import(data) {
        check_csv_round_trip(&outcome, &csv_options_for(data));
        check_json_round_trip(&outcome);
    }
});
