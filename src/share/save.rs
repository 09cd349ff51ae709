//! Writing a report file safely: the bytes go to a temporary file beside the target, which
//! then takes the target's name in one step (no half-written report is ever seen), and an
//! existing file is never replaced unless the caller says so.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The write buffer of a report (a file, or `saq check`'s standard output): a big chat's
/// JSON is bigger than the chat, and 8 KiB writes were 23 000 system calls for a 100 MB
/// export.
pub const WRITE_BUFFER: usize = 256 * 1024;

/// Write `bytes` to `path` atomically. Without `overwrite`, an existing `path` is an
/// [`Error::Exists`] and is left untouched.
pub fn write_new(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), Error> {
    write_new_with(path, overwrite, |w| {
        let _ = w.write_all(bytes);
    })
}

/// [`write_new`] with the bytes written by `fill` as they come (a big report is never held
/// whole): they go to the temporary file, which takes `path`'s name only if every write
/// succeeded. `fill`'s result is passed on.
pub fn write_new_with<T>(
    path: &Path,
    overwrite: bool,
    fill: impl FnOnce(&mut dyn Write) -> T,
) -> Result<T, Error> {
    let io = |source: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if !overwrite && path.symlink_metadata().is_ok() {
        return Err(Error::Exists {
            path: path.to_path_buf(),
        });
    }
    let (tmp, file) = temp_beside(path).map_err(io)?;
    let mut w = Recording {
        inner: std::io::BufWriter::with_capacity(WRITE_BUFFER, file),
        error: None,
    };
    let out = fill(&mut w);
    let _ = w.flush();
    let written = match w.error.take() {
        Some(e) => Err(io(e)),
        None => w
            .inner
            .into_inner()
            .map_err(|e| io(e.into_error()))
            .and_then(|file| file.sync_all().map_err(io)),
    };
    let placed = written.and_then(|()| {
        if overwrite {
            std::fs::rename(&tmp, path).map_err(io)
        } else {
            place_no_clobber(&tmp, path)
        }
    });
    // The temporary name is gone after a rename; after a hard link or a failure it is not.
    let _ = std::fs::remove_file(&tmp);
    placed.map(|()| out)
}

/// A writer that keeps the first error it met (a writer's caller may stop at an error
/// without saying so), so that a half-written report never takes the target's name.
struct Recording<W: Write> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: Write> Recording<W> {
    fn keep<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        r.map_err(|e| {
            let kind = e.kind();
            self.error.get_or_insert(e);
            std::io::Error::from(kind)
        })
    }
}

impl<W: Write> Write for Recording<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.keep(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.keep(r)
    }
}

/// Give `tmp` the name `path` unless `path` exists: a hard link fails atomically on an
/// existing name. File systems without hard links (FAT on a USB stick) fall back to a check
/// then a rename.
fn place_no_clobber(tmp: &Path, path: &Path) -> Result<(), Error> {
    match std::fs::hard_link(tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::Exists {
            path: path.to_path_buf(),
        }),
        Err(_) if path.symlink_metadata().is_ok() => Err(Error::Exists {
            path: path.to_path_buf(),
        }),
        Err(_) => std::fs::rename(tmp, path).map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// A new, empty file in `path`'s folder with a name no one else uses.
fn temp_beside(path: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let stem = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let pid = std::process::id();
    let mut last = None;
    for n in 0..100u32 {
        let tmp = dir.join(format!(".{stem}.saq-{pid}-{n}.tmp"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("saq-save-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("temp dir");
        d
    }

    #[test]
    fn writes_a_new_file_and_leaves_no_temporary() {
        let d = dir("new");
        let p = d.join("report.html");
        write_new(&p, b"<p>1</p>", false).expect("written");
        assert_eq!(std::fs::read(&p).expect("read"), b"<p>1</p>");
        let names: Vec<_> = std::fs::read_dir(&d).expect("dir").flatten().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn never_replaces_an_existing_file_unless_asked() {
        let d = dir("exists");
        let p = d.join("report.html");
        std::fs::write(&p, b"old").expect("seed");
        assert!(matches!(
            write_new(&p, b"new", false),
            Err(Error::Exists { .. })
        ));
        assert_eq!(std::fs::read(&p).expect("read"), b"old");
        assert_eq!(std::fs::read_dir(&d).expect("dir").count(), 1);
        write_new(&p, b"new", true).expect("overwritten when asked");
        assert_eq!(std::fs::read(&p).expect("read"), b"new");
    }

    #[test]
    fn the_first_write_error_is_kept_even_if_the_caller_drops_it() {
        let mut w = Recording {
            inner: FailingWriter(Some(std::io::Error::other("disk full"))),
            error: None,
        };
        // A caller that ignores the error (as a report writer stopping early may).
        let _ = w.write_all(b"<p>half");
        assert!(w.write_all(b"rest").is_ok());
        let kept = w.error.take().expect("the error was kept");
        assert_eq!(kept.to_string(), "disk full");
    }

    /// Fails its first write with the error it holds.
    struct FailingWriter(Option<std::io::Error>);

    impl Write for FailingWriter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            match self.0.take() {
                Some(e) => Err(e),
                None => Ok(buf.len()),
            }
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_report_written_as_it_comes_is_placed_whole() {
        let d = dir("streamed");
        let p = d.join("report.json");
        let n = write_new_with(&p, false, |w| {
            for i in 0..10_000 {
                let _ = writeln!(w, "line {i}");
            }
            10_000
        })
        .expect("written");
        assert_eq!(n, 10_000);
        let text = std::fs::read_to_string(&p).expect("read");
        assert_eq!(text.lines().count(), 10_000);
        assert_eq!(std::fs::read_dir(&d).expect("dir").count(), 1);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_path() {
        let p = dir("missing").join("no/such/report.html");
        match write_new(&p, b"x", false) {
            Err(Error::Write { path, .. }) => assert_eq!(path, p),
            other => panic!("{other:?}"),
        }
    }
}
