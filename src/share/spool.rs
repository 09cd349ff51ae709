//! A place to put the middle of a page while its top waits for something known only at the
//! end (an input's verdict, how many messages were flagged): kept in memory while small,
//! moved to a temporary file in the system's temporary folder once it grows, so a report of
//! a chat where every message is flagged does not hold every rendered message.
//!
//! Owns that temporary file: created only readable by this user, and removed when the spool
//! is dropped (on Unix as soon as it is opened, so not even a killed process leaves it
//! behind). It is never beside the input or the output.

use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

/// Above this many bytes the spool moves to a temporary file.
pub const IN_MEMORY_MAX: usize = 4 << 20;

/// Bytes written now and copied out later, in memory or in a temporary file.
#[derive(Default)]
pub struct Spool {
    memory: Vec<u8>,
    file: Option<BufWriter<File>>,
    /// The temporary file's name while it still has one (systems that cannot remove an
    /// open file): removed on drop.
    path: Option<PathBuf>,
    /// No temporary file could be made: stay in memory.
    memory_only: bool,
}

impl Spool {
    /// An empty spool.
    pub fn new() -> Spool {
        Spool::default()
    }

    /// Copy everything written so far to `out`, and empty the spool.
    pub fn copy_to(&mut self, out: &mut (impl Write + ?Sized)) -> io::Result<()> {
        if let Some(w) = &mut self.file {
            w.flush()?;
            let file = w.get_mut();
            file.seek(SeekFrom::Start(0))?;
            io::copy(file, out)?;
            file.seek(SeekFrom::Start(0))?;
            file.set_len(0)?;
        }
        out.write_all(&self.memory)?;
        self.memory.clear();
        Ok(())
    }

    /// Move what is in memory to a new temporary file.
    fn spill(&mut self) -> io::Result<()> {
        let (file, path) = temp_file()?;
        // Unix lets an open file lose its name: then nothing is left even if we are killed.
        self.path = std::fs::remove_file(&path).is_err().then_some(path);
        let mut w = BufWriter::new(file);
        w.write_all(&self.memory)?;
        self.memory = Vec::new();
        self.file = Some(w);
        Ok(())
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(w) = &mut self.file {
            return w.write(buf);
        }
        self.memory.extend_from_slice(buf);
        // Without a usable temporary folder the spool stays in memory, as pages were made
        // before.
        if self.memory.len() > IN_MEMORY_MAX && !self.memory_only && self.spill().is_err() {
            self.memory_only = true;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        // Closed first: some systems cannot remove an open file.
        self.file = None;
        if let Some(path) = self.path.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A new file in the temporary folder, readable by this user only, with a name no one
/// else uses.
fn temp_file() -> io::Result<(File, PathBuf)> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir();
    let pid = std::process::id();
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    for _ in 0..100 {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!("saq-{pid}-{n}.part"));
        match options.open(&path) {
            Ok(file) => return Ok((file, path)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::ErrorKind::AlreadyExists.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_big_spool_comes_back_whole_and_leaves_no_file() {
        let mut spool = Spool::new();
        let line = "Сообщение «код из СМС» <mark>\n".repeat(1000);
        let mut expected = String::new();
        while expected.len() <= 2 * IN_MEMORY_MAX {
            spool.write_all(line.as_bytes()).unwrap();
            expected.push_str(&line);
        }
        assert!(spool.file.is_some(), "moved to a temporary file");
        let mut out = Vec::new();
        spool.copy_to(&mut out).unwrap();
        assert_eq!(out, expected.as_bytes());
        // Emptied: a second section starts from nothing.
        spool.write_all(b"next").unwrap();
        let mut again = Vec::new();
        spool.copy_to(&mut again).unwrap();
        assert_eq!(again, b"next");
    }
}
