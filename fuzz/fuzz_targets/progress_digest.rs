//! The progress digest's reader (`ProgressDigest::from_json`), which the
//! chart's and the browser's modules run on whatever a page's `progress`
//! attribute fetches: any text either reads or says why, never panics, and
//! what reads writes back to a text that reads to the same digest.
#![no_main]

use kyoto_widgets::core::progress::digest::ProgressDigest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ProgressDigest::from_json(text) {
        Ok(digest) => {
            let again = ProgressDigest::from_json(&digest.to_json())
                .unwrap_or_else(|e| panic!("a digest read does not read back: {e}"));
            assert_eq!(again, digest, "a digest changed on its way back");
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
