//! The routing lines: transmission id, precedence, date-time group, FM, TO, INFO.

use super::*;

/// The routing lines decoded: transmission id, precedence and date-time group, FM, TO, INFO.
pub fn routing(header: &str) -> crate::cable::model::Routing {
    let mut r = crate::cable::model::Routing::default();
    #[derive(PartialEq)]
    enum In {
        None,
        To,
        Info,
    }
    let mut list = In::None;
    for line in header.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if r.transmission_id.is_none()
            && let Some(at) = t.find("VZCZC")
        {
            let id: String = t[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            r.transmission_id = Some(id);
            continue;
        }
        if r.dtg.is_none()
            && let Some(m) = DTG.find(t)
        {
            // The precedence letters before the group: `O 210722Z JUL 06`, `P R 281848Z ...`.
            let before = t[..m.start()].trim();
            let group = t[m.start()..m.end()].trim_matches(|c: char| !c.is_ascii_alphanumeric());
            let letter = before
                .split_whitespace()
                .next()
                .and_then(|w| w.chars().next());
            r.precedence = letter
                .and_then(|l| match l {
                    'Z' => Some("FLASH"),
                    'O' => Some("IMMEDIATE"),
                    'P' => Some("PRIORITY"),
                    'R' => Some("ROUTINE"),
                    _ => None,
                })
                .map(str::to_string);
            r.dtg = Some(format!("{before} {group}").trim().to_string());
            list = In::None;
            // `FM` may follow the group on the same line.
            let rest = t[m.end()..].trim();
            if let Some(from) = rest.strip_prefix("FM ") {
                r.from = Some(addressee(from));
            }
            continue;
        }
        if let Some(from) = t.strip_prefix("FM ") {
            r.from = Some(addressee(from));
            list = In::None;
            continue;
        }
        let (target, rest) = if let Some(rest) = t.strip_prefix("TO ") {
            (In::To, rest)
        } else if let Some(rest) = t.strip_prefix("INFO ") {
            (In::Info, rest)
        } else if t == "BT" || t.starts_with("ZEN") || t.starts_with("ZFF") {
            list = In::None;
            continue;
        } else if list != In::None && t.contains('/') {
            (list, t)
        } else {
            list = In::None;
            continue;
        };
        let a = addressee(rest);
        if !a.is_empty() {
            match target {
                In::To => r.to.push(a),
                In::Info => r.info.push(a),
                In::None => {}
            }
        }
        list = target;
    }
    r
}

/// `RUEHC/SECSTATE WASHDC IMMEDIATE 6818` → `SECSTATE WASHDC`: the routing indicator, the
/// precedence and the message number dropped.
pub(super) fn addressee(text: &str) -> String {
    let t = text.trim();
    let t = match t.split_once('/') {
        Some((ri, rest)) if ri.starts_with('R') && !ri.contains(' ') => rest,
        _ => t,
    };
    let mut words: Vec<&str> = t.split_whitespace().collect();
    while let Some(last) = words.last() {
        if last.bytes().all(|b| b.is_ascii_digit())
            || matches!(
                *last,
                "IMMEDIATE" | "PRIORITY" | "ROUTINE" | "FLASH" | "NIACT" | "BT"
            )
        {
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ")
}
