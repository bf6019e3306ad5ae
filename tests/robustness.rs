//! Any bytes in, no panic; pathological shapes load in bounded time.

use std::time::{Duration, Instant};

use cable_reader::cable::load_bytes;
use proptest::prelude::*;

/// Fragments that steer input into every format's parser and the paragraph splitter.
fn cable_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\"",
        "\\\"",
        "\",\"",
        "\n",
        "\r\n",
        "1. ",
        "2. (",
        "(S/NF) ",
        "(C - ENTIRE TEXT)",
        "¶",
        "<table class='cable'>",
        "<code><pre>",
        "</pre></code>",
        "&#x000A;",
        "<a href='x'>",
        "</a>",
        "Viewing cable ",
        "Cablegate: ",
        "Published: Mon 21 Dec 2009 03:02 PM\n",
        "P 211502Z DEC 09\n",
        "SUBJECT: ",
        "TAGS: ",
        "REF: A. 09 STATE 12 ",
        "E.O. 12958: DECL: 1/1/2019\n",
        "USNATO 00000595 002.2 OF 003\n",
        "C O N F I D E N T I A L\n",
        "\u{1b}[2J",
        "\u{202e}",
        "\t",
        "id=\"synopsis\"",
        "tagged-text",
        "\"1\",\"12/28/1966 18:48\",\"66X1\",\"E\",\"U\",\"\",\"h\",\"",
        "x",
        "ENTIRE TEXT",
        "PAGE 02 ",
        "NNN",
        "\u{0}",
        "\u{b6}",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = load_bytes(&bytes, "fuzz");
    }

    #[test]
    fn cable_like_text_never_panics(text in cable_like()) {
        let (cables, _) = load_bytes(text.as_bytes(), "fuzz");
        for c in cables {
            // Sanitised on ingestion: no control character but newline reaches the model.
            for p in &c.paragraphs {
                prop_assert!(!p.text.chars().any(|ch| ch.is_control() && ch != '\n'));
            }
        }
    }
}

fn time_load(bytes: &[u8]) -> Duration {
    let start = Instant::now();
    let _ = load_bytes(bytes, "big");
    start.elapsed()
}

#[test]
fn pathological_inputs_stay_fast() {
    // 2 MB each; a quadratic step would take minutes here.
    let size = 2 << 20;
    let shapes: Vec<Vec<u8>> = vec![
        b"1. (".repeat(size / 4),
        b"\"".repeat(size),
        b"1. (S) x\n".repeat(size / 9),
        b"word ".repeat(size / 5),
        b"P 211502Z DEC 09\n".repeat(size / 17),
    ];
    for shape in &shapes {
        let t = time_load(shape);
        assert!(t < Duration::from_secs(20), "{:?} took {t:?}", &shape[..16]);
    }
}
