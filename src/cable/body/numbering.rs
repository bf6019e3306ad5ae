//! Paragraph numbers: the lines that may start a paragraph, and the most plausible increasing
//! run among them.

use super::*;

/// `N.` at a line start (after an optional `¶`): the number and the rest of the line.
pub(super) fn candidate_number(line: &str) -> Option<(u32, &str)> {
    candidate(line).map(|c| (c.0, c.1))
}

/// [`candidate_number`], also for a marking written before the number (`(C) 1. Text`): then the
/// marking's inside comes third, to be read as if it followed the number.
pub(super) fn candidate(line: &str) -> Option<(u32, &str, Option<&str>)> {
    // A line that starts with an ASCII letter or sign is no candidate: most lines end here.
    if line
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii() && !header::is_space(*b) && !b.is_ascii_digit() && *b != b'(')
    {
        return None;
    }
    let t = line.trim_start();
    let t = t.strip_prefix('¶').map(str::trim_start).unwrap_or(t);
    let (before, t) = match t.strip_prefix('(') {
        Some(inner) => {
            let close = inner.find(')').filter(|&c| c <= 40)?;
            let marking = &inner[..close];
            // A number must follow; checked before the marking is parsed.
            if !inner[close + 1..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
                || !matches!(parse_portion(marking), Portion::Marking { .. })
            {
                return None;
            }
            (Some(marking), inner[close + 1..].trim_start())
        }
        None => (None, t),
    };
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    // Numbers of any size a cable may reach (nine digits stay within `u32`).
    if digits == 0 || digits > 9 {
        return None;
    }
    let number: u32 = t[..digits].parse().ok()?;
    let after = &t[digits..];
    let after = after.strip_prefix(' ').unwrap_or(after);
    let rest = after.strip_prefix('.')?;
    if rest.is_empty() {
        return Some((number, "", before));
    }
    let first = rest.chars().next()?;
    if first.is_whitespace() || first == '(' {
        Some((number, rest.trim_start(), before))
    } else {
        None
    }
}

/// The text a candidate's paragraph starts with: its rest, a marking written before the number
/// put back in front.
pub(super) fn push_start(out: &mut String, line: &str) {
    match candidate(line) {
        Some((_, rest, Some(marking))) => {
            out.push('(');
            out.push_str(marking);
            out.push_str(") ");
            out.push_str(rest);
        }
        Some((_, rest, None)) => out.push_str(rest),
        None => {}
    }
}

/// Every line that may start a paragraph, weighed.
pub(super) fn candidates(lines: &[Line]) -> Vec<Candidate> {
    let mut cands: Vec<Candidate> = Vec::new();
    let mut prev_text: Option<&str> = None;
    let mut with_next = String::new();
    for (i, line) in lines.iter().enumerate() {
        if line.text.is_empty() {
            continue;
        }
        if let Some((number, _)) = candidate_number(line.text) {
            let next = lines.get(i + 1).map_or("", |l| l.text);
            with_next.clear();
            push_start(&mut with_next, line.text);
            with_next.push('\n');
            with_next.push_str(next);
            let l = lead(&with_next);
            let marked = l.marking.is_some() || l.unknown;
            let mut weight = 2;
            if marked {
                weight += 2;
            }
            if line.gap_before {
                weight += 1;
            }
            match prev_text {
                None => weight += 1,
                Some(p) => {
                    if ends_sentence(p) {
                        weight += 1;
                    }
                    if !line.gap_before && p.trim_end().ends_with(|c: char| c.is_ascii_digit()) {
                        weight -= 4;
                    }
                }
            }
            if l.text.starts_with(|c: char| c.is_lowercase()) {
                weight -= 2;
            }
            cands.push(Candidate {
                line: i,
                number,
                weight,
                marked,
                gap_before: line.gap_before,
            });
        }
        prev_text = Some(line.text);
    }
    cands
}

/// Candidates left out of the run that stand as paragraphs do (after a blank line, with a
/// marking or after a finished sentence) but jump far beyond the number before them (`12.`
/// then `9000.`): kept as text, each `(after, found)` for a warning.
pub(super) fn implausible_jumps(cands: &[Candidate], chosen: &[usize]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut next = 0;
    let mut last: Option<u32> = None;
    for (k, c) in cands.iter().enumerate() {
        if chosen.get(next) == Some(&k) {
            next += 1;
            last = Some(last.map_or(c.number, |l| l.max(c.number)));
            continue;
        }
        if let Some(after) = last
            && c.number > after.saturating_add(MAX_GAP + 1)
            && c.gap_before
            && c.weight >= 4
        {
            out.push((after, c.number));
        }
    }
    out
}

