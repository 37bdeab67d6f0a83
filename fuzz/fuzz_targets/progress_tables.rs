//! The indicators and reporting readers on CSV and JSON: the input is split
//! into files at lines `===` (indicators, indicator_data, questions,
//! responses, reports, then JSON) and read together with `read_files_with`;
//! what comes back must keep the invariants in `kyoto_widgets_fuzz::progress`.
#![no_main]

use kyoto_widgets::core::import::ImportLimits;
use kyoto_widgets::core::progress::read_files_with;
use kyoto_widgets_fuzz::progress::{check_progress, split_files};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files = split_files(data);
    let limits = ImportLimits {
        max_bytes: 1 << 20,
        max_rows: 5_000,
    };
    if let Ok(read) = read_files_with(&files, &limits) {
        check_progress(&read);
    }
});
