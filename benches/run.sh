#!/usr/bin/env bash
# cable-reader against ripgrep over the same files, in the same run: `benches/run.sh`.
#
# Generates bench-data/cables.csv (251,287 cables of real cable text) and bench-data/pages
# (20,000 WikiLeaks pages) when missing, warms the page cache, times each pair with hyperfine and
# prints Markdown tables: what, cable-reader, rg, ratio. First the index of the whole release
# (`list` with no cache against `rg -c -F '(SBU)'`) on every core and on one (`taskset -c 0`),
# then the same at 50,000, 100,000 and all cables (cuts generated beside the release) to show
# that the cost stays linear, then the other commands. Needs rg and hyperfine (not needed by CI:
# the smoke version of this is `cargo test --test scale`).
#
# Settings: BENCH_DATA (folder), BENCH_CSV and BENCH_DIR (a release and a page folder made
# elsewhere, read only), BENCH_CUTS (folder for the 50k/100k cuts), BENCH_CABLES, BENCH_PAGES,
# BENCH_WORD, BENCH_RUNS.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${BENCH_DATA:-bench-data}
CABLES=${BENCH_CABLES:-251287}
PAGES=${BENCH_PAGES:-20000}
WORD=${BENCH_WORD:-Taliban}
RUNS=${BENCH_RUNS:-5}

for tool in rg hyperfine; do
    command -v "$tool" >/dev/null || { echo "benches/run.sh: $tool is needed" >&2; exit 1; }
done

cargo build --release --quiet --bin cable-reader --example gen-corpus
BIN=$PWD/target/release/cable-reader
GEN=$PWD/target/release/examples/gen-corpus
mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)
CSV=${BENCH_CSV:-$DATA/cables.csv}
DIR=${BENCH_DIR:-$DATA/pages}
CUTS=${BENCH_CUTS:-$DATA}
[ -s "$CSV" ] || "$GEN" --cables "$CABLES" --out "$CSV"
[ -d "$DIR/cable" ] || "$GEN" --cables "$PAGES" --pages "$DIR"
mkdir -p "$CUTS"
for n in 50000 100000; do
    [ -s "$CUTS/cables-$n.csv" ] || "$GEN" --cables "$n" --out "$CUTS/cables-$n.csv"
done

# The index cache lives with the data; "index" rows run without it.
export CABLE_READER_CACHE=$CUTS/cache
rm -rf "$CABLE_READER_CACHE"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Page cache warm: every byte read once before timing.
cat "$CSV" "$CUTS"/cables-*.csv >/dev/null
find "$DIR" -type f -exec cat {} + >/dev/null

# Mean seconds of two commands, timed alternately by hyperfine.
means() {
    hyperfine --style none --warmup 1 --runs "$RUNS" --export-csv "$TMP/h.csv" "$1" "$2" \
        >/dev/null 2>"$TMP/warnings"
    awk -F, 'NR > 1 { printf "%s ", $2 } END { print "" }' "$TMP/h.csv"
}

row() {
    local what=$1 ours=$2 theirs=$3 a b
    read -r a b < <(means "$ours" "$theirs")
    awk -v w="$what" -v a="$a" -v b="$b" \
        'BEGIN { printf "| %s | %.3f s | %.3f s | %.2f |\n", w, a, b, a / b }'
}

# Peak anonymous memory (heap, not the file's pages) and peak resident memory of a command, in
# MB, sampled from /proc every 10 ms.
peak_memory() {
    "$@" >/dev/null &
    local pid=$! anon=0 rss=0 a r
    while kill -0 "$pid" 2>/dev/null; do
        a=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
        r=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
        [ -n "$a" ] && [ "$a" -gt "$anon" ] && anon=$a
        [ -n "$r" ] && [ "$r" -gt "$rss" ] && rss=$r
        sleep 0.01
    done
    wait "$pid" || true
    echo "$((anon / 1024)) $((rss / 1024))"
}

csv_mb=$(($(stat -c %s "$CSV") / 1000000))
pages_mb=$(($(du -sb "$DIR" | cut -f1) / 1000000))
echo "cable-reader $(git describe --always --dirty 2>/dev/null || echo '?'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "cables.csv: $CABLES cables, $csv_mb MB; pages: $PAGES files, $pages_mb MB; word: $WORD"
echo
NOCACHE="env CABLE_READER_CACHE=off $BIN list"
echo "First \`list\` of the whole release (no index cache) against \`rg -c -F '(SBU)'\`:"
echo
echo "| what | cable-reader | rg | ratio |"
echo "|---|---|---|---|"
row "index cables.csv, $(nproc) cores" "$NOCACHE $CSV" "rg -c -F '(SBU)' $CSV"
row "index cables.csv, 1 core (\`taskset -c 0\`)" \
    "taskset -c 0 $NOCACHE $CSV" "taskset -c 0 rg -c -F '(SBU)' $CSV"