/// Picks the best increasing run of paragraph numbers among the candidates.
pub(super) fn choose_sequence(cands: &[Candidate]) -> Vec<usize> {
    let n = cands.len();
    let mut best = vec![i32::MIN; n];
    let mut from: Vec<Option<usize>> = vec![None; n];
    for j in 0..n {
        let c = &cands[j];
        // Numbering may start anywhere (partial extracts keep ¶10 on), at a cost: a lone
        // unmarked number is not enough. Numbers of four digits or more only continue a run.
        let start_penalty = match c.number {
            1 => 0,
            2..=999 => START_PENALTY,
            _ => i32::MAX / 4,
        };
        best[j] = c.weight - start_penalty;
        for i in j.saturating_sub(WINDOW)..j {
            if best[i] == i32::MIN {
                continue;
            }
            let prev = cands[i].number;
            if c.number <= prev || c.number - prev > MAX_GAP + 1 {
                continue;
            }
            let penalty = if c.number == prev + 1 { 0 } else { GAP_PENALTY };
            let score = best[i] + c.weight - penalty;
            if score > best[j] {
                best[j] = score;
                from[j] = Some(i);
            }
        }
    }
    let Some(mut end) = (0..n)
        .filter(|&j| best[j] > 0)
        .max_by_key(|&j| (best[j], j))
    else {
        return Vec::new();
    };
    let mut chain = vec![end];
    while let Some(p) = from[end] {
        chain.push(p);
        end = p;
    }
    chain.reverse();
    // A marked candidate standing after a gap that the run left out is a real paragraph whose
    // number repeats or goes back: keep it (a warning says so).
    let mut in_chain = vec![false; n];
    for &k in &chain {
        in_chain[k] = true;
    }
    // One far ahead of the run stays text (see [`implausible_jumps`]).
    let mut top = 0u32;
    (chain[0]..n)
        .filter(|&k| {
            let keep = in_chain[k]
                || (cands[k].marked && cands[k].number <= top.saturating_add(MAX_GAP + 1));
            if in_chain[k] {
                top = top.max(cands[k].number);
            }
            keep
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_above_999_continue_a_run() {
        let mut text = String::new();
        for n in 995..=1002 {
            text.push_str(&format!("{n}. (U) Item {n}.\n\n"));
        }
        text.push_str("The year\n2006. was long.\n");
        let s = split(&text);
        let numbers: Vec<u32> = s.paragraphs.iter().filter_map(|p| p.number).collect();
        assert_eq!(numbers, (995..=1002).collect::<Vec<_>>());
        assert!(
            s.warnings
                .contains(&Warning::NumberingStartsAt { first: 995 })
        );
    }

    #[test]
    fn a_hundred_thousand_paragraphs_keep_their_numbers_in_linear_time() {
        let mut text = String::from("UNCLAS STATE 000001\n\nSUBJECT: A LONG LIST\n\n");
        for n in 1..=100_000u32 {
            text.push_str(&format!("{n}. (U) Item {n} of the list.\n\n"));
        }
        let started = std::time::Instant::now();
        let s = split(&text);
        let took = started.elapsed();
        assert_eq!(s.paragraphs.len(), 100_000);
        assert!(
            s.paragraphs
                .iter()
                .zip(1..)
                .all(|(p, n)| p.number == Some(n) && p.text == format!("Item {n} of the list.")),
        );
        assert!(
            s.warnings.is_empty(),
            "{:?}",
            &s.warnings[..3.min(s.warnings.len())]
        );
        // A few hundred milliseconds in a debug build; a quadratic choice takes minutes.
        assert!(took.as_secs() < 20, "{took:?}");
    }

    #[test]
    fn a_jump_far_ahead_is_text_with_a_warning() {
        let mut text = String::new();
        for n in 1..=12 {
            text.push_str(&format!("{n}. (C) Paragraph {n}.\n\n"));
        }
        text.push_str("9000. (C) Not paragraph 9000.\n\n13. (C) Paragraph 13.\n");
        let s = split(&text);
        let numbers: Vec<u32> = s.paragraphs.iter().filter_map(|p| p.number).collect();
        assert_eq!(numbers, (1..=13).collect::<Vec<_>>());
        assert_eq!(
            s.paragraphs[11].text,
            "Paragraph 12.\n\n9000. (C) Not paragraph 9000."
        );
        assert_eq!(
            s.warnings,
            vec![Warning::NumberImplausible {
                after: 12,
                found: 9000
            }]
        );
    }

    #[test]
    fn five_digit_numbers_continue_a_run() {
        let mut text = String::new();
        for n in 1..=10_002 {
            text.push_str(&format!("{n}. (U) Item {n}.\n\n"));
        }
        let s = split(&text);
        let numbers: Vec<u32> = s.paragraphs.iter().filter_map(|p| p.number).collect();
        assert_eq!(numbers, (1..=10_002).collect::<Vec<_>>());
        assert_eq!(s.paragraphs[10_001].text, "Item 10002.");
    }

    #[test]
    fn a_year_wrapped_to_a_line_start_is_no_warning() {
        let s = split("1. (C) It began in\n2006. It went on.\n\n2. (C) Two.\n");
        let numbers: Vec<u32> = s.paragraphs.iter().filter_map(|p| p.number).collect();
        assert_eq!(numbers, vec![1, 2]);
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    }
}
