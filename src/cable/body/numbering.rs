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
    if digits == 0 || digits > 4 {
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
            });
        }
        prev_text = Some(line.text);
    }
    cands
}

/// Picks the best increasing run of paragraph numbers among the candidates.
pub(super) fn choose_sequence(cands: &[Candidate]) -> Vec<usize> {
    let n = cands.len();
    let mut best = vec![i32::MIN; n];
    let mut from: Vec<Option<usize>> = vec![None; n];
    for j in 0..n {
        let c = &cands[j];
        // Numbering may start anywhere (partial extracts keep ¶10 on), at a cost: a lone
        // unmarked number is not enough. Four-digit numbers only continue a run.
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
    (chain[0]..n)
        .filter(|&k| in_chain[k] || cands[k].marked)
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
}
