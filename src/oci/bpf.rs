//! A seccomp filter as classic BPF: a search tree over syscall numbers. seccompiler (whose action
//! type we keep) emits a linear chain, one comparison per listed syscall: docker's default profile
//! becomes 1512 instructions that every syscall of the container walks until its number, and the
//! kernel's JIT spends 0.4-0.7 ms on each container start compiling them. Here consecutive numbers
//! with the same verdict become one range and the ranges a balanced tree of `jge`: 181
//! instructions for docker's profile (both its filters), a dozen comparisons per syscall. Argument conditions compare all 64 bits, as
//! libseccomp does. `tests` checks every verdict against seccompiler's program.

use std::collections::BTreeMap;

use anyhow::{anyhow, bail};
use libc::{
    sock_filter, BPF_ABS, BPF_ALU, BPF_AND, BPF_JA, BPF_JEQ, BPF_JGE, BPF_JGT, BPF_JMP, BPF_K,
    BPF_LD, BPF_RET, BPF_W,
};

/// How one 64-bit argument is compared with a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    /// (argument & mask) == (value & mask): "the masked datum", as libseccomp says.
    MaskedEq(u64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cond {
    pub arg: u8,
    pub op: Op,
    pub value: u64,
}

/// Per syscall number: None matches always; Some(rules) when any rule's conditions all hold.
pub type Rules = BTreeMap<i64, Option<Vec<Vec<Cond>>>>;

/// The kernel refuses longer programs (BPF_MAXINSNS).
const MAX_LEN: usize = 4096;
const ARCH_OFFSET: u32 = 4;
const ARGS_OFFSET: u32 = 16;
/// A jump still to be pointed at the end of its rule.
const FAIL: u8 = u8::MAX;

#[cfg(target_arch = "aarch64")]
pub(crate) const AUDIT_ARCH: u32 = 0xC000_00B7;
#[cfg(not(target_arch = "aarch64"))]
pub(crate) const AUDIT_ARCH: u32 = 0xC000_003E;

fn stmt(code: u32, k: u32) -> sock_filter {
    sock_filter {
        code: code as u16,
        jt: 0,
        jf: 0,
        k,
    }
}

fn jump(code: u32, k: u32, jt: u8, jf: u8) -> sock_filter {
    sock_filter {
        code: (BPF_JMP | code | BPF_K) as u16,
        jt,
        jf,
        k,
    }
}

fn ret(action: u32) -> sock_filter {
    stmt(BPF_RET | BPF_K, action)
}

/// Runs of the number line with one verdict; each starts where the one before ends.
enum Seg<'a> {
    Mismatch,
    Match,
    Rules(&'a [Vec<Cond>]),
}

/// The program: this architecture only (any other is killed, as seccompiler does), `matched` for
/// the syscalls `rules` match, `mismatch` for the rest.
pub fn compile(rules: &Rules, mismatch: u32, matched: u32) -> anyhow::Result<Vec<sock_filter>> {
    let mut segs: Vec<(u32, Seg<'_>)> = Vec::new();
    let mut next = 0u32;
    for (&n, r) in rules {
        let n = u32::try_from(n).map_err(|_| anyhow!("syscall number {n} out of range"))?;
        if n > next || segs.is_empty() && n > 0 {
            segs.push((next, Seg::Mismatch));
        }
        match r {
            None if n == next && matches!(segs.last(), Some((_, Seg::Match))) => {}
            None => segs.push((n, Seg::Match)),
            Some(r) => segs.push((n, Seg::Rules(r))),
        }
        next = n + 1;
    }
    segs.push((next, Seg::Mismatch));
    let mut prog = vec![
        stmt(BPF_LD | BPF_W | BPF_ABS, ARCH_OFFSET),
        jump(BPF_JEQ, AUDIT_ARCH, 1, 0),
        ret(libc::SECCOMP_RET_KILL_PROCESS),
        stmt(BPF_LD | BPF_W | BPF_ABS, 0),
    ];
    prog.extend(tree(&segs, mismatch, matched)?);
    if prog.len() > MAX_LEN {
        bail!(
            "the filter needs {} instructions, more than the kernel's {MAX_LEN}",
            prog.len()
        );
    }
    Ok(prog)
}

/// The segments' verdicts for the syscall number in the accumulator.
fn tree(segs: &[(u32, Seg<'_>)], mismatch: u32, matched: u32) -> anyhow::Result<Vec<sock_filter>> {
    if let [(_, seg)] = segs {
        return match seg {
            Seg::Mismatch => Ok(vec![ret(mismatch)]),
            Seg::Match => Ok(vec![ret(matched)]),
            Seg::Rules(rules) => rules_block(rules, mismatch, matched),
        };
    }
    let mid = segs.len() / 2;
    let left = tree(&segs[..mid], mismatch, matched)?;
    let right = tree(&segs[mid..], mismatch, matched)?;
    let mut out = Vec::with_capacity(left.len() + right.len() + 2);
    match u8::try_from(left.len()) {
        Ok(skip) => out.push(jump(BPF_JGE, segs[mid].0, skip, 0)),
        Err(_) => {
            // Beyond a conditional jump's reach: through a long `ja`.
            out.push(jump(BPF_JGE, segs[mid].0, 0, 1));
            out.push(stmt(BPF_JMP | BPF_JA, left.len() as u32));
        }
    }
    out.extend(left);
    out.extend(right);
    Ok(out)
}

/// Each rule in turn: its conditions, a failing one going on to the next rule; all held, matched.
fn rules_block(
    rules: &[Vec<Cond>],
    mismatch: u32,
    matched: u32,
) -> anyhow::Result<Vec<sock_filter>> {
    let mut out = Vec::new();
    for rule in rules {
        let mut code: Vec<sock_filter> = rule.iter().flat_map(condition).collect();
        code.push(ret(matched));
        let end = code.len();
        for (i, ins) in code.iter_mut().enumerate() {
            let far = |x: u8| -> anyhow::Result<u8> {
                if x != FAIL {
                    return Ok(x);
                }
                u8::try_from(end - i - 1).map_err(|_| {
                    anyhow!("a rule with {} argument conditions is too long", rule.len())
                })
            };
            ins.jt = far(ins.jt)?;
            ins.jf = far(ins.jf)?;
        }
        out.extend(code);
    }
    out.push(ret(mismatch));
    Ok(out)
}

/// One condition; falls through when it holds, jumps to FAIL when not.
fn condition(c: &Cond) -> Vec<sock_filter> {
    let lo_at = ARGS_OFFSET + 8 * u32::from(c.arg);
    let hi = stmt(BPF_LD | BPF_W | BPF_ABS, lo_at + 4);
    let lo = stmt(BPF_LD | BPF_W | BPF_ABS, lo_at);
    let value = match c.op {
        Op::MaskedEq(mask) => c.value & mask,
        _ => c.value,
    };
    let (vh, vl) = ((value >> 32) as u32, value as u32);
    match c.op {
        Op::Eq => vec![
            hi,
            jump(BPF_JEQ, vh, 0, FAIL),
            lo,
            jump(BPF_JEQ, vl, 0, FAIL),
        ],
        // Holds when either half differs.
        Op::Ne => vec![hi, jump(BPF_JEQ, vh, 0, 2), lo, jump(BPF_JEQ, vl, FAIL, 0)],
        Op::MaskedEq(mask) => vec![
            hi,
            stmt(BPF_ALU | BPF_AND | BPF_K, (mask >> 32) as u32),
            jump(BPF_JEQ, vh, 0, FAIL),
            lo,
            stmt(BPF_ALU | BPF_AND | BPF_K, mask as u32),
            jump(BPF_JEQ, vl, 0, FAIL),
        ],
        // The high halves decide unless equal; then the low ones.
        Op::Gt | Op::Ge => vec![
            hi,
            jump(BPF_JGT, vh, 3, 0),
            jump(BPF_JEQ, vh, 0, FAIL),
            lo,
            jump(if c.op == Op::Gt { BPF_JGT } else { BPF_JGE }, vl, 0, FAIL),
        ],
        Op::Lt | Op::Le => vec![
            hi,
            jump(BPF_JGT, vh, FAIL, 0),
            jump(BPF_JEQ, vh, 0, 2),
            lo,
            jump(if c.op == Op::Lt { BPF_JGE } else { BPF_JGT }, vl, FAIL, 0),
        ],
    }
}

/// The verdict of a program for a syscall: a classic BPF interpreter for the instructions both
/// compilers emit (tests here and of the profiles).
#[cfg(test)]
pub(crate) fn run(prog: &[sock_filter], nr: u32, arch: u32, args: &[u64; 6]) -> u32 {
    let mut data = vec![nr, arch, 0, 0];
    for a in args {
        data.extend([*a as u32, (*a >> 32) as u32]);
    }
    let (mut a, mut pc) = (0u32, 0usize);
    loop {
        let i = prog[pc];
        pc += 1;
        let code = u32::from(i.code);
        match code {
            c if c == BPF_LD | BPF_W | BPF_ABS => a = data[i.k as usize / 4],
            c if c == BPF_ALU | BPF_AND | BPF_K => a &= i.k,
            c if c == BPF_JMP | BPF_JA => pc += i.k as usize,
            c if c & 0x07 == BPF_JMP => {
                let taken = match c & 0xf0 {
                    x if x == BPF_JEQ => a == i.k,
                    x if x == BPF_JGT => a > i.k,
                    x if x == BPF_JGE => a >= i.k,
                    other => panic!("jump {other:#x}"),
                };
                pc += usize::from(if taken { i.jt } else { i.jf });
            }
            c if c == BPF_RET | BPF_K => return i.k,
            other => panic!("opcode {other:#x}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use seccompiler::{
        SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter, SeccompRule,
    };

    fn reference(
        rules: &Rules,
        mismatch: SeccompAction,
        matched: SeccompAction,
    ) -> Vec<sock_filter> {
        let map = rules
            .iter()
            .map(|(n, r)| {
                let r = r.iter().flatten().map(|conds| {
                    let conds = conds
                        .iter()
                        .map(|c| {
                            let op = match c.op {
                                Op::Eq => SeccompCmpOp::Eq,
                                Op::Ne => SeccompCmpOp::Ne,
                                Op::Lt => SeccompCmpOp::Lt,
                                Op::Le => SeccompCmpOp::Le,
                                Op::Gt => SeccompCmpOp::Gt,
                                Op::Ge => SeccompCmpOp::Ge,
                                Op::MaskedEq(m) => SeccompCmpOp::MaskedEq(m),
                            };
                            SeccompCondition::new(c.arg, SeccompCmpArgLen::Qword, op, c.value)
                                .unwrap()
                        })
                        .collect();
                    SeccompRule::new(conds).unwrap()
                });
                (*n, r.collect())
            })
            .collect();
        let f =
            SeccompFilter::new(map, mismatch, matched, crate::runtime::seccomp::arch()).unwrap();
        let p: seccompiler::BpfProgram = f.try_into().unwrap();
        p.iter()
            .map(|i| sock_filter {
                code: i.code,
                jt: i.jt,
                jf: i.jf,
                k: i.k,
            })
            .collect()
    }

    const VALUES: [u64; 8] = [
        0,
        1,
        5,
        0xffff_ffff,
        1 << 32,
        (1 << 32) + 5,
        u64::MAX,
        0x7E02_0000,
    ];

    fn cond() -> impl Strategy<Value = Cond> {
        (
            0u8..3,
            0usize..7,
            0usize..VALUES.len(),
            0usize..VALUES.len(),
        )
            .prop_map(|(arg, op, v, m)| {
                let op = [
                    Op::Eq,
                    Op::Ne,
                    Op::Lt,
                    Op::Le,
                    Op::Gt,
                    Op::Ge,
                    Op::MaskedEq(VALUES[m]),
                ][op];
                Cond {
                    arg,
                    op,
                    value: VALUES[v],
                }
            })
    }

    fn rules() -> impl Strategy<Value = Rules> {
        let rule = prop::option::weighted(
            0.4,
            prop::collection::vec(prop::collection::vec(cond(), 1..4), 1..4),
        );
        prop::collection::btree_map(0i64..80, rule, 0..50)
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 200,
            // The failures found (the masked datum, first) are replayed first on every run.
            failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(
                "tests/fuzz/bpf-regressions.txt",
            ))),
            ..ProptestConfig::default()
        })]
        /// Every verdict is seccompiler's, for every number, argument boundaries and architecture.
        #[test]
        fn verdicts_are_seccompilers(rules in rules(), args in prop::collection::vec(prop::array::uniform6(0usize..VALUES.len()), 8)) {
            let (miss, hit) = (SeccompAction::Errno(1), SeccompAction::Allow);
            let ours = compile(&rules, u32::from(miss.clone()), u32::from(hit.clone())).unwrap();
            let theirs = reference(&rules, miss, hit);
            for nr in (0..90).chain([0x4000_0003, u32::MAX]) {
                for a in &args {
                    let a = a.map(|i| VALUES[i]);
                    prop_assert_eq!(run(&ours, nr, AUDIT_ARCH, &a), run(&theirs, nr, AUDIT_ARCH, &a), "nr {} args {:?}", nr, a);
                }
            }
            prop_assert_eq!(run(&ours, 0, 0x4000_0003, &[0; 6]), libc::SECCOMP_RET_KILL_PROCESS);
        }
    }

    #[test]
    fn long_left_branches_go_through_ja() {
        // 400 conditional syscalls: the root's left subtree is far beyond 255 instructions.
        let cond = Cond {
            arg: 0,
            op: Op::Eq,
            value: 7,
        };
        let rules: Rules = (0..400).map(|n| (n * 2, Some(vec![vec![cond]]))).collect();
        let p = compile(&rules, 1, 2).unwrap();
        assert!(p.iter().any(|i| u32::from(i.code) == BPF_JMP | BPF_JA));
        for nr in 0..820u32 {
            let want = if nr % 2 == 0 && nr < 800 { 2 } else { 1 };
            assert_eq!(run(&p, nr, AUDIT_ARCH, &[7, 0, 0, 0, 0, 0]), want, "{nr}");
            assert_eq!(run(&p, nr, AUDIT_ARCH, &[8, 0, 0, 0, 0, 0]), 1, "{nr}");
        }
        let huge: Rules = (0..3000).map(|n| (n * 2, Some(vec![vec![cond]]))).collect();
        assert!(compile(&huge, 1, 2).is_err());
    }
}