echo
echo "Linearity: the same at three sizes ($(nproc) cores; µs is cable-reader's time a cable):"
echo
echo "| cables | cable-reader | rg | ratio | µs a cable |"
echo "|---|---|---|---|---|"
for f in "$CUTS/cables-50000.csv" "$CUTS/cables-100000.csv" "$CSV"; do
    n=$(env CABLE_READER_CACHE=off "$BIN" list --count "$f" 2>/dev/null || echo 0)
    read -r a b < <(means "$NOCACHE $f" "rg -c -F '(SBU)' $f")
    awk -v n="$n" -v a="$a" -v b="$b" \
        'BEGIN { printf "| %d | %.3f s | %.3f s | %.2f | %.1f |\n", n, a, b, a / b, a * 1e6 / (n > 0 ? n : 1) }'
done
echo
echo "| what | cable-reader | rg | ratio |"
echo "|---|---|---|---|"
"$BIN" list "$CSV" >/dev/null # writes the index cache
row "\`list cables.csv\`, index cached (vs \`rg -c -F '(SBU)'\`)" \
    "$BIN list $CSV" "rg -c -F '(SBU)' $CSV"
row "\`search $WORD cables.csv\` (vs \`rg -c $WORD\`)" \
    "$BIN search $WORD $CSV" "rg -c $WORD $CSV"
row "index pages/: \`list\`, no cache (vs \`rg -c -F '(SBU)'\`)" \
    "CABLE_READER_CACHE=off $BIN list $DIR" "rg -c -F '(SBU)' $DIR"
"$BIN" list "$DIR" >/dev/null
row "\`list pages/\`, index cached (vs \`rg -c -F '(SBU)'\`)" \
    "$BIN list $DIR" "rg -c -F '(SBU)' $DIR"
row "\`search $WORD pages/\` (vs \`rg -c $WORD\`)" \
    "$BIN search $WORD $DIR" "rg -c $WORD $DIR"
read -r anon rss < <(peak_memory env CABLE_READER_CACHE=off "$BIN" list "$CSV")
read -r ranon rrss < <(peak_memory rg -c -F '(SBU)' "$CSV")
echo "| memory, index of cables.csv: peak RssAnon (peak RSS with the mapped file) | $anon MB ($rss MB) | $ranon MB ($rrss MB) | - |"
read -r anon rss < <(peak_memory env CABLE_READER_CACHE=off "$BIN" list "$DIR")
read -r ranon rrss < <(peak_memory rg -c -F '(SBU)' "$DIR")
echo "| memory, index of pages/: peak RssAnon (peak RSS) | $anon MB ($rss MB) | $ranon MB ($rrss MB) | - |"

# ---- show --id and search, on both cores and on one (`taskset -c 0`) ----

# An id whose only mention in the file is its own record, near the end: `rg -m1` reads about the
# whole file, as `show --id` must (every version of the id is looked for). And one cited early in
# the file, where `rg -m1` stops at the citation.
late_id() {
    tail -c 30000000 "$CSV" | grep -a -o '^"[0-9]*","[^"]*","[^"]*"' | cut -d'"' -f6 |
        while read -r id; do
            [ "$(rg -c -F "$id" "$CSV")" = 1 ] && { echo "$id"; return; }
        done
}

show_search_rows() {
    local one="taskset -c 0" id cited p anon ranon
    id=$(late_id || true)
    cited=$(tail -c 30000000 "$CSV" | grep -a -o '^"[0-9]*","[^"]*","[^"]*"' | cut -d'"' -f6 |
        while read -r i; do
            [ "$(rg -c -F "$i" "$CSV")" -gt 1 ] && { echo "$i"; break; }
        done || true)
    for cores in 2 1; do
        local pin="" tag="2 cores"
        [ "$cores" = 1 ] && pin=$one tag="1 core"
        row "\`show --id $id\` (its only mention), no cache, $tag (vs \`rg -m1\`)" \
            "env CABLE_READER_CACHE=off $pin $BIN show --id $id $CSV" "$pin rg -m1 $id $CSV"
        row "\`show --id $cited\` (cited earlier), no cache, $tag (vs \`rg -m1\`)" \
            "env CABLE_READER_CACHE=off $pin $BIN show --id $cited $CSV" "$pin rg -m1 $cited $CSV"
        for p in Taliban 'nuclear.*Iran' '\w+ment'; do
            row "\`search '$p'\`, $tag (vs \`rg -c\`)" \
                "env CABLE_READER_CACHE=off $pin $BIN search '$p' $CSV" "$pin rg -c '$p' $CSV"
        done
        row "\`search --marking S//NF Taliban\`, $tag (vs \`rg -c Taliban\`)" \
            "env CABLE_READER_CACHE=off $pin $BIN search --marking S//NF Taliban $CSV" \
            "$pin rg -c Taliban $CSV"
    done
    read -r anon _ < <(peak_memory env CABLE_READER_CACHE=off "$BIN" show --id "$id" "$CSV")
    read -r ranon _ < <(peak_memory rg -m1 "$id" "$CSV")
    echo "| memory, \`show --id\`: peak RssAnon (without the mapped file) | $anon MB | $ranon MB | - |"
}
show_search_rows
# The reader while it indexes the whole release: keys pressed throughout, the marking filter
# turned on at 25%, 50% and 75%; each key timed to its frame (headless, on a TestBackend).
echo
echo "Reader while indexing $CSV (benches/freeze.rs):"
BENCH_CSV=$CSV cargo bench --quiet --bench freeze 2>/dev/null | sed 's/^/    /'
