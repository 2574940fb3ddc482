//! Container ids (64 random hex digits) and docker-style generated names (`brave_turing`).

pub fn random_id() -> String {
    let mut buf = [0u8; 32];
    // getrandom(2) never fails for 32 bytes once the pool is initialised.
    let _ = rustix::rand::getrandom(&mut buf, rustix::rand::GetRandomFlags::empty());
    crate::image::unpack::hex(&buf)
}

const ADJECTIVES: &[&str] = &[
    "admiring", "bold", "brave", "busy", "calm", "clever", "cool", "eager", "elastic", "fervent",
    "focused", "gallant", "happy", "jolly", "keen", "kind", "lucid", "modest", "nifty", "quirky",
    "relaxed", "serene", "sharp", "stoic", "sweet", "tender", "trusting", "vibrant", "wizardly",
    "zen",
];
const NAMES: &[&str] = &[
    "albattani",
    "babbage",
    "bohr",
    "curie",
    "darwin",
    "dijkstra",
    "einstein",
    "euler",
    "fermi",
    "galileo",
    "goldberg",
    "hopper",
    "hypatia",
    "kepler",
    "knuth",
    "lamport",
    "lovelace",
    "mccarthy",
    "meitner",
    "newton",
    "noether",
    "pascal",
    "ritchie",
    "shannon",
    "thompson",
    "torvalds",
    "turing",
    "wozniak",
    "yalow",
    "zuse",
];

/// A name like `brave_turing`; `taken` says whether a candidate is in use.
pub fn generate(taken: impl Fn(&str) -> bool) -> String {
    let mut buf = [0u8; 4];
    for attempt in 0..64u32 {
        let _ = rustix::rand::getrandom(&mut buf, rustix::rand::GetRandomFlags::empty());
        let a = ADJECTIVES[buf[0] as usize % ADJECTIVES.len()];
        let n = NAMES[buf[1] as usize % NAMES.len()];
        let name = if attempt < 32 {
            format!("{a}_{n}")
        } else {
            format!("{a}_{n}{}", u16::from_le_bytes([buf[2], buf[3]]) % 100)
        };
        if !taken(&name) {
            return name;
        }
    }
    format!("skiff_{}", &random_id()[..12])
}

/// Names must look like docker's: [a-zA-Z0-9][a-zA-Z0-9_.-]*
pub fn valid(name: &str) -> bool {
    let mut c = name.chars();
    c.next().is_some_and(|f| f.is_ascii_alphanumeric())
        && c.all(|x| x.is_ascii_alphanumeric() || "_.-".contains(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names() {
        let id = random_id();
        assert_eq!(id.len(), 64);
        assert_ne!(id, random_id());
        let n = generate(|_| false);
        assert!(n.contains('_') && valid(&n), "{n}");
        assert!(valid("web-1.a_b"));
        assert!(!valid("-x") && !valid("") && !valid("a b") && !valid("a/b"));
    }
}
