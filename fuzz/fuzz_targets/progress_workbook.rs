//! The workbook reader (.xlsx and .ods through calamine): any bytes through
//! `read_workbook`; what comes back must keep the invariants in
//! `kyoto_widgets_fuzz::progress`.
#![no_main]

use kyoto_widgets::core::import::ImportLimits;
use kyoto_widgets::core::progress::read_workbook;
use kyoto_widgets_fuzz::progress::check_progress;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = ImportLimits {
        max_bytes: 1 << 20,
        max_rows: 5_000,
    };
    if let Ok(read) = read_workbook(data, &limits) {
        check_progress(&read);
    }
});
