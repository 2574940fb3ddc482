//! /proc/PID/mountinfo, parsed.

/// One line of /proc/PID/mountinfo.
#[derive(Debug, PartialEq)]
pub struct MountLine {
    pub dev: String,
    pub root: String,
    pub target: String,
    pub fstype: String,
}

pub fn parse(text: &str) -> Vec<MountLine> {
    text.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            let sep = f.iter().position(|x| *x == "-")?;
            Some(MountLine {
                dev: f.get(2)?.to_string(),
                root: unescape(f.get(3)?),
                target: unescape(f.get(4)?),
                fstype: f.get(sep + 1)?.to_string(),
            })
        })
        .collect()
}

/// mountinfo's octal escapes (`\040` for a space).
pub fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\'
            && i + 3 < b.len()
            && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c))
        {
            let v = (b[i + 1] - b'0') * 64 + (b[i + 2] - b'0') * 8 + (b[i + 3] - b'0');
            out.push(v);
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
