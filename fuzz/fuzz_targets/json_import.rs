//! The JSON import: any bytes through `import_with` (the seeds and the
//! dictionary keep most inputs JSON); the result must keep every invariant in
//! `kyoto_widgets_fuzz`, and the dataset written back as JSON and as CSV
//! (options picked from the input), with what was kept aside, must import to
//! the same activities.
#![no_main]

use kyoto_widgets_fuzz::{
    check_csv_round_trip, check_import, check_json_round_trip, csv_options_for,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(outcome) = check_import(data) {
        check_json_round_trip(&outcome);
        check_csv_round_trip(&outcome, &csv_options_for(data));
    }
});
