//! Parallel gzip, as pigz does it: the input in 1 MiB blocks, each compressed as raw deflate on
//! its own core with the previous block's last 32 KiB as its dictionary and ended by a sync flush
//! (the last one finished), the pieces joined into one ordinary gzip member. Any gunzip reads it;
//! the output depends only on the input and the level, not on the number of threads.

use std::io::{self, Read, Write};

use flate2::{Compress, Compression, FlushCompress, Status};

const BLOCK: usize = 1 << 20;
const DICT: usize = 32 << 10;

fn deflate_block(data: &[u8], dict: &[u8], level: u32, last: bool) -> io::Result<Vec<u8>> {
    let mut c = Compress::new(Compression::new(level), false);
    if !dict.is_empty() {
        c.set_dictionary(dict).map_err(io::Error::other)?;
    }
    let mut out = Vec::with_capacity(data.len() + data.len() / 100 + 1024);
    let flush = if last {
        FlushCompress::Finish
    } else {
        FlushCompress::Sync
    };
    loop {
        let consumed = c.total_in() as usize;
        if out.capacity() - out.len() < 1024 {
            out.reserve(BLOCK / 4);
        }
        let status = c
            .compress_vec(&data[consumed..], &mut out, flush)
            .map_err(io::Error::other)?;
        let done_input = c.total_in() as usize == data.len();
        match status {
            Status::StreamEnd => break,
            // A sync flush is complete once all input is in and output room was left over.
            _ if !last && done_input && out.capacity() - out.len() >= 1024 => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Read exactly one block (less only at the end of the input).
fn read_block(r: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; BLOCK];
    let mut n = 0;
    while n < BLOCK {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    buf.truncate(n);
    Ok(buf)
}

/// Compress `input` into `out` as one gzip member using `threads` cores.
pub fn compress<W: Write>(
    mut input: impl Read,
    mut out: W,
    level: u32,
    threads: usize,
) -> io::Result<W> {
    let threads = threads.max(1);
    // Header: no name, no mtime (reproducible), OS unknown.
    out.write_all(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255])?;
    let mut crc = flate2::Crc::new();
    let mut prev_tail: Vec<u8> = Vec::new();
    let mut next = read_block(&mut input)?;
    loop {
        // A batch of blocks, with one block of look-ahead to know which is the last.
        let mut batch = Vec::with_capacity(threads);
        let mut last_seen = false;
        while batch.len() < threads {
            let cur = std::mem::take(&mut next);
            next = if cur.len() == BLOCK {
                read_block(&mut input)?
            } else {
                Vec::new()
            };
            let last = next.is_empty();
            batch.push((cur, last));
            if last {
                last_seen = true;
                break;
            }
        }
        let mut dicts = Vec::with_capacity(batch.len());
        for (i, (data, _)) in batch.iter().enumerate() {
            let d = if i == 0 {
                prev_tail.clone()
            } else {
                let p = &batch[i - 1].0;
                p[p.len().saturating_sub(DICT)..].to_vec()
            };
            dicts.push(d);
            crc.update(data);
        }
        let results: Vec<io::Result<Vec<u8>>> = std::thread::scope(|s| {
            let handles: Vec<_> = batch
                .iter()
                .zip(&dicts)
                .map(|((data, last), dict)| {
                    s.spawn(move || deflate_block(data, dict, level, *last))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(io::Error::other("compression thread panicked")))
                })
                .collect()
        });
        for r in results {
            out.write_all(&r?)?;
        }
        if let Some((data, _)) = batch.last() {
            prev_tail = data[data.len().saturating_sub(DICT)..].to_vec();
        }
        if last_seen {
            break;
        }
    }
    out.write_all(&crc.sum().to_le_bytes())?;
    out.write_all(&crc.amount().to_le_bytes())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gunzip(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(data)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn any_gunzip_reads_it_and_threads_do_not_change_it() {
        // Compressible and incompressible parts, a few blocks and a partial one.
        let mut input = Vec::new();
        let mut x: u32 = 1;
        for i in 0..(3 * BLOCK + 12345) {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            input.push(if i % 3 == 0 {
                (x >> 16) as u8
            } else {
                b'a' + (i % 7) as u8
            });
        }
        let one = compress(&input[..], Vec::new(), 6, 1).unwrap();
        let four = compress(&input[..], Vec::new(), 6, 4).unwrap();
        assert_eq!(one, four);
        assert_eq!(gunzip(&four), input);
        // The system's gzip agrees (CRC and length in the trailer).
        let empty = compress(&[][..], Vec::new(), 6, 2).unwrap();
        assert_eq!(gunzip(&empty), Vec::<u8>::new());
        let exact = compress(&input[..BLOCK], Vec::new(), 1, 2).unwrap();
        assert_eq!(gunzip(&exact), &input[..BLOCK]);
    }
}
