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
        // `search` exits as grep does on an input it cannot read: 2.
        for (cmd, code) in [
            (vec!["list", path, one_s], 1),
            (vec!["show", path, one_s], 1),
            (vec!["search", "HIGH SEAS", path, one_s], 2),
        ] {
            let out = run_limited(&cmd, &[], Duration::from_secs(10));
            assert_eq!(out.status.code(), Some(code), "{cmd:?}: {}", stderr(&out));
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

// ---- The state shared by readers ----

use cable_reader::memory::{Bookmark, Memory, Store};

fn bookmark(id: &str, paragraph: u32) -> Bookmark {
    Bookmark {
        cable: id.to_string(),
        id: id.to_string(),
        paragraph,
        marking: None,
        words: String::new(),
    }
}

fn marks(m: &Memory) -> Vec<(String, u32)> {
    let mut v: Vec<_> = m
        .bookmarks
        .iter()
        .map(|b| (b.id.clone(), b.paragraph))
        .collect();
    v.sort();
    v
}

fn on_disk(dir: &Path) -> Memory {
    serde_json::from_slice(&std::fs::read(dir.join("state.json")).unwrap()).unwrap()
}

#[test]
fn two_readers_saving_keep_each_others_bookmarks_and_removals() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Memory::default();
    first.bookmarks.push(bookmark("09USNATO595", 1));
    Store::in_dir(dir.path()).save(&first).unwrap();

    let (a, b) = (Store::in_dir(dir.path()), Store::in_dir(dir.path()));
    let (mut ma, _) = a.load();
    let (mut mb, _) = b.load();
    ma.bookmarks.push(bookmark("09USNATO595", 12));
    ma.positions.insert("09USNATO595".into(), 12);
    a.save(&ma).unwrap();
    mb.bookmarks.push(bookmark("10RIYADH182", 7));
    mb.search_history.push("Taliban".into());
    b.save(&mb).unwrap();
    let disk = on_disk(dir.path());
    assert_eq!(
        marks(&disk),
        [
            ("09USNATO595".to_string(), 1),
            ("09USNATO595".to_string(), 12),
            ("10RIYADH182".to_string(), 7)
        ]
    );
    assert_eq!(disk.positions.get("09USNATO595"), Some(&12));
    assert_eq!(disk.search_history, ["Taliban"]);

    // A removes the bookmark both had; B saves again without knowing: it stays removed.
    ma.bookmarks.retain(|b| b.paragraph != 1);
    a.save(&ma).unwrap();
    mb.positions.insert("10RIYADH182".into(), 3);
    b.save(&mb).unwrap();
    let disk = on_disk(dir.path());
    assert_eq!(
        marks(&disk),
        [
            ("09USNATO595".to_string(), 12),
            ("10RIYADH182".to_string(), 7)
        ]
    );
    assert_eq!(disk.positions.len(), 2);
    // A new reader loads both readers' work.
    assert_eq!(Store::in_dir(dir.path()).load().0, disk);
}

#[test]
fn two_reader_processes_bookmarking_at_once_keep_both_bookmarks() {
    let (Some(a), Some(b)) = (common::Tmux::start(100, 30), common::Tmux::start(100, 30)) else {
        return;
    };
    let shared = tempfile::tempdir().unwrap();
    for t in [&a, &b] {
        t.wait_for("$");
        t.literal(&format!(
            "XDG_STATE_HOME='{}' '{BIN}'; echo EXIT=$?",
            shared.path().display()
        ));
        t.keys(&["Enter"]);
        t.wait_for("¶1/19");
    }
    for (t, para) in [(&a, "12"), (&b, "7")] {
        t.literal(&format!(":{para}"));
        t.keys(&["Enter"]);
        t.wait_for(&format!("¶{para}/19"));
        t.literal("m");
        t.wait_for(&format!("Bookmarked 09USNATO595 ¶{para}"));
    }
    // Both idle long enough to save, then quit.
    std::thread::sleep(Duration::from_millis(1500));
    for t in [&a, &b] {
        t.literal("q");
        t.wait_for("EXIT=0");
    }
    let disk = on_disk(&shared.path().join("cable-reader"));
    assert_eq!(
        marks(&disk),
        [
            ("09USNATO595".to_string(), 7),
            ("09USNATO595".to_string(), 12)
        ]
    );
}

#[test]
fn a_second_corrupt_state_does_not_replace_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::in_dir(dir.path());
    let mut asides = Vec::new();
    for garbage in [&b"{\"positions\": 1"[..], b"\xff\xfe"] {
        std::fs::write(dir.path().join("state.json"), garbage).unwrap();
        let (m, warning) = store.load();
        assert_eq!(m, Memory::default());
        assert!(
            warning
                .unwrap()
                .starts_with("Saved state was unreadable, set aside as ")
        );
        asides.push(garbage.to_vec());
    }
    let mut kept: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    kept.sort();
    assert_eq!(kept.len(), 2, "{kept:?}");
    for (name, _) in &kept {
        assert!(name.starts_with("state.json.corrupt-20"), "{name}");
    }
    let mut contents: Vec<Vec<u8>> = kept.into_iter().map(|(_, c)| c).collect();
    contents.sort();
    asides.sort();
    assert_eq!(contents, asides);
}

