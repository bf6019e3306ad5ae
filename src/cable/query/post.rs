//! One name for a post, whatever the source calls it: `Embassy Paris`, `PARIS`, `AMEMBASSY
//! PARIS` and the post in the id `09PARIS1007` are all `PARIS`.

/// Words that say what kind of post it is, not which: dropped from the front of a name.
const KIND_WORDS: &[&str] = &[
    "AMEMBASSY",
    "AMCONSUL",
    "AMCONGEN",
    "AMCONSULATE",
    "USMISSION",
    "AMERICAN",
    "US",
    "U",
    "S",
    "EMBASSY",
    "CONSULATE",
    "CONSUL",
    "GENERAL",
    "MISSION",
    "OFFICE",
    "INTERESTS",
    "SECTION",
    "REO",
    "OF",
    "TO",
];

/// Names that are one post under another spelling (squeezed, upper case).
const ALIASES: &[(&str, &str)] = &[
    ("SECRETARYOFSTATE", "STATE"),
    ("DEPARTMENTOFSTATE", "STATE"),
    ("DEPTOFSTATE", "STATE"),
    ("SECSTATE", "STATE"),
    ("SECSTATEWASHDC", "STATE"),
    ("AMERICANINSTITUTETAIWANTAIPEI", "AITTAIPEI"),
    ("AMERICANINSTITUTETAIWAN", "AITTAIPEI"),
];

/// The post a name stands for: upper case, without the kind of post in front, letters and
/// digits only (`Embassy Buenos Aires` → `BUENOSAIRES`, `Mission USNATO` → `USNATO`).
pub fn normalize_post(name: &str) -> String {
    let upper = name.to_uppercase();
    let squeezed: String = upper.chars().filter(|c| c.is_alphanumeric()).collect();
    if let Some(&(_, post)) = ALIASES.iter().find(|(a, _)| *a == squeezed) {
        return post.to_string();
    }
    let words: Vec<&str> = upper
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let kept = words
        .iter()
        .position(|w| !KIND_WORDS.contains(w))
        // A name made only of such words (`MISSION`) is its own post.
        .unwrap_or(0);
    let post: String = words[kept..].concat();
    if let Some(&(_, alias)) = ALIASES.iter().find(|(a, _)| *a == post) {
        return alias.to_string();
    }
    post
}

/// The post in a reference id: `09USNATO595` → `USNATO`, `1974ATHENS02959_b` → `ATHENS`; `None`
/// when the id is not of that form (a name made up from a file name).
pub fn post_of_id(id: &str) -> Option<&str> {
    let digits = id.bytes().take_while(u8::is_ascii_digit).count();
    if digits != 2 && digits != 4 {
        return None;
    }
    let rest = &id[digits..];
    let rest = rest
        .strip_suffix("_b")
        .or_else(|| rest.strip_suffix("_B"))
        .unwrap_or(rest);
    let post = rest.trim_end_matches(|c: char| c.is_ascii_digit());
    let serial = &rest[post.len()..];
    (!post.is_empty() && !serial.is_empty() && post.bytes().all(|b| b.is_ascii_uppercase()))
        .then_some(post)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_post_many_names() {
        for name in [
            "Embassy Paris",
            "PARIS",
            "AMEMBASSY PARIS",
            "paris",
            "US Embassy Paris",
        ] {
            assert_eq!(normalize_post(name), "PARIS", "{name}");
        }
        assert_eq!(normalize_post("Embassy Buenos Aires"), "BUENOSAIRES");
        assert_eq!(normalize_post("Mission USNATO"), "USNATO");
        assert_eq!(normalize_post("Consulate Rio De Janeiro"), "RIODEJANEIRO");
        assert_eq!(normalize_post("Secretary of State"), "STATE");
        assert_eq!(normalize_post("Department of State"), "STATE");
        assert_eq!(normalize_post("USUN New York"), "USUNNEWYORK");
        assert_eq!(normalize_post("US Office Almaty"), "ALMATY");
        assert_eq!(normalize_post("REO Basrah"), "BASRAH");
        assert_eq!(
            normalize_post("American Institute Taiwan, Taipei"),
            "AITTAIPEI"
        );
        assert_eq!(normalize_post("Embassy The Hague"), "THEHAGUE");
        assert_eq!(normalize_post("Mission"), "MISSION");
    }

    #[test]
    fn posts_of_ids() {
        assert_eq!(post_of_id("09USNATO595"), Some("USNATO"));
        assert_eq!(post_of_id("1974ATHENS02959"), Some("ATHENS"));
        assert_eq!(post_of_id("1974ATHENS02959_b"), Some("ATHENS"));
        assert_eq!(post_of_id("delhi"), None);
        assert_eq!(post_of_id("09PARIS"), None);
    }
}
