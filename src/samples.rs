//! Sample cables built into the binary, so `cable-reader` with no arguments shows something
//! from any folder: the reference cable first, then one of each other format.

use crate::cable::{LoadReport, load_bytes};

/// (file name, contents), byte for byte as in the corpus.
pub const SAMPLES: &[(&str, &[u8])] = &[
    (
        "09USNATO595.txt",
        include_bytes!("../assets/samples/09USNATO595.txt"),
    ),
    (
        "10RIYADH182.html",
        include_bytes!("../assets/samples/10RIYADH182.html"),
    ),
    (
        "08STATE116943.html",
        include_bytes!("../assets/samples/08STATE116943.html"),
    ),
    (
        "79TEHRAN8980.csv",
        include_bytes!("../assets/samples/79TEHRAN8980.csv"),
    ),
    (
        "09PARIS1007.txt",
        include_bytes!("../assets/samples/09PARIS1007.txt"),
    ),
    (
        "1974ATHENS02959_b.html",
        include_bytes!("../assets/samples/1974ATHENS02959_b.html"),
    ),
];

/// Loads the bundled samples. Their source paths read `samples/<file>`.
pub fn load_samples() -> LoadReport {
    let mut report = LoadReport::default();
    for (name, bytes) in SAMPLES {
        let source = format!("samples/{name}");
        let (cables, errors) = load_bytes(bytes, &source);
        report.cables.extend(cables);
        report
            .errors
            .extend(errors.into_iter().map(|e| (source.clone(), e.to_string())));
    }
    report
}