#[cfg(unix)]
#[test]
fn temporary_and_probe_files_never_write_through_links() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, b"keep me").unwrap();
    let state = dir.path().join("state");
    std::fs::create_dir(&state).unwrap();
    let pid = std::process::id();
    let mut names = vec![
        format!(".state.json.{pid}.tmp"),
        format!(".state.json.{pid}.probe"),
    ];
    names.extend((0..50).map(|n| format!(".state.json.{pid}.{n}.tmp")));
    for n in &names {
        std::os::unix::fs::symlink(&victim, state.join(n)).unwrap();
    }
    let store = Store::in_dir(&state);
    assert_eq!(store.check_writable(), None);
    let mut m = Memory::default();
    m.bookmarks.push(bookmark("09USNATO595", 3));
    store.save(&m).unwrap();
    assert_eq!(std::fs::read(&victim).unwrap(), b"keep me");
    assert_eq!(marks(&on_disk(&state)), [("09USNATO595".to_string(), 3)]);
    assert!(
        !std::fs::symlink_metadata(state.join("state.json"))
            .unwrap()
            .is_symlink()
    );
}

#[test]
fn temporary_files_left_by_a_killed_run_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    // No process has a number this high: the run that made them is gone.
    let stale = [
        dir.path().join(".state.json.4000000000.0.tmp"),
        dir.path().join(".state.json.4000000000.7.tmp"),
    ];
    for p in &stale {
        std::fs::write(p, b"half").unwrap();
    }
    Store::in_dir(dir.path()).load();
    for p in &stale {
        assert!(!p.exists(), "{}", p.display());
    }
}

/// Loads the state in a thread: a load that blocks fails the test instead of hanging it.
fn load_limited(dir: &Path) -> (Memory, Option<String>) {
    let store = Store::in_dir(dir);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(store.load());
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("loading the state blocked")
}

#[cfg(unix)]
#[test]
fn a_fifo_or_dev_zero_as_the_state_is_set_aside_not_read() {
    for (what, make) in [
        (
            "a FIFO",
            Box::new(|p: &Path| mkfifo(p)) as Box<dyn Fn(&Path)>,
        ),
        (
            "a device",
            Box::new(|p: &Path| std::os::unix::fs::symlink("/dev/zero", p).unwrap()),
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        make(&dir.path().join("state.json"));
        let (m, warning) = load_limited(dir.path());
        assert_eq!(m, Memory::default());
        let warning = warning.unwrap();
        assert!(
            warning.ends_with(&format!("(not a regular file ({what}); not read)")),
            "{warning}"
        );
        // The next save writes a file of its own.
        let store = Store::in_dir(dir.path());
        store.save(&Memory::default()).unwrap();
        assert!(
            std::fs::metadata(dir.path().join("state.json"))
                .unwrap()
                .is_file()
        );
    }
}

#[test]
fn a_large_state_is_saved_off_the_callers_thread() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = Memory::default();
    for i in 0..200_000u32 {
        m.positions
            .insert(format!("CABLE{i:08}-some-longer-key"), i);
    }
    let store = Store::in_dir(dir.path());
    store.load();
    let t = Instant::now();
    store.save(&m).unwrap();
    let handed_over = t.elapsed();
    store.flush();
    let written = t.elapsed();
    eprintln!("large state: save returned after {handed_over:?}, written after {written:?}");
    assert_eq!(on_disk(dir.path()).positions.len(), 200_000);
    // The caller only pays for the copy; serialising and writing happen after it returned.
    assert!(
        handed_over * 3 < written,
        "save took {handed_over:?} of {written:?}"
    );
    // Dropping the store waits for a write still running.
    m.positions.insert("LAST".into(), 1);
    store.save(&m).unwrap();
    drop(store);
    assert_eq!(on_disk(dir.path()).positions.get("LAST"), Some(&1));
}

// ---- The terminal ----

fn alive(pid: i32) -> bool {
    Command::new("kill")
        .args(["-0", &pid.to_string()])
        .stderr(Stdio::null())
        .status()
        .unwrap()
        .success()
}

