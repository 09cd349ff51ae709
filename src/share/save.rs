//! Writing a report file safely: the bytes go to a temporary file beside the target, which
//! then takes the target's name in one step (no half-written report is ever seen), and an
//! existing file is never replaced unless the caller says so.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Write `bytes` to `path` atomically. Without `overwrite`, an existing `path` is an
/// [`Error::Exists`] and is left untouched.
pub fn write_new(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), Error> {
    let io = |source: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if !overwrite && path.symlink_metadata().is_ok() {
        return Err(Error::Exists {
            path: path.to_path_buf(),
        });
    }
    let (tmp, mut file) = temp_beside(path).map_err(io)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(io);
    drop(file);
    let placed = written.and_then(|()| {
        if overwrite {
            std::fs::rename(&tmp, path).map_err(io)
        } else {
            place_no_clobber(&tmp, path)
        }
    });
    // The temporary name is gone after a rename; after a hard link or a failure it is not.
    let _ = std::fs::remove_file(&tmp);
    placed
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
    fn a_missing_folder_is_an_error_naming_the_path() {
        let p = dir("missing").join("no/such/report.html");
        match write_new(&p, b"x", false) {
            Err(Error::Write { path, .. }) => assert_eq!(path, p),
            other => panic!("{other:?}"),
        }
    }
}
