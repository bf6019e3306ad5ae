//! Faults survived: inputs that are not regular files, files that shrink while they are read,
//! workers that cannot end, state shared by two readers, a terminal that goes away.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use cable_reader::cable::{Corpus, IndexEvent, LoadOptions};

#[allow(dead_code)]
#[path = "../examples/gen-corpus.rs"]
mod gen_corpus;

const BIN: &str = env!("CARGO_BIN_EXE_cable-reader");

fn testdata(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(rel)
}

const ONE_CSV: &str = "corpus/csv/66BUENOSAIRES2481.csv";
const ONE_LINE: &str = "66BUENOSAIRES2481\t1966-12-28T18:48:00Z\tUNCLASSIFIED\tEmbassy Buenos Aires\t8\tunmarked:8\tEXTENDED NATIONAL JURISDICTIONS OVER HIGH SEAS\n";

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(ok.success());
}

/// Runs the program with a time limit; a run that does not end in time is killed and fails.
fn run_limited(args: &[&str], envs: &[(&str, &Path)], limit: Duration) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env("CABLE_READER_CACHE", "off")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "{args:?} still running after {limit:?}; stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_fifo_or_a_device_given_as_a_path_is_a_named_error() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("cables.fifo");
    mkfifo(&fifo);
    let fifo_s = fifo.to_str().unwrap();
    let one = testdata(ONE_CSV);
    let one_s = one.to_str().unwrap();
    for (what, path) in [
        ("a FIFO", fifo_s),
        ("a device", "/dev/zero"),
        ("a device", "/dev/null"),
    ] {
        let reason = format!("{path}: not a regular file ({what}); not read");
        for cmd in [
            vec!["list", path, one_s],
            vec!["show", path, one_s],
            vec!["search", "HIGH SEAS", path, one_s],
        ] {
            let out = run_limited(&cmd, &[], Duration::from_secs(10));
            assert_eq!(out.status.code(), Some(1), "{cmd:?}: {}", stderr(&out));
            assert!(stderr(&out).contains(&reason), "{cmd:?}: {}", stderr(&out));
        }
        // The other file is still read.
        let out = run_limited(&["list", path, one_s], &[], Duration::from_secs(10));
        assert_eq!(String::from_utf8_lossy(&out.stdout), ONE_LINE);
    }
}

#[test]
fn fifos_and_device_links_met_in_a_folder_are_named_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(testdata(ONE_CSV), dir.path().join("a.csv")).unwrap();
    mkfifo(&dir.path().join("b.fifo"));
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("c.zero")).unwrap();
    let d = dir.path().to_str().unwrap();
    let out = run_limited(&["list", d], &[], Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), ONE_LINE);
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{d}/b.fifo: not a regular file (a FIFO); not read"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{d}/c.zero: not a regular file (a device); not read"
        )),
        "{err}"
    );
}

/// A generated `cables.csv` big enough to be mapped and cut into pieces.
fn big_csv(dir: &Path, cables: usize) -> PathBuf {
    let generated = gen_corpus::generate_all(
        &testdata("corpus"),
        &testdata("data/cable_ids.list"),
        cables,
        7,
    )
    .expect("generate");
    let csv = dir.join("cables.csv");
    let bytes = gen_corpus::write_csv(&generated, &csv).expect("write csv");
    assert!(bytes >= 8 << 20, "only {bytes} bytes");
    csv
}

fn truncate(path: &Path, len: u64) {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .unwrap()
        .set_len(len)
        .unwrap();
}

#[test]
fn a_csv_truncated_while_it_is_indexed_is_an_error_not_a_signal() {
    let dir = tempfile::tempdir().unwrap();
    let csv = big_csv(dir.path(), 2000);
    let full = Corpus::index(std::slice::from_ref(&csv), LoadOptions::default());
    assert_eq!(full.len(), 2000);
    assert!(full.errors.is_empty(), "{:?}", full.errors);

    // The file is mapped and cut when `Started` comes; the workers read it after.
    let mut corpus = Corpus::new(LoadOptions::default());
    let cancel = std::sync::atomic::AtomicBool::new(false);
    cable_reader::cable::index::index_with(
        std::slice::from_ref(&csv),
        LoadOptions::default(),
        &cancel,
        |event| {
            if matches!(event, IndexEvent::Started { .. }) {
                truncate(&csv, 1 << 20);
            }
            corpus.apply(event);
        },
    );
    let source = csv.display().to_string();
    assert_eq!(
        corpus.errors,
        [(source, "changed while it was read".to_string())]
    );
    // What was read before the fault is the file's beginning, as indexed in full.
    assert!(corpus.len() < 2000);
    for (a, b) in corpus.cables.iter().zip(&full.cables) {
        assert_eq!(a, b);
    }
}

#[test]
fn list_survives_its_csv_being_truncated() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let csv = big_csv(dir.path(), 2000);
    let original = std::fs::read(&csv).unwrap();
    for delay_ms in [0, 5, 20, 60] {
        std::fs::write(&csv, &original).unwrap();
        let child = Command::new(BIN)
            .args(["list", csv.to_str().unwrap()])
            .env("CABLE_READER_CACHE", "off")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        truncate(&csv, 4096);
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.signal(),
            None,
            "killed by a signal: {}",
            stderr(&out)
        );
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    }
}

/// The reader quits at once on `q` while its inputs include a FIFO nobody writes to.
#[test]
fn the_reader_quits_at_once_with_a_fifo_among_its_inputs() {
    let Some(t) = common::Tmux::start(100, 30) else {
        return;
    };
    let fifo = t.home().join("cables.fifo");
    mkfifo(&fifo);
    let one = testdata(ONE_CSV);
    t.literal(&format!(
        "{BIN} {} {}; echo EXIT=$?",
        fifo.display(),
        one.display()
    ));
    t.keys(&["Enter"]);
    t.wait_for("66BUENOSAIRES2481");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    t.assert_restored();
}