/// Starts the reader on the samples in `t`, writing its process number to a file first.
fn start_with_pid(t: &common::Tmux) -> i32 {
    let pidfile = t.home().join("reader.pid");
    t.wait_for("$");
    t.literal(&format!(
        "sh -c 'echo $$ > \"{}\"; exec \"{BIN}\"'; echo EXIT=$?",
        pidfile.display()
    ));
    t.keys(&["Enter"]);
    t.wait_for("¶1/19");
    std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn sigint_and_other_ending_signals_from_outside_restore_the_terminal() {
    for (sig, code) in [("INT", 130), ("USR1", 138), ("TERM", 143)] {
        let Some(t) = common::Tmux::start(100, 30) else {
            return;
        };
        let pid = start_with_pid(&t);
        let ok = Command::new("kill")
            .args([&format!("-{sig}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
        t.wait_for(&format!("EXIT={code}"));
        t.assert_restored();
    }
}

#[test]
fn a_hang_up_saves_the_last_change_and_ends_the_reader() {
    let Some(t) = common::Tmux::start(100, 30) else {
        return;
    };
    let pid = start_with_pid(&t);
    t.literal(":12");
    t.keys(&["Enter"]);
    t.wait_for("¶12/19");
    t.literal("m");
    t.wait_for("Bookmarked 09USNATO595 ¶12");
    // The window closes at once, well within the second the reader waits before saving.
    let state = t.state_dir();
    assert!(t.run(&["kill-server"]).status.success());
    let start = Instant::now();
    while alive(pid) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the reader still runs after its terminal hung up"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // It ended by itself before the signal thread's grace time (3 s) would have ended it; the
    // bookmark on disk below shows it went through the save path.
    assert!(
        start.elapsed() < Duration::from_millis(2900),
        "{:?}",
        start.elapsed()
    );
    let disk = on_disk(&state);
    assert_eq!(marks(&disk), [("09USNATO595".to_string(), 12)]);
}

#[test]
fn a_suspended_reader_ends_on_sigterm() {
    let Some(t) = common::Tmux::start(100, 30) else {
        return;
    };
    t.wait_for("$");
    t.literal(&format!("'{BIN}'"));
    t.keys(&["Enter"]);
    t.wait_for("¶1/19");
    t.literal(":5");
    t.keys(&["Enter"]);
    t.wait_for("¶5/19");
    t.keys(&["C-z"]);
    t.wait_for("Stopped");
    t.literal(
        "P=$(jobs -p %1); kill %1; sleep 1; echo READER-$(kill -0 $P 2>/dev/null && echo on || echo gone)",
    );
    t.keys(&["Enter"]);
    let start = Instant::now();
    let s = loop {
        let s = t.screen();
        if s.contains("READER-gone") || s.contains("READER-on") {
            break s;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "{s}");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(s.contains("READER-gone"), "{s}");
    t.assert_restored();
    // It saved on the way out: the place it was left.
    assert_eq!(
        on_disk(&t.state_dir()).positions.get("09USNATO595"),
        Some(&5)
    );
}

// ---- The index cache ----

#[test]
fn a_flipped_byte_in_the_index_cache_is_a_miss_not_a_wrong_id() {
    use cable_reader::cable::cache::index_cached_in;
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let paths = [testdata("corpus/csv")];
    let options = LoadOptions::default();
    let first = index_cached_in(&paths, options, Some(&cache), 0);
    let ids = |c: &Corpus| {
        c.cables
            .iter()
            .map(|s| s.id().to_string())
            .collect::<Vec<_>>()
    };
    assert!(ids(&first).contains(&"66BUENOSAIRES2481".to_string()));
    let file = std::fs::read_dir(&cache)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut bytes = std::fs::read(&file).unwrap();
    // The id field (its length, then its bytes), not the file name that holds the id too.
    let at = bytes
        .windows(21)
        .position(|w| w == b"\x11\x00\x00\x0066BUENOSAIRES2481")
        .expect("the id in the cache");
    bytes[at + 20] = b'7';
    std::fs::write(&file, &bytes).unwrap();
    let again = index_cached_in(&paths, options, Some(&cache), 0);
    assert_eq!(ids(&again), ids(&first));
    assert!(!ids(&again).contains(&"66BUENOSAIRES2487".to_string()));
    // The miss wrote a sound cache again.
    let third = index_cached_in(&paths, options, Some(&cache), 0);
    assert_eq!(ids(&third), ids(&first));
    assert!(
        !std::fs::read(&file)
            .unwrap()
            .windows(17)
            .any(|w| w == b"66BUENOSAIRES2487")
    );
}

// ---- Linear time ----

/// Each problem's position comes from one line index: thousands of problems cost about as
/// much as reading the file once (before, each problem counted every line before it).
#[test]
fn config_problem_positions_cost_linear_time() {
    use cable_reader::config::{Env, parse_layer};
    let env = Env::current();
    let text = |n: usize| {
        let mut text = String::new();
        for i in 0..n {
            text.push_str(&format!("unknown_{i} = 1\n# a comment\n\n"));
        }
        text
    };
    let timed = |n: usize| {
        let text = text(n);
        let start = Instant::now();
        let problems = parse_layer(&text, None, &env).unwrap_err();
        let took = start.elapsed();
        assert_eq!(problems.len(), n);
        let last = problems.last().unwrap();
        assert_eq!((last.line, last.column), (3 * n - 2, 1));
        assert_eq!(last.key, format!("unknown_{}", n - 1));
        took
    };
    let small = timed(2_000);
    let large = timed(16_000);
    eprintln!("config check: 2,000 problems {small:?}, 16,000 problems {large:?}");
    // Eight times the problems: about eight times the time, not sixty-four.
    assert!(large < small * 24, "2,000: {small:?}; 16,000: {large:?}");
}
